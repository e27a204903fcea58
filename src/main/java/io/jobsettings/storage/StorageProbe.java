package io.jobsettings.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.jobsettings.settings.BucketSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Tries the actions the function set needs on a storage bucket (put, get, list, delete of a probe object) and
 * reports each one, so a customer can fix a bucket policy before a job's snapshots depend on it.
 */
@Singleton
public class StorageProbe {

    /** One action tried; {@code error} is what S3 said when it failed. */
    @RegisterForReflection
    public record Step(String action, boolean ok, String error) {
    }

    /** The whole probe: the bucket tried, where the probe object went, and each step. */
    @RegisterForReflection
    public record Report(String bucket, String key, boolean custom, boolean ok, List<Step> steps) {
    }

    private static final Logger LOG = Logger.getLogger(StorageProbe.class);

    private final S3Client platformS3;
    private final StorageClients clients;
    private final Optional<String> defaultBucket;

    public StorageProbe(S3Client platformS3, StorageClients clients,
            @ConfigProperty(name = "default.storage.bucket") Optional<String> defaultBucket) {
        this.platformS3 = platformS3;
        this.clients = clients;
        this.defaultBucket = defaultBucket;
    }


    /** Probes the customer's bucket, or the platform's default bucket when {@code custom} is null. */
    public Report probe(String envId, BucketSettings custom) {
        if (custom != null) {
            try (S3Client s3 = clients.forCustomer(custom, StorageClients.Use.PROBE)) {
                return run(s3, custom.bucket(), custom.prefix() + envId + "/", true);
            }
        }
        String bucket = defaultBucket.orElse(null);
        if (bucket == null) {
            Step missing = new Step("configuration", false, "DEFAULT_STORAGE_BUCKET is not set for this function");
            return new Report(null, null, false, false, List.of(missing));
        }
        return run(platformS3, bucket, envId + "/", false);
    }

    private Report run(S3Client s3, String bucket, String prefix, boolean custom) {
        String key = prefix + ".settings-probe/" + UUID.randomUUID();
        byte[] content = ("settings probe " + key).getBytes(StandardCharsets.UTF_8);

        List<Step> steps = new ArrayList<>();
        steps.add(attempt("s3:PutObject", () -> s3.putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromBytes(content))));
        steps.add(attempt("s3:GetObject", () -> {
            byte[] read = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            if (!Arrays.equals(read, content)) {
                throw new IllegalStateException("the object read back differs from the one written");
            }
        }));
        steps.add(attempt("s3:ListBucket", () -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1))));
        steps.add(attempt("s3:DeleteObject", () -> s3.deleteObject(b -> b.bucket(bucket).key(key))));

        boolean ok = steps.stream().allMatch(Step::ok);
        LOG.infof("storage probed: bucket=%s custom=%s ok=%s", bucket, custom, ok);
        return new Report(bucket, key, custom, ok, List.copyOf(steps));
    }

    private static Step attempt(String action, Runnable call) {
        try {
            call.run();
            return new Step(action, true, null);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            return new Step(action, false, (code != null ? code + ": " : "") + "HTTP " + e.statusCode());
        } catch (SdkException | IllegalStateException e) {
            return new Step(action, false, e.getMessage());
        }
    }
}
