package io.jobsettings.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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
 * S3 clients for customers' own buckets, signed with the customer's key pair. They go to the same endpoint as the
 * platform's client, so a local S3-compatible server serves both in local runs and tests.
 */
@Singleton
public class StorageClients {

    private final Optional<URI> endpointOverride;

    public StorageClients(@ConfigProperty(name = "quarkus.s3.endpoint-override") Optional<URI> endpointOverride) {
        this.endpointOverride = endpointOverride;
    }

    /** A client for one customer bucket; the caller closes it. */
    public S3Client forCustomer(BucketSettings bucket) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)))
                .region(Region.of(bucket.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(bucket.accessKeyId(), bucket.secretAccessKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpointOverride.ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }
}
