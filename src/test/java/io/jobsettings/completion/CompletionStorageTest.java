package io.jobsettings.completion;

import static io.jobsettings.completion.JobEvents.job;
import static io.jobsettings.completion.JobEvents.putJobObject;
import static io.jobsettings.completion.JobEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    @Inject
    SettingsService settings;

    private NotifiedEnvironment environment;
    private CustomerBucket bucket;

    @BeforeEach
    void environmentWithCustomStorageAndRollback() throws Exception {
        environment = NotifiedEnvironment.fresh(settings, "storage", null);
        bucket = CustomerBucket.forSnapshotsOf(settings, environment.envId(), "{\"rollbackOnFailure\": true}");
    }

    @Test
    void completedJobsSnapshotIsCommittedToTheCustomerBucketWithAManifest() throws Exception {
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        putJobObject(completed.get("s3_root").asText() + "/snapshots/Account.jsonl", "{\"Id\": \"001\"}\n");

        List<String> failures = SqsBatch.of().withMessage(statusChanged(completed)).send();

        assertThat(failures).isEmpty();
        ObjectNode manifest = bucket.snapshotManifest();
        assertThat(manifest.at("/current/jobId").asText()).isEqualTo(completed.get("job_id").asText());
        String key = manifest.at("/current/files/0/key").asText();
        assertThat(key).startsWith("etl/" + environment.envId() + "/cust-0042/snapshots/").endsWith("/Account.jsonl");
        assertThat(bucket.read(key)).isEqualTo("{\"Id\": \"001\"}\n");
    }

    @Test
    void failedJobWithRollbackKeepsThePreviousSnapshotAndSlackSaysItWasRolledBack() throws Exception {
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        putJobObject(completed.get("s3_root").asText() + "/snapshots/Account.jsonl", "previous\n");
        SqsBatch.of().withMessage(statusChanged(completed)).send();
        String manifestBefore = bucket.snapshotManifest().toString();
        ObjectNode failed = job(environment.envId(), "SYNC_FAILED");
        putJobObject(failed.get("s3_root").asText() + "/snapshots/Account.jsonl", "half-done\n");

        List<String> failures = SqsBatch.of().withMessage(statusChanged(failed)).send();

        assertThat(failures).isEmpty();
        assertThat(bucket.snapshotManifest().toString()).isEqualTo(manifestBefore);
        assertThat(bucket.read(bucket.snapshotManifest().at("/current/files/0/key").asText())).isEqualTo("previous\n");
        assertThat(environment.slackRequests()).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("Rolled back"));
    }

    @Test
    void bucketThatIsMissingGetsTheMessageRetriedAndKeepsTheOutputsInTheJobsBucket() throws Exception {
        bucket.delete();
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        String output = completed.get("s3_root").asText() + "/snapshots/Account.jsonl";
        putJobObject(output, "kept\n");

        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(statusChanged(completed));
        List<String> failures = batch.send();

        assertThat(failures).containsExactly(messageId);
        try (S3Client s3 = LocalStoresResource.stores().s3().client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalStores.JOBS_BUCKET).key(output)).asUtf8String())
                    .isEqualTo("kept\n");
        }
    }
}
