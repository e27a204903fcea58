package io.jobsettings.completion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.jobsettings.completion.JobEvents.job;
import static io.jobsettings.completion.JobEvents.putJobObject;
import static io.jobsettings.completion.JobEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.notify.DeliveryLog;
import io.jobsettings.settings.SettingsService;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.NotifiedEnvironment;
import io.jobsettings.testing.SqsBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * SQS can hand the same message to two invocations at once (a visibility timeout that ran out, a duplicate from
 * a standard queue). The mock event server runs one invocation at a time, so this test calls the handler bean
 * from two threads released together, with stand-ins slow enough that both are in flight at once. One snapshot
 * version is committed and each channel hears about the job once; a later redelivery sends nothing new.
 */
@QuarkusTest
@TestProfile(CompletionProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class SameMessageAtOnceTest {

    /** Long enough that the second invocation claims while the first is still sending. */
    private static final int STAND_IN_DELAY_MS = 1500;

    @Inject
    @Named("completion")
    CompletionHandler handler;

    @Inject
    SettingsService settings;

    @Inject
    DeliveryLog deliveryLog;

    private final ExecutorService invocations = Executors.newFixedThreadPool(2);
    private NotifiedEnvironment environment;
    private CustomerBucket bucket;

    @BeforeEach
    void slowStandInsAndACustomerBucketWithRollback() throws Exception {
        environment = NotifiedEnvironment.fresh(settings, "at-once", null);
        environment.answerWebhook(aResponse().withStatus(200).withFixedDelay(STAND_IN_DELAY_MS));
        environment.answerSlack(aResponse().withStatus(200).withBody("ok").withFixedDelay(STAND_IN_DELAY_MS));
        environment.answerDatadog(aResponse().withStatus(202).withFixedDelay(STAND_IN_DELAY_MS));
        bucket = CustomerBucket.forSnapshotsOf(settings, environment.envId(), "{\"rollbackOnFailure\": true}");
    }

    @AfterEach
    void stopInvocations() {
        invocations.shutdownNow();
    }

    @Test
    void completedJobHandledTwiceAtOnceCommitsOneSnapshotAndNotifiesEachChannelOnce() throws Exception {
        ObjectNode completed = job(environment.envId(), "JOB_COMPLETED");
        putJobObject(completed.get("s3_root").asText() + "/snapshots/Account.jsonl", "{\"Id\": \"001\"}\n");
        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(statusChanged(completed));

        List<List<String>> answers = handleTwiceAtOnce(batch.sqsEvent());

        assertEachAcknowledgedOrRetried(answers, messageId);
        assertThat(environment.webhookRequests()).hasSize(1);
        assertThat(environment.datadogRequests()).hasSize(1);
        assertThat(environment.slackRequests()).isEmpty();
        assertEachChannelDeliveredInOneAttempt(completed, "webhook", "datadog");
        ObjectNode manifest = bucket.snapshotManifest();
        assertThat(manifest.at("/current/jobId").asText()).isEqualTo(completed.get("job_id").asText());
        assertThat(manifest.at("/current/files")).hasSize(1);
        String prefix = CustomerBucket.PREFIX + environment.envId() + "/cust-0042/snapshots/";
        assertThat(bucket.keys()).filteredOn(key -> key.startsWith(prefix))
                .containsExactlyInAnyOrder(prefix + "manifest.json", manifest.at("/current/files/0/key").asText());

        assertRedeliverySendsNothingNew(batch, messageId, 1, 1, 0);
        assertThat(bucket.snapshotManifest().at("/current")).isEqualTo(manifest.at("/current"));
    }

    @Test
    void failedJobHandledTwiceAtOnceRollsBackAndAlertsEachChannelOnce() throws Exception {
        ObjectNode previous = job(environment.envId(), "JOB_COMPLETED");
        putJobObject(previous.get("s3_root").asText() + "/snapshots/Account.jsonl", "previous\n");
        assertThat(SqsBatch.of().withMessage(statusChanged(previous)).send()).isEmpty();
        String manifestBefore = bucket.snapshotManifest().toString();
        List<String> keysBefore = bucket.keys();
        ObjectNode failed = job(environment.envId(), "SYNC_FAILED");
        putJobObject(failed.get("s3_root").asText() + "/snapshots/Account.jsonl", "half-done\n");
        SqsBatch batch = SqsBatch.of();
        String messageId = batch.add(statusChanged(failed));

        List<List<String>> answers = handleTwiceAtOnce(batch.sqsEvent());

        assertEachAcknowledgedOrRetried(answers, messageId);
        assertThat(environment.webhookRequests()).hasSize(2);
        assertThat(environment.datadogRequests()).hasSize(2);
        assertThat(environment.slackRequests()).singleElement()
                .satisfies(alert -> assertThat(alert.getBodyAsString()).contains("Rolled back"));
        assertEachChannelDeliveredInOneAttempt(failed, "datadog", "slack", "webhook");
        assertThat(bucket.snapshotManifest().toString()).isEqualTo(manifestBefore);
        assertThat(bucket.keys()).containsExactlyInAnyOrderElementsOf(keysBefore);

        assertRedeliverySendsNothingNew(batch, messageId, 2, 2, 1);
    }

    /** Runs the handler on two threads released at the same instant; returns what each asked to retry. */
    private List<List<String>> handleTwiceAtOnce(SQSEvent event) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<List<String>>> running = List.of(
                CompletableFuture.supplyAsync(() -> handleAfter(start, event), invocations),
                CompletableFuture.supplyAsync(() -> handleAfter(start, event), invocations));
        return List.of(running.get(0).get(60, TimeUnit.SECONDS), running.get(1).get(60, TimeUnit.SECONDS));
    }

    private List<String> handleAfter(CyclicBarrier start, SQSEvent event) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the two invocations were not released together", e);
        }
        SQSBatchResponse answer = handler.handleRequest(event, null);
        return answer.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /**
     * Each invocation acknowledged the message or asked for it back, and asked for nothing else. The claims may split
     * between them (one wins the webhook, the other Slack): then each finds a channel the other is sending and both
     * ask for the message back, which the redelivery afterwards acknowledges without sending anything.
     */
    private static void assertEachAcknowledgedOrRetried(List<List<String>> answers, String messageId) {
        assertThat(answers).hasSize(2).allSatisfy(answer -> assertThat(answer).isSubsetOf(messageId));
    }

    /** The history shows no second attempt: the invocation that lost a claim never sent on that channel. */
    private void assertEachChannelDeliveredInOneAttempt(ObjectNode job, String... channels) {
        List<DeliveryLog.Delivery> history = deliveryLog.history(environment.envId(), job.get("job_id").asText());

        assertThat(history).extracting(DeliveryLog.Delivery::channel).containsExactlyInAnyOrder(channels);
        assertThat(history).allSatisfy(delivery -> {
            assertThat(delivery.state()).isEqualTo("delivered");
            assertThat(delivery.attempts()).hasSize(1);
        });
    }

    private void assertRedeliverySendsNothingNew(SqsBatch batch, String messageId, int webhooks, int datadog,
            int slack) {
        SqsBatch again = SqsBatch.of();
        again.add(messageId, batch.sqsEvent().getRecords().get(0).getBody(), 2);

        assertThat(again.send()).isEmpty();

        assertThat(environment.webhookRequests()).hasSize(webhooks);
        assertThat(environment.datadogRequests()).hasSize(datadog);
        assertThat(environment.slackRequests()).hasSize(slack);
    }
}
