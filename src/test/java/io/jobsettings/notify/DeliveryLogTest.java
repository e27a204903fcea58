package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.jobsettings.job.JobStatus;
import io.jobsettings.notify.DeliveryLog.Busy;
import io.jobsettings.notify.DeliveryLog.Claim;
import io.jobsettings.notify.DeliveryLog.Deferred;
import io.jobsettings.notify.DeliveryLog.DeliveryKey;
import io.jobsettings.notify.DeliveryLog.Granted;
import io.jobsettings.notify.DeliveryLog.Settled;
import io.jobsettings.notify.DeliveryResult.Outcome;
import io.jobsettings.platform.SettingsTable;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The delivery log against a DynamoDB-compatible server: claims, outcomes and history. */
class DeliveryLogTest {

    private static final DynamoDbClient DYNAMO = LocalStoresResource.stores().dynamoClient();
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final DeliveryLog log = new DeliveryLog(DYNAMO, new SettingsTable(LocalStores.TABLE));

    @AfterAll
    static void close() {
        DYNAMO.close();
    }

    @Test
    void concurrentClaimsOfOneDeliveryGrantExactlyOne() throws Exception {
        DeliveryKey key = key("J1", Channel.WEBHOOK);
        int claimants = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            Callable<Claim> claim = () -> {
                start.await();
                return log.claim(key, T0);
            };
            claims.add(pool.submit(claim));
        }
        start.countDown();

        List<Claim> results = new ArrayList<>();
        for (Future<Claim> claim : claims) {
            results.add(claim.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn(Granted.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(Busy.class::isInstance).hasSize(claimants - 1);
    }

    @Test
    void aDeliveredOrPermanentlyRefusedDeliveryIsNeverClaimedAgain() {
        DeliveryKey delivered = key("J1", Channel.SLACK);
        DeliveryKey refused = key("J1", Channel.DATADOG);

        log.record(delivered, (Granted) log.claim(delivered, T0), result(Outcome.DELIVERED, 200, null), T0);
        log.record(refused, (Granted) log.claim(refused, T0), result(Outcome.PERMANENT, 404, null), T0);

        assertThat(log.claim(delivered, T0.plus(Duration.ofDays(1)))).isEqualTo(new Settled("delivered"));
        assertThat(log.claim(refused, T0.plus(Duration.ofDays(1)))).isEqualTo(new Settled("permanent"));
    }

    @Test
    void aTransientFailureIsClaimedAgainOnlyAfterItsRetryAfter() {
        DeliveryKey key = key("J1", Channel.SLACK);
        log.record(key, (Granted) log.claim(key, T0), result(Outcome.TRANSIENT, 429, Duration.ofSeconds(60)), T0);

        assertThat(log.claim(key, T0.plusSeconds(30))).isEqualTo(new Deferred(T0.plusSeconds(60)));
        Claim later = log.claim(key, T0.plusSeconds(61));

        assertThat(later).isInstanceOf(Granted.class);
        assertThat(((Granted) later).attempt()).isEqualTo(2);
    }

    @Test
    void anExpiredLeaseIsTakenOverAndALateSuccessStillSettlesTheDelivery() {
        DeliveryKey key = key("J1", Channel.WEBHOOK);
        Granted first = (Granted) log.claim(key, T0);

        assertThat(log.claim(key, T0.plusSeconds(30))).isInstanceOf(Busy.class);
        Granted second = (Granted) log.claim(key, T0.plus(DeliveryLog.LEASE).plusSeconds(1));
        log.record(key, first, result(Outcome.DELIVERED, 200, null), T0);
        log.record(key, second, result(Outcome.TRANSIENT, 503, null), T0.plusSeconds(61));

        DeliveryLog.Delivery delivery = log.history(key.envId(), "J1").get(0);
        assertThat(delivery.state()).isEqualTo("delivered");
        assertThat(delivery.attempts()).extracting(DeliveryLog.Attempt::outcome)
                .containsExactly("delivered", "transient");
        assertThat(log.claim(key, T0.plus(Duration.ofHours(1)))).isInstanceOf(Settled.class);
    }

    @Test
    void historyListsEveryAttemptOfThatJobIdOnly() {
        String envId = "deliveries-" + UUID.randomUUID() + ".acme.example";
        DeliveryKey job = new DeliveryKey(envId, "a", "root/1", JobStatus.SYNC_FAILED, Channel.SLACK);
        DeliveryKey lookalike = new DeliveryKey(envId, "a#b", "root/2", JobStatus.SYNC_FAILED, Channel.SLACK);
        log.record(job, (Granted) log.claim(job, T0), result(Outcome.TRANSIENT, 503, null), T0);
        log.record(job, (Granted) log.claim(job, T0.plusSeconds(5)), result(Outcome.DELIVERED, 200, null),
                T0.plusSeconds(5));
        log.record(lookalike, (Granted) log.claim(lookalike, T0), result(Outcome.DELIVERED, 200, null), T0);

        List<DeliveryLog.Delivery> history = log.history(envId, "a");

        assertThat(history).singleElement().satisfies(delivery -> {
            assertThat(delivery.channel()).isEqualTo("slack");
            assertThat(delivery.jobStatus()).isEqualTo("SYNC_FAILED");
            assertThat(delivery.attempts()).extracting(DeliveryLog.Attempt::attempt, DeliveryLog.Attempt::statusCode,
                    DeliveryLog.Attempt::at).containsExactly(
                            tuple(1, 503, T0.toString()),
                            tuple(2, 200, T0.plusSeconds(5).toString()));
        });
    }

    private static DeliveryKey key(String jobId, Channel channel) {
        String envId = "deliveries-" + UUID.randomUUID() + ".acme.example";
        return new DeliveryKey(envId, jobId, "root/" + jobId, JobStatus.SYNC_FAILED, channel);
    }

    private static DeliveryResult result(Outcome outcome, int status, Duration retryAfter) {
        return new DeliveryResult(outcome, status, outcome == Outcome.DELIVERED ? null : "HTTP " + status, 12,
                Optional.ofNullable(retryAfter), null);
    }
}
