package io.jobsettings.completion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.job.JobStatus;
import io.jobsettings.notify.Channel;
import io.jobsettings.notify.DeliveryLog;
import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.ReceivedWebhook;
import io.jobsettings.testing.SqsBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Channels independent and in parallel; nothing lost, nothing sent twice; transient and permanent failures. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
@TestProfile(CompletionProfile.class)
class ReliableDeliveryTest {

    private static final int DELAY_MS = 1500;

    @Inject
    SettingsService settings;

    @Inject
    DeliveryLog deliveryLog;

    @Test
    void slowChannelsAreSentAtTheSameTimeNotOneAfterAnother() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "parallel", null);
        env.answerWebhook(aResponse().withStatus(200).withFixedDelay(DELAY_MS));
        env.answerSlack(aResponse().withStatus(200).withBody("ok").withFixedDelay(DELAY_MS));
        env.answerDatadog(aResponse().withStatus(202).withFixedDelay(DELAY_MS));

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_FAILED")))
                .send()).isEmpty();

        List<LoggedRequest> received = List.of(env.webhookRequests().get(0), env.slackRequests().get(0),
                env.datadogRequests().get(0));
        long lastArrival = received.stream().mapToLong(r -> r.getLoggedDate().getTime()).max().orElseThrow();
        long firstPossibleAnswer = received.stream().mapToLong(r -> r.getLoggedDate().getTime() + DELAY_MS).min()
                .orElseThrow();
        // Each stand-in holds its answer for DELAY_MS: one after another, the second request could only arrive
        // after the first answer. All three arriving before any answer could leave shows they were in flight at once.
        assertThat(lastArrival).isLessThan(firstPossibleAnswer);
    }

    @Test
    void aFailingChannelFailsOnlyItsOwnMessageAndTheOthersAreDelivered() {
        NotifiedEnvironment healthy = NotifiedEnvironment.fresh(settings, "healthy", null);
        NotifiedEnvironment broken = NotifiedEnvironment.fresh(settings, "broken-webhook", null);
        broken.answerWebhook(aResponse().withStatus(503).withBody("maintenance"));
        SqsBatch batch = SqsBatch.of();
        String healthyMessage = batch.add(JobEvents.statusChanged(JobEvents.job(healthy.envId(), "SYNC_FAILED")));
        String brokenMessage = batch.add(JobEvents.statusChanged(JobEvents.job(broken.envId(), "SYNC_FAILED")));

        assertThat(batch.send()).containsExactly(brokenMessage).doesNotContain(healthyMessage);

        assertThat(healthy.webhookRequests()).hasSize(1);
        assertThat(healthy.slackRequests()).hasSize(1);
        assertThat(healthy.datadogRequests()).hasSize(1);
        assertThat(broken.slackRequests()).hasSize(1);
        assertThat(broken.datadogRequests()).hasSize(1);
    }

    @Test
    void redeliveryRetriesOnlyTheFailedChannelWithTheSameWebhookIdAndAFreshSignature() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "redelivery", null);
        env.answerWebhook(aResponse().withStatus(500));
        String body = JobEvents.statusChanged(JobEvents.job(env.envId(), "ETL_FAILED"));
        SqsBatch first = SqsBatch.of();
        String messageId = first.add(body);
        assertThat(first.send()).containsExactly(messageId);

        env.answerWebhook(aResponse().withStatus(204));
        SqsBatch again = SqsBatch.of();
        again.add(messageId, body, 2);
        assertThat(again.send()).isEmpty();

        List<LoggedRequest> webhooks = env.webhookRequests();
        assertThat(webhooks).hasSize(2);
        assertThat(webhooks.get(0).getHeader("webhook-id")).isEqualTo(webhooks.get(1).getHeader("webhook-id"));
        webhooks.forEach(webhook -> ReceivedWebhook.assertSignedWith(webhook, env.webhookSecret()));
        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.datadogRequests()).hasSize(1);

        assertThat(again.send()).isEmpty();
        assertThat(env.webhookRequests()).hasSize(2);
    }

    @Test
    void aPermanentRefusalIsRecordedWithItsReasonAndNotRetried() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "slack-gone", null);
        env.answerSlack(aResponse().withStatus(404).withBody("channel_not_found"));
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");
        String body = JobEvents.statusChanged(job);

        assertThat(SqsBatch.of().withMessage(body).send()).isEmpty();
        assertThat(SqsBatch.of().withMessage(body).send()).isEmpty();

        assertThat(env.slackRequests()).hasSize(1);
        DeliveryLog.Delivery slack = env.delivery(deliveryLog, job, "slack");
        assertThat(slack.state()).isEqualTo("permanent");
        assertThat(slack.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.statusCode()).isEqualTo(404);
            assertThat(attempt.reason()).isEqualTo("HTTP 404: channel_not_found");
        });
    }

    @Test
    void slackRateLimitingIsTransientAndNoAttemptComesBeforeItsRetryAfter() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "slack-429", null);
        env.answerSlack(aResponse().withStatus(429).withHeader("Retry-After", "3600").withBody("rate_limited"));
        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(JobEvents.statusChanged(JobEvents.job(env.envId(), "SYNC_FAILED")));

        assertThat(batch.send()).containsExactly(messageId);
        env.answerSlack(aResponse().withStatus(200).withBody("ok"));
        assertThat(batch.send()).containsExactly(messageId);

        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.webhookRequests()).hasSize(1);
    }

    @Test
    void aDeliveryClaimedByAnotherInvocationIsNeitherSentNorForgotten() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "claimed-elsewhere", null);
        ObjectNode job = JobEvents.job(env.envId(), "SYNC_FAILED");
        DeliveryLog.DeliveryKey webhook = new DeliveryLog.DeliveryKey(env.envId(), job.path("job_id").asText(),
                job.path("s3_root").asText(), JobStatus.SYNC_FAILED, Channel.WEBHOOK);
        assertThat(deliveryLog.claim(webhook, Instant.now())).isInstanceOf(DeliveryLog.Granted.class);
        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(JobEvents.statusChanged(job));

        assertThat(batch.send()).containsExactly(messageId);

        assertThat(env.webhookRequests()).isEmpty();
        assertThat(env.slackRequests()).hasSize(1);
        assertThat(env.datadogRequests()).hasSize(1);
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverAndSent() {
        NotifiedEnvironment env = NotifiedEnvironment.fresh(settings, "lease-expired", null);
        ObjectNode job = JobEvents.job(env.envId(), "JOB_COMPLETED");
        DeliveryLog.DeliveryKey webhook = new DeliveryLog.DeliveryKey(env.envId(), job.path("job_id").asText(),
                job.path("s3_root").asText(), JobStatus.JOB_COMPLETED, Channel.WEBHOOK);
        deliveryLog.claim(webhook, Instant.now().minusSeconds(3600));

        assertThat(SqsBatch.of().withMessage(JobEvents.statusChanged(job)).send()).isEmpty();

        assertThat(env.webhookRequests()).hasSize(1);
        assertThat(env.delivery(deliveryLog, job, "webhook").attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.attempt()).isEqualTo(2));
    }
}
