package io.jobsettings.completion;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A customer's own bucket on the local S3 server, set as an environment's {@code storage.snapshots} under prefix
 * {@value #PREFIX}, with the job settings a test asks for; and what a reader of that bucket would see.
 */
final class CustomerBucket {

    static final String PREFIX = "etl/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final String envId;

    private CustomerBucket(String name, String envId) {
        this.name = name;
        this.envId = envId;
    }

    /** Creates the bucket and points the environment's snapshots at it; {@code jobs} is a JSON object or "{}". */
    static CustomerBucket forSnapshotsOf(SettingsService settings, String envId, String jobs) throws Exception {
        CustomerBucket bucket = new CustomerBucket("customer-" + Long.toString(System.nanoTime(), 36), envId);
        LocalStoresResource.stores().s3().createBucket(bucket.name);
        settings.patch(envId, MAPPER.readTree("""
                {"jobs": %s,
                 "storage": {"snapshots": {"bucket": "%s", "region": "us-east-1", "prefix": "%s",
                                           "accessKeyId": "%s", "secretAccessKey": "%s"}}}
                """.formatted(jobs, bucket.name, PREFIX, S3Server.ACCESS_KEY, S3Server.SECRET_KEY)),
                Optional.empty());
        return bucket;
    }

    String name() {
        return name;
    }

    /** The current snapshot manifest of tenant cust-0042. */
    ObjectNode snapshotManifest() throws Exception {
        return (ObjectNode) MAPPER.readTree(read(PREFIX + envId + "/cust-0042/snapshots/manifest.json"));
    }

    String read(String key) {
        try (S3Client s3 = client()) {
            return s3.getObjectAsBytes(b -> b.bucket(name).key(key)).asUtf8String();
        }
    }

    List<String> keys() {
        return LocalStoresResource.stores().s3().keys(name);
    }

    void delete() {
        LocalStoresResource.stores().s3().deleteBucket(name);
    }

    private static S3Client client() {
        return LocalStoresResource.stores().s3().client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }
}
