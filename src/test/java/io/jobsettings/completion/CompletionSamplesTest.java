package io.jobsettings.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.ReceivedWebhook;
import io.jobsettings.testing.SqsBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The sample events in events/, sent as Lambda would send them, against the sample environment. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
@TestProfile(CompletionProfile.class)
class CompletionSamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SAMPLE_ENV = "prod.acme.example";

    @Inject
    SettingsService settings;

    @Test
    void sampleSyncFailureSendsSignedWebhookSlackAlertAndDatadogErrorOnceEvenWhenDeliveredTwice() throws IOException {
        NotifiedEnvironment env = NotifiedEnvironment.create(settings, SAMPLE_ENV, null);
        String event = Files.readString(Path.of("events/completion-job-status-changed.json"));
        JsonNode details = detailOf(event);

        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(event))).isEmpty();

        List<LoggedRequest> webhooks = about("Qx81Lm", env.webhookRequests());
        assertThat(webhooks).hasSize(1);
        ReceivedWebhook.assertSignedWith(webhooks.get(0), env.webhookSecret());
        assertThat(MAPPER.readTree(webhooks.get(0).getBody())).isEqualTo(details);
        List<LoggedRequest> slack = about("Qx81Lm", env.slackRequests());
        assertThat(slack).hasSize(1);
        assertThat(slack.get(0).getBodyAsString()).contains("cust-0042-nightly", "cust-0042", "FsLpQ0xgK", "sync",
                "the refresh token has expired");
        List<LoggedRequest> datadog = about("Qx81Lm", env.datadogRequests());
        assertThat(datadog).hasSize(1);
        assertThat(MAPPER.readTree(datadog.get(0).getBody()).path("alert_type").asText()).isEqualTo("error");

        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(event))).isEmpty();
        assertThat(about("Qx81Lm", env.webhookRequests())).hasSize(1);
        assertThat(about("Qx81Lm", env.slackRequests())).hasSize(1);
        assertThat(about("Qx81Lm", env.datadogRequests())).hasSize(1);
    }

    @Test
    void sampleJobDetailsObjectSendsSignedWebhookAndDatadogSuccessButNoSlackAndNothingTwice() throws IOException {
        NotifiedEnvironment env = NotifiedEnvironment.create(settings, SAMPLE_ENV, null);
        String jobDetails = Files.readString(Path.of("events/job-details-completed.json"));
        JobEvents.putJobObject("cust-0042/flows/FsLpQ0xgK/jobs/2026/12/1/03/09/aB3kZ9/job-details.json", jobDetails);
        String event = Files.readString(Path.of("events/completion-s3-job-details-created.json"));

        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(event))).isEmpty();

        List<LoggedRequest> webhooks = about("aB3kZ9", env.webhookRequests());
        assertThat(webhooks).hasSize(1);
        ReceivedWebhook.assertSignedWith(webhooks.get(0), env.webhookSecret());
        assertThat(MAPPER.readTree(webhooks.get(0).getBody())).isEqualTo(MAPPER.readTree(jobDetails));
        List<LoggedRequest> datadog = about("aB3kZ9", env.datadogRequests());
        assertThat(datadog).hasSize(1);
        assertThat(MAPPER.readTree(datadog.get(0).getBody()).path("alert_type").asText()).isEqualTo("success");
        assertThat(about("aB3kZ9", env.slackRequests())).isEmpty();

        assertThat(SqsBatch.failuresOf(LambdaInvoker.invokeRaw(event))).isEmpty();
        assertThat(about("aB3kZ9", env.webhookRequests())).hasSize(1);
        assertThat(about("aB3kZ9", env.datadogRequests())).hasSize(1);
    }

    private static JsonNode detailOf(String sqsEvent) throws IOException {
        String body = MAPPER.readTree(sqsEvent).path("Records").path(0).path("body").asText();
        return MAPPER.readTree(body).path("detail");
    }

    private static List<LoggedRequest> about(String jobId, List<LoggedRequest> requests) {
        return requests.stream().filter(r -> r.getBodyAsString().contains(jobId)).toList();
    }
}
