package io.jobsettings.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.ReceivedWebhook;
import io.jobsettings.testing.SqsBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Messages that can never be handled are dropped with a reason, never retried; large ones are handled whole. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
@TestProfile(CompletionProfile.class)
class RefusedMessagesTest {

    private static final String ENV = "refused.acme.example";

    @Inject
    SettingsService settings;

    static Stream<Arguments> messagesThatCanNeverBeHandled() {
        ObjectNode noJobId = JobEvents.job(ENV, "SYNC_FAILED");
        noJobId.remove("job_id");
        ObjectNode unknownStatus = JobEvents.job(ENV, "SYNC_PAUSED");
        ObjectNode badEnvId = JobEvents.job("../other env", "SYNC_FAILED");
        String wrongType = JobEvents.envelope("Connector Linked", "jobs.connectors").toString();
        String wrongSource = JobEvents.statusChanged(JobEvents.job(ENV, "SYNC_FAILED"))
                .replace("\"jobs.runner\"", "\"someone.else\"");
        return Stream.of(
                Arguments.of("not JSON", "job finished, please notify"),
                Arguments.of("empty body", ""),
                Arguments.of("JSON but not an object", "[1, 2, 3]"),
                Arguments.of("another detail-type", wrongType),
                Arguments.of("another source", wrongSource),
                Arguments.of("detail without job_id", JobEvents.statusChanged(noJobId)),
                Arguments.of("unknown status", JobEvents.statusChanged(unknownStatus)),
                Arguments.of("env_id that is no environment id", JobEvents.statusChanged(badEnvId)),
                Arguments.of("object in another bucket",
                        JobEvents.objectCreated("someone-elses-bucket", "cust-0042/jobs/J1/job-details.json")),
                Arguments.of("object that is not job-details.json",
                        JobEvents.objectCreated(LocalStores.JOBS_BUCKET, "cust-0042/jobs/J1/state.json")),
                Arguments.of("object that does not exist",
                        JobEvents.objectCreated(LocalStores.JOBS_BUCKET, "cust-0042/jobs/missing/job-details.json")),
                Arguments.of("body larger than any EventBridge event", "x".repeat(300 * 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messagesThatCanNeverBeHandled")
    void aMessageThatCanNeverBeHandledIsNotRetried(String what, String body) {
        assertThat(SqsBatch.of().withMessage(body).send()).as(what).isEmpty();
    }

    /** Not a batch at all: a trigger wired to the wrong source, or a hand-made invoke. Failed loudly, not dropped. */
    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"Records\": null}", "{\"version\": \"0\", \"id\": \"e1\","
        + " \"detail-type\": \"Job Status Changed\", \"source\": \"jobs.runner\", \"detail\": {}}"})
    void eventThatIsNotAnSqsBatchFailsTheInvocationNamingWhy(String event) {
        Response answer = LambdaInvoker.invokeRaw(event);

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(500);
        assertThat(answer.jsonPath().getString("errorMessage"))
                .isEqualTo("the event is not an SQS batch: it has no Records; the completion function takes batches"
                        + " from its queue");
    }

    /** Batches SQS never sends, as a hand-made invoke might: answered, not failed as a whole, nothing retried. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"Records\": []}", "{\"Records\": [null]}",
        "{\"Records\": [{}]}", "{\"Records\": [{\"messageId\": \"\", \"body\": \"{}\"}]}",
        "{\"Records\": [{\"messageId\": \"m-without-body\"}]}"})
    void batchSqsWouldNeverSendIsAnsweredWithNothingToRetry(String batch) {
        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(batch))).isEmpty();
    }

    /**
     * An escape in the batch itself puts half a character into the body, which SQS never delivers: the job must not
     * be notified under an id in which it has become '?'.
     */
    @Test
    void bodyHoldingHalfACharacterIsRefusedAndTheRestOfTheBatchDelivered() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "half-character", null);
        SqsBatch batch = SqsBatch.of();
        batch.add(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_FAILED")));
        ObjectNode halved = JobEvents.job(env.envId(), "SYNC_FAILED");
        halved.put("job_id", "HALF_CHARACTER");
        batch.add(JobEvents.statusChanged(halved));
        String raw = JobEvents.MAPPER.valueToTree(batch.event()).toString()
                .replace("HALF_CHARACTER", "\\ud800");

        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(raw))).isEmpty();

        assertThat(env.webhookRequests()).hasSize(1);
        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.datadogRequests()).hasSize(1);
    }

    @Test
    void recordWithoutAnIdDoesNotKeepTheRestOfTheBatchFromBeingDelivered() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "unnamed-record", null);
        SqsBatch batch = SqsBatch.of();
        batch.add(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_FAILED")));
        String valid = JobEvents.MAPPER.valueToTree(batch.event()).toString();
        String withUnnamedRecords = valid.replace("\"Records\":[", "\"Records\":[null,{\"body\":\"{}\"},");

        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(withUnnamedRecords))).isEmpty();

        assertThat(env.webhookRequests()).hasSize(1);
        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.datadogRequests()).hasSize(1);
    }

    @Test
    void refusedMessagesDoNotKeepTheRestOfTheBatchFromBeingDelivered() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "mixed-batch", null);
        SqsBatch batch = SqsBatch.of();
        batch.add("not JSON at all");
        batch.add(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_FAILED")));
        batch.add(JobEvents.objectCreated("someone-elses-bucket", "x/job-details.json"));

        assertThat(batch.send()).isEmpty();

        assertThat(env.webhookRequests()).hasSize(1);
        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.datadogRequests()).hasSize(1);
    }

    @Test
    void jobDetailsObjectNamingAnotherS3RootIsRefused() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "foreign-root", null);
        ObjectNode job = JobEvents.job(env.envId(), "JOB_COMPLETED");
        JobEvents.putJobObject("cust-0042/somewhere-else/job-details.json", job.toString());

        assertThat(SqsBatch.of().withMessage(JobEvents.objectCreated(LocalStores.JOBS_BUCKET,
                "cust-0042/somewhere-else/job-details.json")).send()).isEmpty();

        assertThat(env.webhookRequests()).isEmpty();
    }

    @Test
    void jobDetailsObjectLargerThanOneMebibyteIsRefused() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "huge-object", null);
        ObjectNode job = JobEvents.job(env.envId(), "JOB_COMPLETED");
        String key = job.path("s3_root").asText() + "/job-details.json";
        job.putObject("state").put("bookmark", "b".repeat(1100 * 1024));
        JobEvents.putJobObject(key, job.toString());

        assertThat(SqsBatch.of().withMessage(JobEvents.objectCreated(LocalStores.JOBS_BUCKET, key)).send()).isEmpty();

        assertThat(env.webhookRequests()).isEmpty();
        assertThat(env.datadogRequests()).isEmpty();
    }

    @Test
    void largeJobDetailsGoWholeToTheWebhookAndCutToFitToDatadogAndSlack() throws Exception {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "large-details", null);
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");
        job.put("message", "Stream 'orders' failed: " + "row rejected; ".repeat(2_000));
        job.putObject("state").put("bookmarks", "s".repeat(200 * 1024));

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(job)).send()).isEmpty();

        LoggedRequest webhook = env.webhookRequests().get(0);
        assertThat(JobEvents.MAPPER.readTree(webhook.getBody())).isEqualTo(job);
        ReceivedWebhook.assertSignedWith(webhook, env.webhookSecret());
        String text = JobEvents.MAPPER.readTree(env.datadogRequests().get(0).getBody()).path("text").asText();
        assertThat(text).hasSizeLessThanOrEqualTo(4000).contains("Stream 'orders' failed", "(omitted: ");
        JsonNode slack = JobEvents.MAPPER.readTree(env.slackRequests().get(0).getBody());
        List<Integer> sectionLengths = slack.path("blocks").findValues("text").stream()
                .map(value -> value.isTextual() ? value.asText().length() : value.path("text").asText().length())
                .toList();
        assertThat(sectionLengths).allMatch(length -> length <= 3000);
        assertThat(slack.path("text").asText()).startsWith("Job cust-0042-nightly").hasSizeLessThanOrEqualTo(1000);
    }
}
