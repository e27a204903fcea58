package io.jobsettings.testing;

import java.net.URI;
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

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3Server(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    public static S3Server start() {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        int port = Dynalite.freePort();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
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

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public void createBucket(String bucket) {
        blobStore.createContainerInLocation(null, bucket);
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
