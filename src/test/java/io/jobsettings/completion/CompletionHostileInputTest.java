package io.jobsettings.completion;

import static io.jobsettings.completion.JobEvents.putJobObject;
import static io.jobsettings.completion.JobEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.platform.SettingsTable;
import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.CapturedLog;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.SqsBatch;
import io.jobsettings.testing.StandIns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Completion queue messages no rule would send, beside a valid one in the same batch: wrongly typed, missing,
 * huge, nested and repeated members, odd Unicode and traversal in the ids, and events of other kinds. Each is
 * refused for good with a short one-line reason naming what is wrong, reaches no stand-in, writes nothing to the
 * customer's bucket and records nothing in the table; the valid message is delivered once on every channel.
 * The kinds {@link RefusedMessagesTest} already covers are not repeated here.
 */
@QuarkusTest
@TestProfile(CompletionProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class CompletionHostileInputTest {

    private static final String HUGE = "x".repeat(100_000);
    private static final int MAX_REASON = 300;
    private static final String REFUSED = "message refused and not retried: ";

    @Inject
    SettingsService settings;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    SettingsTable table;

    private NotifiedEnvironment environment;
    private CustomerBucket bucket;
    private List<Map<String, AttributeValue>> before;
    private CapturedLog log;

    /** An environment that notifies every channel and keeps the snapshots of failed jobs in its own bucket. */
    @BeforeEach
    void environmentThatWouldActOnAnyFailedJob() throws Exception {
        environment = NotifiedEnvironment.fresh(settings, "hostile-completion", null);
        bucket = CustomerBucket.forSnapshotsOf(settings, environment.envId(), "{\"saveSnapshotsOnFailure\": true}");
        StandIns.server().resetRequests();
        before = environmentItems();
        log = CapturedLog.of(JobCompletion.class, "message_id");
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    static Stream<Arguments> hostileJobDetails() {
        return Stream.of(
                spoiled("job_id a number", job -> job.put("job_id", 12345),
                        "the Job Details' job_id is a number, not a string"),
                spoiled("status an array", job -> job.putArray("status").add("SYNC_FAILED"),
                        "status is an array, not a string"),
                spoiled("env_id a NoSQL operator", job -> job.putObject("env_id").put("$ne", ""),
                        "env_id is an object, not a string"),
                spoiled("tenant a NoSQL operator", job -> job.putObject("tenant").put("$gt", ""),
                        "tenant is an object, not a string"),
                spoiled("s3_root null", job -> job.putNull("s3_root"), "lack s3_root"),
                spoiled("flow_id and tenant missing", job -> job.remove(List.of("flow_id", "tenant")),
                        "lack flow_id, tenant"),
                spoiled("status in lower case", job -> job.put("status", "sync_failed"),
                        "status 'sync_failed' is not a known job status"),
                spoiled("status with a line break", job -> job.put("status", "SYNC_FAILED\r\nforged: yes"),
                        "status holds control or invisible characters"),
                spoiled("status of 150 characters", job -> job.put("status", "SYNC_FAILED" + "x".repeat(139)),
                        "status 'SYNC_FAILEDxxx"),
                spoiled("env_id of 100k characters", job -> job.put("env_id", HUGE), "env_id is longer than 200"),
                spoiled("tenant of 100k characters", job -> job.put("tenant", HUGE), "tenant is longer than 200"),
                spoiled("job_id of 100k characters", job -> job.put("job_id", HUGE), "job_id is longer than 200"),
                spoiled("s3_root of 100k characters", job -> job.put("s3_root", HUGE), "s3_root is longer than 200"),
                spoiled("env_id with encoded traversal", job -> job.put("env_id", "..%2f" + envOf(job)),
                        "env_id is not a valid environment id"),
                spoiled("env_id with backslashes", job -> job.put("env_id", "..\\..\\" + envOf(job)),
                        "env_id is not a valid environment id"),
                spoiled("env_id in full-width letters", job -> job.put("env_id", "\uff50\uff52\uff4f\uff44.acme"),
                        "env_id is not a valid environment id"),
                spoiled("env_id with CR LF", job -> job.put("env_id", envOf(job) + "\r\nforged: yes"),
                        "env_id holds control or invisible characters"),
                spoiled("env_id with a right-to-left override", job -> job.put("env_id", "\u202e" + envOf(job)),
                        "env_id holds control or invisible characters"),
                spoiled("tenant with a right-to-left override", job -> job.put("tenant", "\u202ecust-0042"),
                        "tenant holds control or invisible characters"),
                spoiled("tenant with a zero-width space", job -> job.put("tenant", "cust-0042\u200b"),
                        "tenant holds control or invisible characters"),
                spoiled("tenant with NUL", job -> job.put("tenant", "cust\u00000042"),
                        "tenant holds control or invisible characters"),
                spoiled("tenant with a variation selector", job -> job.put("tenant", "cust-0042\ufe0f"),
                        "tenant holds control or invisible characters"),
                spoiled("tenant with a Hangul filler", job -> job.put("tenant", "cust\u3164-0042"),
                        "tenant holds control or invisible characters"),
                spoiled("flow_id with a combining grapheme joiner", job -> job.put("flow_id", "FsLp\u034fQ0xgK"),
                        "flow_id holds control or invisible characters"),
                event("flow_id with a lone surrogate", job -> statusChanged(job).replace("\"FsLpQ0xgK\"",
                        "\"FsLpQ0xgK\\ud800\""), "flow_id holds control or invisible characters"),
                spoiled("job_id with CR LF", job -> job.put("job_id", "J1\r\nforged: yes"),
                        "job_id holds control or invisible characters"),
                spoiled("s3_root with a zero-width joiner", job -> job.put("s3_root", job.get("s3_root").asText()
                        + "\u200d"), "s3_root holds control or invisible characters"),
                event("env_id nested 900 deep", job -> statusChanged(job).replace("\"env_id\":\"" + envOf(job) + "\"",
                        "\"env_id\":" + nestedArrays(900)), "env_id is an array, not a string"),
                spoiled("s3_root climbing out", job -> job.put("s3_root", "../../etc"),
                        "s3_root '../../etc' has an empty, '.' or '..' path segment"),
                spoiled("s3_root starting with a slash", job -> job.put("s3_root", "/cust-0042/x"),
                        "s3_root '/cust-0042/x' has an empty"),
                spoiled("s3_root with a dot segment", job -> job.put("s3_root", "cust-0042/./x"), "has an empty"),
                spoiled("s3_root with an empty segment", job -> job.put("s3_root", "cust-0042//x"), "has an empty"),
                spoiled("s3_root ending in a slash", job -> job.put("s3_root", "cust-0042/x/"), "has an empty"),
                spoiled("s3_root with a backslash", job -> job.put("s3_root", "cust-0042\\x"),
                        "s3_root 'cust-0042\\x' holds a backslash"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileJobDetails")
    void hostileJobDetailsAreRefusedWithAReasonAndNothingIsSentOrKept(String what, Function<ObjectNode, String> body,
            String reason) {
        assertRefusedBesideAValidMessage(body, reason);
    }

    static Stream<Arguments> hostileEvents() {
        return Stream.of(
                event("detail a string", job -> envelopeWith(job, event -> event.put("detail", "SYNC_FAILED")),
                        "the Job Details are not a JSON object"),
                event("detail missing", job -> envelopeWith(job, event -> event.remove("detail")),
                        "the Job Details are not a JSON object"),
                event("detail an array", job -> envelopeWith(job, event -> event.putArray("detail").add(job)),
                        "the Job Details are not a JSON object"),
                event("detail nested 5,000 deep", job -> statusChanged(job).replace("\"detail\":",
                        "\"detail\":" + nestedArrays(5_000) + ",\"spoiled\":"),
                        "the message body is nested more than 1000 levels deep"),
                event("env_id twice", job -> statusChanged(job).replace("\"env_id\":", "\"env_id\":\"x\",\"env_id\":"),
                        "the message body is not valid JSON: member 'env_id' appears twice"),
                event("detail-type twice", job -> statusChanged(job).replace("\"detail-type\":",
                        "\"detail-type\":\"Object Created\",\"detail-type\":"),
                        "the message body is not valid JSON: member 'detail-type' appears twice"),
                event("cut short", job -> statusChanged(job).substring(0, 120),
                        "the message body is not valid JSON (line 1, column"),
                event("text after the event", job -> statusChanged(job) + " {\"status\": \"JOB_COMPLETED\"}",
                        "the message body is not valid JSON (line 1, column"),
                event("detail-type of 100k characters", job -> envelopeWith(job,
                        event -> event.put("detail-type", HUGE)), "the event is neither 'Job Status Changed'"),
                event("detail-type with CR LF", job -> envelopeWith(job,
                        event -> event.put("detail-type", "Job Status Changed\r\nforged: yes")),
                        "(detail-type 'Job Status Changed??forged: yes', source 'jobs.runner')"),
                event("object key of 200k characters", job -> JobEvents.objectCreated(LocalStores.JOBS_BUCKET,
                        "k".repeat(200_000) + "/state.json"), "the object key must be {s3_root}/job-details.json"),
                event("object key climbing out of the jobs folders", job -> JobEvents.objectCreated(
                        LocalStores.JOBS_BUCKET, "../../job-details.json"),
                        "the object key '../../job-details.json' has an empty, '.' or '..' path segment"),
                event("object key with an empty segment", job -> JobEvents.objectCreated(LocalStores.JOBS_BUCKET,
                        "cust-0042//jobs/J1/job-details.json"), "has an empty, '.' or '..' path segment"),
                event("bucket name of 100k characters with CR LF", job -> JobEvents.objectCreated(
                        "b\r\n" + HUGE, "x/job-details.json"), "the object is in bucket 'b??xxxx"),
                event("launch request", job -> "{\"env_id\": \"" + envOf(job) + "\", \"flow_id\": \"FsLpQ0xgK\","
                        + " \"tenant\": \"cust-0042\", \"reason\": \"schedule\"}",
                        "(detail-type '', source '')"),
                event("HTTP API event", job -> "{\"version\": \"2.0\", \"routeKey\": \"$default\", \"rawPath\":"
                        + " \"/environments/" + envOf(job) + "/settings\", \"requestContext\": {}, \"body\": "
                        + JobEvents.MAPPER.valueToTree(statusChanged(job)) + "}", "(detail-type '', source '')"),
                event("SQS batch inside a message", job -> "{\"Records\": [{\"messageId\": \"m1\", \"body\": "
                        + JobEvents.MAPPER.valueToTree(statusChanged(job)) + "}]}", "(detail-type '', source '')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileEvents")
    void hostileEventIsRefusedWithAReasonAndNothingIsSentOrKept(String what, Function<ObjectNode, String> body,
            String reason) {
        assertRefusedBesideAValidMessage(body, reason);
    }

    /**
     * Traversal in a tenant or job id is plain text to the channels, so the job is notified; storage keys are built
     * from the tenant, so its outputs are refused for good (logged) and nothing lands in the bucket.
     */
    @Test
    void jobWithTraversalInItsIdsIsNotifiedButItsOutputsAreNotKept() {
        ObjectNode job = failedJobWithASnapshot();
        job.put("tenant", "..\\..%2fcust-0042");
        job.put("job_id", "../J1");

        assertThat(SqsBatch.of().withMessage(statusChanged(job)).send()).isEmpty();

        assertThat(environment.webhookRequests()).hasSize(1);
        assertThat(environment.slackRequests()).hasSize(1);
        assertThat(environment.datadogRequests()).hasSize(1);
        assertThat(bucket.keys()).isEmpty();
    }

    private void assertRefusedBesideAValidMessage(Function<ObjectNode, String> hostileBody, String reason) {
        ObjectNode valid = failedJobWithASnapshot();
        SqsBatch batch = SqsBatch.of();
        String hostile = batch.add(hostileBody.apply(failedJobWithASnapshot()));
        batch.add(statusChanged(valid));

        assertThat(batch.send()).isEmpty();

        assertThat(log.messagesWhere(hostile)).singleElement().satisfies(line -> assertThat(line)
                .startsWith(REFUSED).contains(reason).hasSizeLessThan(MAX_REASON).doesNotContain("\r", "\n"));
        assertOnlyTheValidJobWasSentAndKept(valid);
    }

    private void assertOnlyTheValidJobWasSentAndKept(ObjectNode valid) {
        String jobId = valid.get("job_id").asText();
        assertThat(StandIns.server().getAllServeEvents()).hasSize(3);
        assertThat(environment.webhookRequests()).singleElement()
                .satisfies(webhook -> assertThat(webhook.getBodyAsString()).contains(jobId));
        assertThat(environment.slackRequests()).hasSize(1);
        assertThat(environment.datadogRequests()).hasSize(1);

        String snapshots = CustomerBucket.PREFIX + environment.envId() + "/cust-0042/snapshots/";
        assertThat(bucket.keys()).filteredOn(key -> key.startsWith(snapshots))
                .containsExactlyInAnyOrder(snapshots + "manifest.json", snapshotKeyOf(jobId));

        String validDeliveries = "DELIVERY#" + jobId + "#";
        List<Map<String, AttributeValue>> after = environmentItems();
        assertThat(after).filteredOn(item -> item.get(SettingsTable.SK).s().startsWith(validDeliveries)).hasSize(3);
        assertThat(after).filteredOn(item -> !item.get(SettingsTable.SK).s().startsWith(validDeliveries))
                .isEqualTo(before);
    }

    private String snapshotKeyOf(String jobId) {
        try {
            ObjectNode manifest = bucket.snapshotManifest();
            assertThat(manifest.at("/current/jobId").asText()).isEqualTo(jobId);
            return manifest.at("/current/files/0/key").asText();
        } catch (Exception e) {
            throw new AssertionError("the valid job's snapshot manifest could not be read", e);
        }
    }

    /** A failed job of the environment whose snapshot waits in the jobs bucket: accepted, it would be kept. */
    private ObjectNode failedJobWithASnapshot() {
        ObjectNode job = JobEvents.job(environment.envId(), "SYNC_FAILED");
        putJobObject(job.get("s3_root").asText() + "/snapshots/Account.jsonl", "{\"Id\": \"001\"}\n");
        return job;
    }

    private List<Map<String, AttributeValue>> environmentItems() {
        return dynamo.query(b -> b.tableName(table.name()).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", SettingsTable.PK))
                .expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS(SettingsTable.environmentKey(environment.envId())))))
                .items();
    }

    private static Arguments spoiled(String what, Consumer<ObjectNode> spoil, String reason) {
        Function<ObjectNode, String> body = job -> {
            spoil.accept(job);
            return statusChanged(job);
        };
        return Arguments.of(what, body, reason);
    }

    private static Arguments event(String what, Function<ObjectNode, String> body, String reason) {
        return Arguments.of(what, body, reason);
    }

    private static String envelopeWith(ObjectNode job, Consumer<ObjectNode> spoil) {
        ObjectNode event = JobEvents.envelope("Job Status Changed", "jobs.runner");
        event.set("detail", job);
        spoil.accept(event);
        return event.toString();
    }

    private static String envOf(ObjectNode job) {
        return job.get("env_id").asText();
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
