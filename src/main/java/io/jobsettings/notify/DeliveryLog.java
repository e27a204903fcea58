package io.jobsettings.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatus;
import io.jobsettings.platform.SettingsTable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The settings table's record of notification deliveries: one item per (job, status, channel) under sort key
 * {@code DELIVERY#<job_id>#<digest of s3_root>#<status>#<channel>}, holding its state and every attempt.
 *
 * <p>An attempt starts with a claim: a conditional write that succeeds only for a delivery never tried, one whose
 * last attempt failed transiently (and whose Retry-After has passed), or one whose claim lease ran out. So two
 * invocations handling the same message at once never both send, and a redelivered message sends only what is not
 * yet delivered or refused for good. The outcome is written under the same claim token.
 */
@Singleton
public class DeliveryLog {

    /** One job status on one channel. */
    public record DeliveryKey(String envId, String jobId, String s3Root, JobStatus status, Channel channel) {

        public static DeliveryKey of(JobDetails job, Channel channel) {
            return new DeliveryKey(job.envId(), job.jobId(), job.s3Root(), job.status(), channel);
        }

        /** s3_root goes in as a digest: it can be long, and job_id plus digest keeps keys within DynamoDB's limit. */
        String sortKey() {
            return jobPrefix(jobId) + digest(s3Root) + "#" + status.name() + "#" + channel.id();
        }

        static String jobPrefix(String jobId) {
            return "DELIVERY#" + jobId + "#";
        }
    }

    /** What a claim came to. */
    public sealed interface Claim permits Granted, Settled, Busy, Deferred {
    }

    /** This invocation may send; {@code attempt} counts every claim of this delivery, this one included. */
    public record Granted(String token, int attempt) implements Claim {
    }

    /** Delivered, or refused for good: nothing is left to do. */
    public record Settled(String state) implements Claim {
    }

    /** Another invocation holds the claim until {@code leaseUntil}. */
    public record Busy(Instant leaseUntil) implements Claim {
    }

    /** The target asked not to be called again before {@code notBefore}. */
    public record Deferred(Instant notBefore) implements Claim {
    }

    /** One attempt as the deliveries route shows it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, String at, String outcome, Integer statusCode, long latencyMs, String reason) {
    }

    /** One job status on one channel, with its state and attempts, as the deliveries route shows it. */
    @RegisterForReflection
    public record Delivery(String s3Root, String jobStatus, String channel, String state, List<Attempt> attempts) {
    }

    // Limitation: a send that outlives the lease (a stalled table write after the send, a frozen runtime) lets a
    // concurrent invocation claim and send the same delivery again; both attempts are kept in the history.
    /**
     * How long a claim keeps other invocations away: longer than one send may take (its deadline is 10 seconds),
     * shorter than the queue's visibility timeout, so a message that comes back finds an abandoned claim expired.
     */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration RETENTION = Duration.ofDays(90);

    private static final String CLAIMED = "claimed";
    private static final String TRANSIENT = DeliveryResult.Outcome.TRANSIENT.id();
    private static final String DELIVERED = DeliveryResult.Outcome.DELIVERED.id();
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("#pk", SettingsTable.PK), Map.entry("#sk", SettingsTable.SK),
            Map.entry("#state", "deliveryState"), Map.entry("#lease", "leaseUntil"), Map.entry("#token", "claimToken"),
            Map.entry("#count", "attemptCount"), Map.entry("#attempts", "attempts"),
            Map.entry("#notBefore", "notBefore"), Map.entry("#jobId", "jobId"), Map.entry("#s3Root", "s3Root"),
            Map.entry("#jobStatus", "jobStatus"), Map.entry("#channel", "channel"),
            Map.entry("#createdAt", "createdAt"), Map.entry("#updatedAt", "updatedAt"),
            Map.entry("#expiresAt", SettingsTable.EXPIRES_AT));

    private final DynamoDbClient dynamo;
    private final SettingsTable table;

    public DeliveryLog(DynamoDbClient dynamo, SettingsTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Claim claim(DeliveryKey key, Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":claimed", AttributeValue.fromS(CLAIMED));
        values.put(":transient", AttributeValue.fromS(TRANSIENT));
        values.put(":now", millis(now));
        values.put(":lease", millis(now.plus(LEASE)));
        values.put(":token", AttributeValue.fromS(token));
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":jobId", AttributeValue.fromS(key.jobId()));
        values.put(":s3Root", AttributeValue.fromS(key.s3Root()));
        values.put(":jobStatus", AttributeValue.fromS(key.status().name()));
        values.put(":channel", AttributeValue.fromS(key.channel().id()));
        values.put(":nowIso", AttributeValue.fromS(now.toString()));
        values.put(":none", AttributeValue.fromL(List.of()));
        values.put(":expires", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        String update = "SET #state = :claimed, #lease = :lease, #token = :token, "
                + "#count = if_not_exists(#count, :zero) + :one, #jobId = :jobId, #s3Root = :s3Root, "
                + "#jobStatus = :jobStatus, #channel = :channel, #createdAt = if_not_exists(#createdAt, :nowIso), "
                + "#updatedAt = :nowIso, #attempts = if_not_exists(#attempts, :none), #expiresAt = :expires";
        String condition = "attribute_not_exists(#state)"
                + " OR (#state = :transient AND (attribute_not_exists(#notBefore) OR #notBefore <= :now))"
                + " OR (#state = :claimed AND #lease < :now)";
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table.name())
                    .key(SettingsTable.key(key.envId(), key.sortKey()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names("#state", "#lease", "#token", "#count", "#jobId", "#s3Root",
                            "#jobStatus", "#channel", "#createdAt", "#updatedAt", "#attempts", "#expiresAt",
                            "#notBefore"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return new Granted(token, Integer.parseInt(updated.get("attemptCount").n()));
        } catch (ConditionalCheckFailedException e) {
            return whyNotClaimed(key, now);
        }
    }

    private Claim whyNotClaimed(DeliveryKey key, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table.name())
                .key(SettingsTable.key(key.envId(), key.sortKey()))
                .consistentRead(true)).item();
        String state = item == null || !item.containsKey("deliveryState") ? "" : item.get("deliveryState").s();
        if (state.equals(CLAIMED)) {
            return new Busy(instant(item.get("leaseUntil")).orElse(now));
        }
        if (state.equals(TRANSIENT)) {
            Optional<Instant> notBefore = instant(item.get("notBefore"));
            return notBefore.filter(now::isBefore).<Claim>map(Deferred::new).orElse(new Busy(now));
        }
        return state.isEmpty() ? new Busy(now) : new Settled(state);
    }

    /** Writes the outcome of a granted claim and the attempt; if the claim was lost meanwhile, keeps the attempt. */
    public void record(DeliveryKey key, Granted claim, DeliveryResult result, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", AttributeValue.fromS(result.outcome().id()));
        values.put(":attempt", AttributeValue.fromL(List.of(attemptItem(claim.attempt(), at, result))));
        values.put(":at", AttributeValue.fromS(at.toString()));
        values.put(":token", AttributeValue.fromS(claim.token()));
        Optional<Instant> notBefore = result.retryAfter().map(at::plus);
        notBefore.ifPresent(time -> values.put(":notBefore", millis(time)));
        String update = "SET #state = :state, #attempts = list_append(#attempts, :attempt), #updatedAt = :at"
                + (notBefore.isPresent() ? ", #notBefore = :notBefore REMOVE #lease, #token"
                        : " REMOVE #lease, #token, #notBefore");
        try {
            dynamo.updateItem(b -> b.tableName(table.name())
                    .key(SettingsTable.key(key.envId(), key.sortKey()))
                    .updateExpression(update)
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(names("#state", "#attempts", "#updatedAt", "#notBefore", "#lease",
                            "#token"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException lostClaim) {
            recordAfterLostClaim(key, values.get(":attempt"), result, at);
        }
    }

    /**
     * Our lease ran out and another invocation claimed the delivery while we were sending. The attempt is kept; a
     * delivery that got through is marked delivered, which also makes the other claimant's outcome write fail, so
     * it cannot turn the delivery back into one to retry.
     */
    private void recordAfterLostClaim(DeliveryKey key, AttributeValue attempt, DeliveryResult result, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":attempt", attempt);
        values.put(":none", AttributeValue.fromL(List.of()));
        values.put(":at", AttributeValue.fromS(at.toString()));
        String update = "SET #attempts = list_append(if_not_exists(#attempts, :none), :attempt), #updatedAt = :at";
        List<String> names = new ArrayList<>(List.of("#attempts", "#updatedAt"));
        if (result.isDelivered()) {
            values.put(":delivered", AttributeValue.fromS(DELIVERED));
            update += ", #state = :delivered REMOVE #lease, #token";
            names.addAll(List.of("#state", "#lease", "#token"));
        }
        String expression = update;
        dynamo.updateItem(b -> b.tableName(table.name())
                .key(SettingsTable.key(key.envId(), key.sortKey()))
                .updateExpression(expression)
                .expressionAttributeNames(names(names.toArray(String[]::new)))
                .expressionAttributeValues(values));
    }

    /** Every delivery recorded for a job_id in one environment, with all its attempts. */
    public List<Delivery> history(String envId, String jobId) {
        List<Delivery> deliveries = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table.name())
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(names("#pk", "#sk"))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(SettingsTable.environmentKey(envId)),
                                ":prefix", AttributeValue.fromS(DeliveryKey.jobPrefix(jobId))))
                        .consistentRead(true))
                .items().stream()
                .filter(item -> item.containsKey("jobId") && item.get("jobId").s().equals(jobId))
                .map(DeliveryLog::deliveryOf)
                .forEach(deliveries::add);
        deliveries.sort(Comparator.comparing(Delivery::s3Root)
                .thenComparing(d -> JobStatus.valueOf(d.jobStatus()))
                .thenComparing(d -> Channel.fromId(d.channel()).orElseThrow()));
        return deliveries;
    }

    private static Delivery deliveryOf(Map<String, AttributeValue> item) {
        List<Attempt> attempts = item.getOrDefault("attempts", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::m)
                .map(DeliveryLog::attemptOf)
                .toList();
        return new Delivery(item.get("s3Root").s(), item.get("jobStatus").s(), item.get("channel").s(),
                item.get("deliveryState").s(), attempts);
    }

    private static Attempt attemptOf(Map<String, AttributeValue> attempt) {
        return new Attempt(Integer.parseInt(attempt.get("attempt").n()), attempt.get("at").s(),
                attempt.get("outcome").s(),
                attempt.containsKey("statusCode") ? Integer.valueOf(attempt.get("statusCode").n()) : null,
                Long.parseLong(attempt.get("latencyMs").n()),
                attempt.containsKey("reason") ? attempt.get("reason").s() : null);
    }

    private static AttributeValue attemptItem(int attempt, Instant at, DeliveryResult result) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("attempt", AttributeValue.fromN(Integer.toString(attempt)));
        item.put("at", AttributeValue.fromS(at.toString()));
        item.put("outcome", AttributeValue.fromS(result.outcome().id()));
        item.put("latencyMs", AttributeValue.fromN(Long.toString(result.latencyMs())));
        if (result.statusCode() > 0) {
            item.put("statusCode", AttributeValue.fromN(Integer.toString(result.statusCode())));
        }
        if (result.reason() != null) {
            item.put("reason", AttributeValue.fromS(result.reason()));
        }
        return AttributeValue.fromM(item);
    }

    private static Map<String, String> names(String... aliases) {
        Map<String, String> names = new HashMap<>();
        for (String alias : aliases) {
            names.put(alias, NAMES.get(alias));
        }
        return names;
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    private static Optional<Instant> instant(AttributeValue millis) {
        return millis == null || millis.n() == null ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(Long.parseLong(millis.n())));
    }

    private static String digest(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
