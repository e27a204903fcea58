package io.jobsettings.completion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.jobsettings.completion.JobEvents.job;
import static io.jobsettings.completion.JobEvents.statusChanged;
import static io.jobsettings.testing.StoreFaults.connectionReset;
import static io.jobsettings.testing.StoreFaults.dynamoAction;
import static io.jobsettings.testing.StoreFaults.throttled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.S3Server;
import io.jobsettings.testing.SqsBatch;
import io.jobsettings.testing.StoreFaults;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The completion function while the settings table or S3 misbehaves, through proxies in front of the real local
 * stores. After each fault the message either finished (every channel once, the snapshot committed once) or comes
 * back for a retry with nothing half-done; the retry then finishes it without sending anything twice.
 */
@QuarkusTest
@TestProfile(CompletionProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class CompletionStoreFaultsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** One byte over a part: a multipart upload of two parts. */
    private static final int TWO_PARTS = 8 * 1024 * 1024 + 1;

    @Inject
    SettingsService settings;

    private final StoreFaults table = LocalStoresResource.tableFaults();
    private final StoreFaults s3 = LocalStoresResource.s3Faults();
    private NotifiedEnvironment environment;
    private String bucket;
    private ObjectNode completed;

    @BeforeEach
    void environmentWithCustomStorage() throws Exception {
        environment = NotifiedEnvironment.fresh(settings, "store-faults", null);
        bucket = "faults-" + Long.toString(System.nanoTime(), 36);
        LocalStoresResource.stores().s3().createBucket(bucket);
        settings.patch(environment.envId(), MAPPER.readTree("""
                {"storage": {"snapshots": {"bucket": "%s", "region": "us-east-1", "prefix": "etl/",
                                           "accessKeyId": "%s", "secretAccessKey": "%s"}}}
                """.formatted(bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY)), Optional.empty());
        completed = job(environment.envId(), "JOB_COMPLETED");
        putJobObject("snapshots/Account.jsonl", "{\"Id\": \"001\"}\n".getBytes());
    }

    @AfterEach
    void healTheStores() {
        table.clear();
        s3.clear();
    }

    @Test
    void tableUnreachableSendsNothingAndTheRetryDeliversEveryChannelOnce() throws Exception {
        table.everything(connectionReset());

        assertThat(sendOnce()).as("retried").isTrue();
        assertThat(environment.webhookRequests()).isEmpty();
        assertThat(environment.datadogRequests()).isEmpty();
        assertThat(committedKeys()).isEmpty();

        table.clear();
        assertThat(sendOnce()).as("retried").isFalse();
        assertDeliveredOnceAndCommitted();
    }

    @Test
    void briefThrottlingOfTheDeliveryLogIsAbsorbedAndNothingIsSentTwice() throws Exception {
        table.firstTimes(2, dynamoAction("UpdateItem"), throttled());

        assertThat(sendOnce()).as("retried").isFalse();

        assertThat(table.seen(StoreFaults.dynamoRequest("UpdateItem"))).as("claims and records, two of them throttled")
                .hasSizeGreaterThanOrEqualTo(6);
        assertDeliveredOnceAndCommitted();
        assertThat(sendOnce()).as("a redelivery is retried").isFalse();
        assertDeliveredOnceAndCommitted();
    }

    @Test
    void secondPartFailingAbortsTheUploadKeepsNoSnapshotAndTheRetryCommitsItWhole() throws Exception {
        byte[] large = new byte[TWO_PARTS];
        Arrays.fill(large, (byte) 'x');
        putJobObject("snapshots/Large.jsonl", large);
        s3.always(uploadPart("2"), connectionReset());

        assertThat(sendOnce()).as("retried").isTrue();
        assertThat(s3.seen(deleteRequestedFor(urlPathMatching("/" + bucket + "/.*"))
                .withQueryParam("uploadId", matching(".+"))))
                .as("the half-done upload is aborted").hasSize(1);
        assertThat(committedKeys()).as("no manifest, no finished large object")
                .noneMatch(key -> key.endsWith("/manifest.json") || key.endsWith("/Large.jsonl"));
        assertThat(environment.webhookRequests()).as("notifications do not wait for storage").hasSize(1);

        s3.clear();
        assertThat(sendOnce()).as("retried").isFalse();
        assertDeliveredOnceAndCommitted();
        String largeKey = manifest().at("/current/files").findValuesAsText("key").stream()
                .filter(key -> key.endsWith("/Large.jsonl")).findFirst().orElseThrow();
        assertThat(read(largeKey)).isEqualTo(large);
    }

    @Test
    void s3SlowingDownBrieflyIsRetriedInsideTheInvocation() throws Exception {
        s3.firstTimes(2, put(urlPathMatching("/" + bucket + "/.*")), aResponse().withStatus(503)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"));

        assertThat(sendOnce()).as("retried").isFalse();

        assertThat(s3.seen(putRequestedFor(urlPathMatching("/" + bucket + "/.*")))).hasSizeGreaterThan(2);
        assertDeliveredOnceAndCommitted();
    }

    @Test
    void customerBucketRefusingTheKeysIsRetriedNamingTheBucketAndSendsNoSecondNotification() throws Exception {
        s3.always(put(urlPathMatching("/" + bucket + "/.*")), aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided"
                        + " does not exist in our records.</Message></Error>"));

        assertThat(sendOnce()).as("retried").isTrue();
        assertThat(committedKeys()).isEmpty();

        s3.clear();
        assertThat(sendOnce()).as("retried").isFalse();
        assertDeliveredOnceAndCommitted();
    }

    /** Sends the job's status once; true when the function asks for the message back. */
    private boolean sendOnce() {
        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(statusChanged(completed));
        List<String> retry = batch.send();
        return retry.contains(messageId);
    }

    private void assertDeliveredOnceAndCommitted() throws Exception {
        assertThat(environment.webhookRequests()).hasSize(1);
        assertThat(environment.datadogRequests()).hasSize(1);
        assertThat(environment.slackRequests()).isEmpty();
        assertThat(manifest().at("/current/jobId").asText()).isEqualTo(completed.get("job_id").asText());
        assertThat(committedKeys()).filteredOn(key -> key.endsWith("/Account.jsonl")).hasSize(1);
    }

    private MappingBuilder uploadPart(String partNumber) {
        return put(urlPathMatching("/" + bucket + "/.*")).withQueryParam("partNumber", equalTo(partNumber))
                .withQueryParam("uploadId", matching(".+"));
    }

    private void putJobObject(String name, byte[] content) {
        LocalStoresResource.stores().s3().putObject(LocalStores.JOBS_BUCKET,
                completed.get("s3_root").asText() + "/" + name, content);
    }

    private List<String> committedKeys() {
        return LocalStoresResource.stores().s3().keys(bucket);
    }

    private ObjectNode manifest() throws Exception {
        String key = "etl/" + environment.envId() + "/cust-0042/snapshots/manifest.json";
        return (ObjectNode) MAPPER.readTree(read(key));
    }

    private byte[] read(String key) {
        try (S3Client client = LocalStoresResource.stores().s3().client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
            return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException missing) {
            throw new AssertionError("no object " + key + " in " + bucket, missing);
        }
    }
}
