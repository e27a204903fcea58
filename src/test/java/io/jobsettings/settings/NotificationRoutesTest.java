package io.jobsettings.settings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.job.JobStatus;
import io.jobsettings.notify.Channel;
import io.jobsettings.notify.DeliveryLog;
import io.jobsettings.notify.DeliveryResult;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.ReceivedWebhook;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** POST .../settings/test for the notification channels, and GET .../deliveries. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
@TestProfile(InsecureTargetsProfile.class)
class NotificationRoutesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SettingsService settings;

    @Inject
    DeliveryLog deliveryLog;

    @Test
    void webhookTestSendsAMarkedEventSignedLikeARealOneAndReportsTheAnswer() throws Exception {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "test-webhook", null);
        env.answerWebhook(aResponse().withStatus(202).withBody("queued as 77"));

        Answer answer = test(env, "webhook");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getString("target")).isEqualTo("webhook");
        assertThat(answer.json().getBoolean("delivered")).isTrue();
        assertThat(answer.json().getInt("statusCode")).isEqualTo(202);
        assertThat(answer.json().getString("responseExcerpt")).isEqualTo("queued as 77");
        assertThat(answer.json().getLong("latencyMs")).isNotNegative();
        assertThat(answer.body()).doesNotContain(env.webhookSecret().substring(6));

        LoggedRequest received = env.webhookRequests().get(0);
        ReceivedWebhook.assertSignedWith(received, env.webhookSecret());
        JsonNode event = MAPPER.readTree(received.getBody());
        assertThat(event.path("test").asBoolean()).isTrue();
        assertThat(event.path("env_id").asText()).isEqualTo(env.envId());
        assertThat(received.getHeader("webhook-id")).startsWith("msg_test_");
    }

    @Test
    void slackTestReportsAPermanentRefusalWithoutRevealingTheWebhookUrl() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "test-slack", null);
        env.answerSlack(aResponse().withStatus(410).withBody("channel_is_archived"));

        Answer answer = test(env, "slack");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getBoolean("delivered")).isFalse();
        assertThat(answer.json().getString("outcome")).isEqualTo("permanent");
        assertThat(answer.json().getInt("statusCode")).isEqualTo(410);
        assertThat(answer.json().getString("reason")).isEqualTo("HTTP 410: channel_is_archived");
        assertThat(answer.body()).doesNotContain("/slack/", "XXXXXXXX");
        assertThat(env.slackRequests()).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("Test", "No job failed"));
    }

    @Test
    void datadogTestSendsAnInfoEventWithTheApiKeyAndNeverShowsTheKey() throws Exception {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "test-datadog", null);

        Answer answer = test(env, "datadog");

        assertThat(answer.json().getInt("statusCode")).isEqualTo(202);
        assertThat(answer.body()).doesNotContain(env.datadogKey());
        LoggedRequest received = env.datadogRequests().get(0);
        assertThat(received.getHeader("DD-API-KEY")).isEqualTo(env.datadogKey());
        JsonNode event = MAPPER.readTree(received.getBody());
        assertThat(event.path("title").asText()).isEqualTo("hotglue-job-event");
        assertThat(event.path("alert_type").asText()).isEqualTo("info");
        assertThat(event.path("tags").toString()).contains("test:true");
    }

    @Test
    void testingAChannelThatIsNotSetUpIsAConflict() {
        String envId = HttpApiCall.uniqueEnvId("test-unset");

        Answer answer = HttpApiCall.as(envId, "POST", "/environments/" + envId + "/settings/test")
                .json("{\"target\": \"slack\"}").send();

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().getString("detail")).contains("no slack");
    }

    @Test
    void deliveriesListEveryAttemptWithChannelOutcomeStatusCodeAndTime() {
        String envId = HttpApiCall.uniqueEnvId("deliveries");
        DeliveryLog.DeliveryKey key = new DeliveryLog.DeliveryKey(envId, "Qx81Lm", "cust-0042/jobs/Qx81Lm",
                JobStatus.SYNC_FAILED, Channel.WEBHOOK);
        Instant first = Instant.parse("2026-12-03T10:16:14Z");
        deliveryLog.record(key, (DeliveryLog.Granted) deliveryLog.claim(key, first),
                new DeliveryResult(DeliveryResult.Outcome.TRANSIENT, 503, "HTTP 503", 40, Optional.empty(), null),
                first);
        deliveryLog.record(key, (DeliveryLog.Granted) deliveryLog.claim(key, first.plusSeconds(60)),
                new DeliveryResult(DeliveryResult.Outcome.DELIVERED, 200, null, 35, Optional.empty(), null),
                first.plusSeconds(60));

        Answer answer = HttpApiCall.anonymous("GET", "/environments/" + envId + "/deliveries")
                .claims(envId, "settings:read").query("job_id", "Qx81Lm").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getString("jobId")).isEqualTo("Qx81Lm");
        assertThat(answer.json().getString("deliveries[0].channel")).isEqualTo("webhook");
        assertThat(answer.json().getString("deliveries[0].jobStatus")).isEqualTo("SYNC_FAILED");
        assertThat(answer.json().getString("deliveries[0].state")).isEqualTo("delivered");
        List<Integer> codes = answer.json().getList("deliveries[0].attempts.statusCode", Integer.class);
        assertThat(codes).containsExactly(503, 200);
        assertThat(answer.json().getList("deliveries[0].attempts.outcome", String.class))
                .containsExactly("transient", "delivered");
        assertThat(answer.json().getList("deliveries[0].attempts.at", String.class))
                .containsExactly("2026-12-03T10:16:14Z", "2026-12-03T10:17:14Z");
    }

    @Test
    void deliveriesWithoutJobIdAreABadRequestNamingIt() {
        String envId = HttpApiCall.uniqueEnvId("deliveries-no-job");

        Answer answer = HttpApiCall.as(envId, "GET", "/environments/" + envId + "/deliveries").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("job_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202eQx81Lm", "Qx81\u200bLm", "Qx81Lm\r\nforged: yes", "Qx81Lm\ufe0f"})
    void deliveriesOfAJobIdWithHiddenCharactersAreABadRequestThatDoesNotEchoIt(String jobId) {
        String envId = HttpApiCall.uniqueEnvId("deliveries-hidden-job");

        Answer answer = HttpApiCall.as(envId, "GET", "/environments/" + envId + "/deliveries")
                .query("job_id", jobId).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail"))
                .isEqualTo("the query parameter job_id holds control or invisible characters, which no recorded job's"
                        + " id has");
        assertThat(answer.body()).doesNotContain(jobId);
    }

    @Test
    void deliveriesOfAJobIdTooLongToExistAreABadRequestSayingHowLong() {
        String envId = HttpApiCall.uniqueEnvId("deliveries-long-job");

        Answer answer = HttpApiCall.as(envId, "GET", "/environments/" + envId + "/deliveries")
                .query("job_id", "J".repeat(201)).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).startsWith("the query parameter job_id must be 1 to ");
    }

    @Test
    void deliveriesOfAnotherEnvironmentAreForbidden() {
        String envId = HttpApiCall.uniqueEnvId("deliveries-mine");

        Answer answer = HttpApiCall.as(envId, "GET", "/environments/someone-else.example/deliveries")
                .query("job_id", "Qx81Lm").send();

        assertThat(answer.status()).isEqualTo(403);
    }

    private static Answer test(NotifiedEnvironment env, String target) {
        return HttpApiCall.as(env.envId(), "POST", "/environments/" + env.envId() + "/settings/test")
                .json("{\"target\": \"" + target + "\"}").send();
    }
}
