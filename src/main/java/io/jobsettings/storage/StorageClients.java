package io.jobsettings.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.jobsettings.settings.BucketSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 clients for storage buckets. A customer's bucket is reached with the customer's own key pair; the platform's
 * default bucket with the function's role, through the function's own client.
 */
@Singleton
public class StorageClients {

    private final Optional<URI> endpointOverride;
    private final S3Client platformS3;
    private final Optional<String> defaultBucket;

    public StorageClients(@ConfigProperty(name = "customer.storage.endpoint-override") Optional<URI> customerEndpoint,
            @ConfigProperty(name = "quarkus.s3.endpoint-override") Optional<URI> platformEndpoint,
            @ConfigProperty(name = "default.storage.bucket") Optional<String> defaultBucket,
            S3Client platformS3) {
        this.endpointOverride = customerEndpoint.or(() -> platformEndpoint);
        this.platformS3 = platformS3;
        this.defaultBucket = defaultBucket;
    }

    /** Probes send a few bytes and must answer the caller quickly; copies move 8 MiB parts. */
    public enum Use {
        PROBE(Duration.ofSeconds(5), Duration.ofSeconds(8)),
        COPY(Duration.ofSeconds(30), Duration.ofSeconds(120));

        private final Duration socketTimeout;
        private final Duration attemptTimeout;

        Use(Duration socketTimeout, Duration attemptTimeout) {
            this.socketTimeout = socketTimeout;
            this.attemptTimeout = attemptTimeout;
        }
    }

    /** A client for one customer bucket; the caller closes it. */
    public S3Client forCustomer(BucketSettings bucket, Use use) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(use.socketTimeout))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(use.attemptTimeout))
                .region(Region.of(bucket.region()))
                .credentialsProvider(customerKeys(bucket))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpointOverride.ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    /** Where one kind of output goes: the custom bucket when set, else the platform's default bucket. */
    public StorageTarget targetFor(BucketSettings custom) {
        if (custom != null) {
            return new StorageTarget(custom.bucket(), custom.prefix(), true, forCustomer(custom, Use.COPY));
        }
        String bucket = defaultBucket.orElseThrow(() -> StorageFailure.permanent(null, "choose a storage bucket",
                "DEFAULT_STORAGE_BUCKET is not set for this function"));
        return new StorageTarget(bucket, "", false, platformS3);
    }

    private static StaticCredentialsProvider customerKeys(BucketSettings bucket) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(bucket.accessKeyId(), bucket.secretAccessKey()));
    }
}
