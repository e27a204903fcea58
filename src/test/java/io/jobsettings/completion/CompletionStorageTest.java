package io.jobsettings.completion;

import static io.jobsettings.completion.JobEvents.job;
import static io.jobsettings.completion.JobEvents.putJobObject;
import static io.jobsettings.completion.JobEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.S3Server;
import io.jobsettings.testing.SqsBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;

/** A finished job's snapshots reach the environment's own bucket through the completion handler. */
@QuarkusTest
@TestProfile(CompletionProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class CompletionStorageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SettingsService settings;

    private NotifiedEnvironment environment;
    private String bucket;

    @BeforeEach
    void environmentWithCustomStorageAndRollback() throws Exception {
        environment = NotifiedEnvironment.fresh(settings, "storage", null);
        bucket = "customer-" + Long.toString(System.nanoTime(), 36);
        LocalStoresResource.stores().s3().createBucket(bucket);
        settings.patch(environment.envId(), MAPPER.readTree("""
                {"jobs": {"rollbackOnFailure": true},
                 "storage": {"snapshots": {"bucket": "%s", "region": "us-east-1", "prefix": "etl/",
                                           "accessKeyId": "%s", "secretAccessKey": "%s"}}}
                """.formatted(bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY)), Optional.empty());
    }

    @Test
    void completedJobsSnapshotIsCommittedToTheCustomerBucketWithAManifest() throws Exception {
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        putJobObject(completed.get("s3_root").asText() + "/snapshots/Account.jsonl", "{\"Id\": \"001\"}\n");

        List<String> failures = SqsBatch.of().withMessage(statusChanged(completed)).send();

        assertThat(failures).isEmpty();
        ObjectNode manifest = manifest();
        assertThat(manifest.at("/current/jobId").asText()).isEqualTo(completed.get("job_id").asText());
        String key = manifest.at("/current/files/0/key").asText();
        assertThat(key).startsWith("etl/" + environment.envId() + "/cust-0042/snapshots/").endsWith("/Account.jsonl");
        assertThat(read(key)).isEqualTo("{\"Id\": \"001\"}\n");
    }

    @Test
    void failedJobWithRollbackKeepsThePreviousSnapshotAndSlackSaysItWasRolledBack() throws Exception {
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        putJobObject(completed.get("s3_root").asText() + "/snapshots/Account.jsonl", "previous\n");
        SqsBatch.of().withMessage(statusChanged(completed)).send();
        String manifestBefore = manifest().toString();
        ObjectNode failed = job(environment.envId(), "SYNC_FAILED");
        putJobObject(failed.get("s3_root").asText() + "/snapshots/Account.jsonl", "half-done\n");

        List<String> failures = SqsBatch.of().withMessage(statusChanged(failed)).send();

        assertThat(failures).isEmpty();
        assertThat(manifest().toString()).isEqualTo(manifestBefore);
        assertThat(read(manifest().at("/current/files/0/key").asText())).isEqualTo("previous\n");
        assertThat(environment.slackRequests()).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("Rolled back"));
    }

    @Test
    void bucketThatIsMissingGetsTheMessageRetriedAndKeepsTheOutputsInTheJobsBucket() throws Exception {
        LocalStoresResource.stores().s3().deleteBucket(bucket);
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        String output = completed.get("s3_root").asText() + "/snapshots/Account.jsonl";
        putJobObject(output, "kept\n");

        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(statusChanged(completed));
        List<String> failures = batch.send();

        assertThat(failures).containsExactly(messageId);
        try (S3Client s3 = platformClient()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalStores.JOBS_BUCKET).key(output)).asUtf8String())
                    .isEqualTo("kept\n");
        }
    }

    private ObjectNode manifest() throws Exception {
        String key = "etl/" + environment.envId() + "/cust-0042/snapshots/manifest.json";
        return (ObjectNode) MAPPER.readTree(read(key));
    }

    private String read(String key) {
        try (S3Client s3 = platformClient()) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
        }
    }

    private static S3Client platformClient() {
        return LocalStoresResource.stores().s3().client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }
}
