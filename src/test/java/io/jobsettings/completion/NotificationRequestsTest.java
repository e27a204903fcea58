package io.jobsettings.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.ReceivedWebhook;
import io.jobsettings.testing.SqsBatch;
import io.jobsettings.testing.StandIns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What each channel receives, exactly, when a job reports a status. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
@TestProfile(CompletionProfile.class)
class NotificationRequestsTest {

    @Inject
    SettingsService settings;

    @Test
    void webhookCarriesTheJobDetailsUnchangedWithFieldsWeDoNotKnowAndBothSignatures() throws Exception {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "webhook-exact", null);
        ObjectNode job = JobEvents.job(env.envId(), "JOB_COMPLETED");
        String withExtras = job.toString().substring(0, job.toString().length() - 1)
                + ",\"runner_extra\":{\"ratio\":1.10,\"big\":12345678901234567890,\"nothing\":null}}";

        String event = JobEvents.envelope("Job Status Changed", "jobs.runner").toString();
        String body = event.substring(0, event.length() - 1) + ",\"detail\":" + withExtras + "}";
        assertThat(SqsBatch.of().withMessage(body).send()).isEmpty();

        List<LoggedRequest> received = env.webhookRequests();
        assertThat(received).hasSize(1);
        LoggedRequest webhook = received.get(0);
        assertThat(webhook.getBodyAsString()).isEqualTo(withExtras);
        assertThat(webhook.getHeader("Content-Type")).startsWith("application/json");
        assertThat(webhook.getHeader("webhook-id")).startsWith("msg_");
        ReceivedWebhook.assertSignedWith(webhook, env.webhookSecret());
    }

    @Test
    void webhookHearsOnlyTheStatusesItListsAndSlackAndDatadogOnlyEndedJobs() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "webhook-events", List.of("SYNC_FAILED"));

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_STARTED")))
                .withMessage(JobEvents.statusChanged(JobEvents.job(env.envId(), "JOB_COMPLETED"))).send()).isEmpty();
        assertThat(env.webhookRequests()).isEmpty();
        assertThat(env.slackRequests()).isEmpty();
        assertThat(env.datadogRequests()).hasSize(1);

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_FAILED")))
                .send()).isEmpty();
        assertThat(env.webhookRequests()).hasSize(1);
        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.datadogRequests()).hasSize(2);
    }

    @Test
    void slackGetsTextAndBlocksNamingJobTenantFlowFailedStageAndMessage() throws Exception {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "slack-exact", null);
        ObjectNode job = JobEvents.job(env.envId(), "DISCOVER_FAILED");

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(job)).send()).isEmpty();

        List<LoggedRequest> received = env.slackRequests();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader("Content-Type")).startsWith("application/json");
        JsonNode message = JobEvents.MAPPER.readTree(received.get(0).getBody());
        assertThat(message.path("text").asText()).isEqualTo("Job cust-0042-nightly of tenant cust-0042 (flow "
                + "FsLpQ0xgK) failed at the discover stage: Source returned 401 Unauthorized: the refresh token has "
                + "expired.");
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.path(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.path(0).path("text").path("text").asText()).isEqualTo("Job failed at the discover stage");
        assertThat(blocks.path(1).path("fields")).extracting(field -> field.path("text").asText()).containsExactly(
                "*Job*\ncust-0042-nightly (" + job.path("job_id").asText() + ")",
                "*Tenant*\ncust-0042",
                "*Flow*\nFsLpQ0xgK",
                "*Failed stage*\ndiscover (DISCOVER_FAILED)");
        assertThat(blocks.path(2).path("text").path("text").asText())
                .isEqualTo("*Message*\nSource returned 401 Unauthorized: the refresh token has expired.");
        assertThat(blocks.path(3).path("elements").path(0).path("text").asText())
                .contains(env.envId(), job.path("s3_root").asText());
    }

    @Test
    void datadogGetsAnEventWithItsKeyTitleAlertTypeTagsAggregationKeyAndTheJobDetails() throws Exception {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "datadog-exact", null);
        ObjectNode job = JobEvents.job(env.envId(), "EXPORT_FAILED");

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(job)).send()).isEmpty();

        List<LoggedRequest> received = env.datadogRequests();
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        assertThat(request.getUrl()).isEqualTo(StandIns.DATADOG_EVENTS);
        assertThat(request.getHeader("DD-API-KEY")).isEqualTo(env.datadogKey());
        JsonNode event = JobEvents.MAPPER.readTree(request.getBody());
        assertThat(event.path("title").asText()).isEqualTo("hotglue-job-event");
        assertThat(event.path("alert_type").asText()).isEqualTo("error");
        assertThat(event.path("tags")).extracting(JsonNode::asText).containsExactly("env:" + env.envId(),
                "flow:FsLpQ0xgK", "tenant:cust-0042", "status:EXPORT_FAILED");
        assertThat(event.path("aggregation_key").asText()).startsWith(job.path("job_id").asText() + "-");
        assertThat(event.path("text").asText()).hasSizeLessThanOrEqualTo(4000)
                .contains("\"s3_root\" : \"" + job.path("s3_root").asText() + "\"", "\"task_type\" : \"STANDARD\"");
    }

    @Test
    void twoJobsSharingAJobIdAreEachDeliveredWithTheirOwnWebhookId() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "shared-job-id", null);
        ObjectNode first = JobEvents.job(env.envId(), "JOB_COMPLETED");
        ObjectNode rerun = first.deepCopy().put("s3_root", first.path("s3_root").asText() + "-rerun");

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(first))
                .withMessage(JobEvents.statusChanged(rerun)).send()).isEmpty();

        assertThat(env.webhookRequests()).hasSize(2)
                .extracting(request -> request.getHeader("webhook-id")).doesNotHaveDuplicates();
        assertThat(env.datadogRequests()).hasSize(2)
                .extracting(request -> request.getBodyAsString().replaceAll(".*\"aggregation_key\":\"([^\"]+)\".*",
                        "$1")).doesNotHaveDuplicates();
    }

    @Test
    void anEnvironmentWithoutNotificationSettingsIsDoneWithoutSendingAnything() {
        String envId = HttpApiCall.uniqueEnvId("quiet");
        int before = StandIns.server().getAllServeEvents().size();

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(JobEvents.job(envId, "SYNC_FAILED"))).send())
                .isEmpty();

        assertThat(StandIns.server().getAllServeEvents()).hasSize(before);
    }
}
