package io.jobsettings.completion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.notify.ChannelDelivery;
import io.jobsettings.notify.DeliveryLog;
import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.CapturedLog;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.SqsBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every notification target failing in every way a network can: resets, empty or garbled answers, gateway errors,
 * a hang past the send deadline, rate limiting. The failing channel is recorded with its reason and its message
 * comes back; the other channels are delivered once and never again; the retry delivers the failed one once.
 */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
@TestProfile(CompletionProfile.class)
class TargetFaultsTest {

    private static final Map<String, BiConsumer<NotifiedEnvironment, ResponseDefinitionBuilder>> ANSWER = Map.of(
            "webhook", NotifiedEnvironment::answerWebhook,
            "slack", NotifiedEnvironment::answerSlack,
            "datadog", NotifiedEnvironment::answerDatadog);
    private static final Map<String, Function<NotifiedEnvironment, List<LoggedRequest>>> REQUESTS = Map.of(
            "webhook", NotifiedEnvironment::webhookRequests,
            "slack", NotifiedEnvironment::slackRequests,
            "datadog", NotifiedEnvironment::datadogRequests);
    private static final Map<String, ResponseDefinitionBuilder> HEALTHY = Map.of(
            "webhook", aResponse().withStatus(204),
            "slack", aResponse().withStatus(200).withBody("ok"),
            "datadog", aResponse().withStatus(202).withBody("{\"status\":\"ok\"}"));

    @Inject
    SettingsService settings;

    @Inject
    DeliveryLog deliveryLog;

    static Stream<Arguments> channelsAndFaults() {
        Map<String, ResponseDefinitionBuilder> faults = Map.of(
                "connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                "empty answer", aResponse().withFault(Fault.EMPTY_RESPONSE),
                "garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                "malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                "502", aResponse().withStatus(502).withBody("<html>bad gateway</html>"));
        return ANSWER.keySet().stream().sorted().flatMap(channel -> faults.entrySet().stream()
                .map(fault -> Arguments.of(channel, fault.getKey(), fault.getValue())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("channelsAndFaults")
    void failingChannelIsRecordedAndRetriedAloneAndTheRetryDeliversItOnce(String channel, String what,
            ResponseDefinitionBuilder fault) {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "target-faults", null);
        ANSWER.get(channel).accept(env, fault);
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");

        assertThat(sendOnce(job)).as("the message comes back").isTrue();
        DeliveryLog.Delivery failed = env.delivery(deliveryLog, job, channel);
        assertThat(failed.state()).isEqualTo("transient");
        assertThat(failed.attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.reason()).as(what).isNotBlank());
        assertEveryOtherChannelDeliveredOnce(env, channel);

        ANSWER.get(channel).accept(env, HEALTHY.get(channel));
        assertThat(sendOnce(job)).as("nothing left to retry").isFalse();
        assertThat(sendOnce(job)).as("a stray redelivery").isFalse();

        assertThat(REQUESTS.get(channel).apply(env)).hasSize(2);
        assertThat(env.delivery(deliveryLog, job, channel).state()).isEqualTo("delivered");
        assertEveryOtherChannelDeliveredOnce(env, channel);
    }

    @Test
    void webhookThatHangsPastTheDeadlineIsGivenUpOnAndTheOthersAreDelivered() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "target-hangs", null);
        env.answerWebhook(aResponse().withStatus(204).withFixedDelay(15_000));
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");

        assertThat(sendOnce(job)).as("the message comes back").isTrue();

        assertThat(env.delivery(deliveryLog, job, "webhook").attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.reason()).startsWith("no answer within"));
        assertEveryOtherChannelDeliveredOnce(env, "webhook");
    }

    static Stream<String> channels() {
        return ANSWER.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("channels")
    void rateLimitedChannelIsNotAskedAgainBeforeItsRetryAfter(String channel) {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "target-429", null);
        ANSWER.get(channel).accept(env, aResponse().withStatus(429).withHeader("Retry-After", "3600"));
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");

        assertThat(sendOnce(job)).isTrue();
        ANSWER.get(channel).accept(env, HEALTHY.get(channel));
        assertThat(sendOnce(job)).as("still waiting for Retry-After").isTrue();

        assertThat(REQUESTS.get(channel).apply(env)).hasSize(1);
        assertThat(env.delivery(deliveryLog, job, channel).state()).isEqualTo("transient");
        assertEveryOtherChannelDeliveredOnce(env, channel);
    }

    static Stream<Arguments> answersEchoingTheChannelsSecret() {
        return Stream.of(
                Arguments.of("webhook", 401, (Function<NotifiedEnvironment, String>) env -> "signature checked with "
                        + env.webhookSecret() + " (key " + env.webhookSecret().substring(6) + ") failed"),
                Arguments.of("datadog", 403, (Function<NotifiedEnvironment, String>) env ->
                        "{\"errors\": [\"Forbidden: DD-API-KEY " + env.datadogKey() + " is not valid\"]}"),
                Arguments.of("slack", 403, (Function<NotifiedEnvironment, String>) env -> "invalid_token: "
                        + env.slackWebhookUrl() + " token " + token(env.slackWebhookUrl())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersEchoingTheChannelsSecret")
    void targetEchoingItsSecretHasItRedactedFromTheRecordAndTheLog(String channel, int status,
            Function<NotifiedEnvironment, String> echo) {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "target-echo", null);
        ANSWER.get(channel).accept(env, aResponse().withStatus(status)
                .withBody(echo.apply(env) + " \u202egnp.exe\u200b"));
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");
        List<String> secrets = List.of(env.webhookSecret(), env.webhookSecret().substring(6), env.datadogKey(),
                env.slackWebhookUrl(), token(env.slackWebhookUrl()));

        try (CapturedLog log = CapturedLog.of(ChannelDelivery.class, "channel")) {
            assertThat(sendOnce(job)).as("refused for good, not retried").isFalse();

            assertThat(log.linesWhere(channel)).isNotEmpty().allSatisfy(line -> assertThat(line.message()
                    + line.mdc()).doesNotContain(secrets));
        }
        DeliveryLog.Delivery refused = env.delivery(deliveryLog, job, channel);
        assertThat(refused.state()).isEqualTo("permanent");
        assertThat(refused.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.reason())
                .startsWith("HTTP " + status).contains("****", "?gnp.exe?").doesNotContain(secrets));
    }

    private static String token(String slackWebhookUrl) {
        return slackWebhookUrl.substring(slackWebhookUrl.lastIndexOf('/') + 1);
    }

    private static boolean sendOnce(ObjectNode job) {
        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(JobEvents.statusChanged(job));
        return batch.send().contains(messageId);
    }

    private static void assertEveryOtherChannelDeliveredOnce(NotifiedEnvironment env, String failing) {
        REQUESTS.forEach((channel, requests) -> {
            if (!channel.equals(failing)) {
                assertThat(requests.apply(env)).as(channel).hasSize(1);
            }
        });
    }
}
