package io.jobsettings.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy in this JVM over an in-memory blob store, checking AWS signatures for one key pair. */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "LOCALPLATFORMKEY0001";
    public static final String SECRET_KEY = "local/platform/secret/key/000000000000001";

    /**
     * S3Proxy's Jetty at INFO: unconfigured, the log manager leaves DEBUG on, and Jetty then formats a debug line for
     * every byte of a chunk-signed upload it reads, which slows uploads to a few MiB/s. Held here so it stays set.
     */
    private static final java.util.logging.Logger JETTY_LOG = quiet("org.gaul.shaded.org.eclipse.jetty");

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3Server(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    public static S3Server start() {
        return start(ACCESS_KEY, SECRET_KEY);
    }

    /** A server of its own that accepts only this key pair, standing in for a customer's account. */
    public static S3Server start(String accessKey, String secretKey) {
        return start(ContextBuilder.newBuilder("transient"), new Properties(), accessKey, secretKey);
    }

    /** A server that keeps its buckets as folders under {@code directory}: for objects too large for memory. */
    public static S3Server startOnDisk(Path directory, String accessKey, String secretKey) {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        return start(ContextBuilder.newBuilder("filesystem"), properties, accessKey, secretKey);
    }

    private static S3Server start(ContextBuilder store, Properties properties, String accessKey, String secretKey) {
        BlobStoreContext context = store
                .credentials(accessKey, secretKey)
                .overrides(properties)
                .build(BlobStoreContext.class);
        int port = Dynalite.freePort();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        return new S3Server(proxy, context.getBlobStore());
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.INFO);
        return logger;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public void createBucket(String bucket) {
        blobStore.createContainerInLocation(null, bucket);
    }

    public void deleteBucket(String bucket) {
        blobStore.deleteContainer(bucket);
    }

    /** A client for this server as the function builds its own: path-style, checksums only when required. */
    public software.amazon.awssdk.services.s3.S3Client client(String accessKey, String secretKey) {
        return software.amazon.awssdk.services.s3.S3Client.builder()
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(
                        software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Writes an object straight into the blob store, as a job run writes its outputs. */
    public void putObject(String bucket, String key, byte[] content) {
        blobStore.putBlob(bucket, blobStore.blobBuilder(key).payload(content).contentLength(content.length).build());
    }

    /** The keys in a bucket, read directly from the blob store. */
    public java.util.List<String> keys(String bucket) {
        return blobStore.list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())
                .stream().map(org.jclouds.blobstore.domain.StorageMetadata::getName).toList();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        }
    }
}
