package io.jobsettings.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.jobsettings.job.CreatedJob;
import io.jobsettings.job.JobRunnerRejected;
import io.jobsettings.platform.SettingsTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What was done for links, in the settings table, written with conditional writes only (the table offers no
 * transactions locally, and none are needed):
 * <ul>
 *   <li>{@code EVENT#<id>}: an event being handled ({@code CLAIMED}) or handled ({@code DONE}), kept until
 *       {@code expiresAt}, so a redelivered event does nothing once it is done;</li>
 *   <li>{@code LINK#<flow>#<tenant>}: the newest link or unlink seen for that tenant (named by its
 *       {@code linked_at}), its schedule, and the jobs started for it. The jobs are claimed here before the runner
 *       is called, so one link starts them once, whatever event ids it arrives under. A refusal, by the runner
 *       ({@code jobsState}) or the scheduler ({@code scheduleOutcome}), is {@code REJECTED} with what it said
 *       in {@code jobsNote} or {@code scheduleNote}.</li>
 * </ul>
 */
@Singleton
public class LinkLedger {

    /** Longer than EventBridge and Lambda keep retrying an event (24 hours at most). */
    static final Duration EVENT_RETENTION = Duration.ofDays(7);

    public enum Standing {
        /** The event is about the newest link of its tenant: act on it. */
        CURRENT,
        /** A newer link exists, or this link already ended: acting would undo newer work. */
        SUPERSEDED
    }

    public enum JobClaim {
        CLAIMED,
        /** An earlier attempt started the jobs, or the runner refused them for good: nothing more to do. */
        ALREADY_HANDLED,
        /** Claimed by an attempt that has not recorded how it ended: running now, or stopped in the middle. */
        IN_DOUBT,
        LINK_ENDED
    }

    private static final String LINKED = "LINKED";
    private static final String UNLINKED = "UNLINKED";
    private static final String CLAIMED = "CLAIMED";
    private static final String DONE = "DONE";
    private static final String STARTING = "STARTING";
    private static final String STARTED = "STARTED";
    private static final String FAILED = "FAILED";
    private static final String REJECTED = "REJECTED";

    private final DynamoDbClient dynamo;
    private final SettingsTable table;
    private final Clock clock;

    @Inject
    public LinkLedger(DynamoDbClient dynamo, SettingsTable table) {
        this(dynamo, table, Clock.systemUTC());
    }

    LinkLedger(DynamoDbClient dynamo, SettingsTable table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public static String linkKey(LinkEvent event) {
        return "LINK#" + event.target().flowId() + "#" + event.target().tenant();
    }

    public static String eventKey(LinkEvent event) {
        return "EVENT#" + event.eventId();
    }

    /** Marks the event as being handled; false when it was handled before and nothing is left to do. */
    public boolean claim(LinkEvent event) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(key(event, eventKey(event)));
        item.put("eventState", s(CLAIMED));
        item.put("detailType", s(event.kind().detailType()));
        item.put("flowId", s(event.target().flowId()));
        item.put("tenant", s(event.target().tenant()));
        item.put("claimedAt", s(now.toString()));
        item.put(SettingsTable.EXPIRES_AT, n(now.plus(EVENT_RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(#sk) OR #state = :claimed")
                    .expressionAttributeNames(Map.of("#sk", SettingsTable.SK, "#state", "eventState"))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED))));
            return true;
        } catch (ConditionalCheckFailedException done) {
            return false;
        }
    }

    /** Marks the event as handled, with a few words on what it did. */
    public void finish(LinkEvent event, String outcome) {
        update(event, eventKey(event), "SET #state = :done, outcome = :outcome, finishedAt = :now", null,
                Map.of("#state", "eventState"),
                Map.of(":done", s(DONE), ":outcome", s(outcome), ":now", s(clock.instant().toString())));
    }

    /** Records the link unless a newer link was seen or this one was already unlinked. */
    public Standing recordLinked(LinkEvent event) {
        return recordStanding(event, LINKED,
                "attribute_not_exists(#sk) OR #linkedAt < :linkedAt OR (#linkedAt = :linkedAt AND #state = :state)");
    }

    /** Records the unlink unless the tenant has linked again since the link it ends. */
    public Standing recordUnlinked(LinkEvent event) {
        return recordStanding(event, UNLINKED, "attribute_not_exists(#sk) OR #linkedAt <= :linkedAt");
    }

    /** True while the event's link is still the tenant's newest and has not been unlinked. */
    public boolean isCurrent(LinkEvent event) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table.name())
                .key(key(event, linkKey(event))).consistentRead(true)).item();
        return item != null && LINKED.equals(text(item, "linkState"))
                && Long.toString(event.linkedAt().toEpochMilli()).equals(number(item, "linkedAt"));
    }

    public void recordSchedule(LinkEvent event, String outcome) {
        update(event, linkKey(event), "SET scheduleOutcome = :outcome, schedule = :name REMOVE scheduleNote", null,
                Map.of(), Map.of(":outcome", s(outcome), ":name", s(ScheduleName.of(event.target()))));
    }

    /** The scheduler refused the schedule for good: recorded with what it said, for an operator to act on. */
    public void scheduleRefused(LinkEvent event, ScheduleRefused refused) {
        update(event, linkKey(event), "SET scheduleOutcome = :refused, schedule = :name, scheduleNote = :note", null,
                Map.of(), Map.of(":refused", s(REJECTED), ":name", s(ScheduleName.of(event.target())),
                        ":note", s(refused.getMessage())));
    }

    /**
     * Claims the starting of the link's jobs. Only one attempt can hold the claim; one whose start failed in a way
     * that is known to have started nothing gives it back with {@link #releaseJobs}.
     */
    public JobClaim claimJobs(LinkEvent event, LinkPlan.Start start) {
        try {
            update(event, linkKey(event),
                    "SET jobsState = :starting, jobsLinkedAt = :linkedAt, jobsStart = :start, jobsClaimedAt = :now,"
                            + " jobsEventId = :eventId REMOVE jobId, jobsNote",
                    "#state = :linked AND #linkedAt = :linkedAt"
                            + " AND (attribute_not_exists(jobsLinkedAt) OR jobsLinkedAt <> :linkedAt"
                            + " OR jobsState = :failed)",
                    Map.of("#state", "linkState", "#linkedAt", "linkedAt"),
                    Map.of(":starting", s(STARTING), ":linkedAt", n(event.linkedAt().toEpochMilli()),
                            ":start", s(start.name()), ":now", s(clock.instant().toString()),
                            ":eventId", s(event.eventId()), ":linked", s(LINKED), ":failed", s(FAILED)));
            return JobClaim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            return whyNotClaimed(event);
        }
    }

    public void jobsStarted(LinkEvent event, CreatedJob details) {
        update(event, linkKey(event), "SET jobsState = :started, jobId = :jobId", null, Map.of(),
                Map.of(":started", s(STARTED), ":jobId", s(details.jobId().orElse(""))));
    }

    /** The runner refused the jobs: recorded once, with what it said, and not tried again for this link. */
    public void jobsRejected(LinkEvent event, JobRunnerRejected rejected) {
        update(event, linkKey(event), "SET jobsState = :rejected, jobsNote = :note", null, Map.of(),
                Map.of(":rejected", s(REJECTED), ":note", s(rejected.getMessage())));
    }

    /** Gives the claim back after a failure that started nothing, so a retry of the event may start the jobs. */
    public void releaseJobs(LinkEvent event) {
        try {
            update(event, linkKey(event), "SET jobsState = :failed",
                    "jobsState = :starting AND jobsEventId = :eventId", Map.of(),
                    Map.of(":failed", s(FAILED), ":starting", s(STARTING), ":eventId", s(event.eventId())));
        } catch (ConditionalCheckFailedException notOurs) {
            // The claim is no longer this event's: nothing to give back.
        }
    }

    private Standing recordStanding(LinkEvent event, String state, String condition) {
        try {
            update(event, linkKey(event),
                    "SET #state = :state, #linkedAt = :linkedAt, linkedAtText = :linkedAtText, flowId = :flowId,"
                            + " tenant = :tenant, lastEventId = :eventId, updatedAt = :now",
                    condition,
                    Map.of("#state", "linkState", "#linkedAt", "linkedAt", "#sk", SettingsTable.SK),
                    Map.of(":state", s(state), ":linkedAt", n(event.linkedAt().toEpochMilli()),
                            ":linkedAtText", s(event.linkedAt().toString()), ":flowId", s(event.target().flowId()),
                            ":tenant", s(event.target().tenant()), ":eventId", s(event.eventId()),
                            ":now", s(clock.instant().toString())));
            return Standing.CURRENT;
        } catch (ConditionalCheckFailedException newer) {
            return Standing.SUPERSEDED;
        }
    }

    private JobClaim whyNotClaimed(LinkEvent event) {
        if (!isCurrent(event)) {
            return JobClaim.LINK_ENDED;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table.name())
                .key(key(event, linkKey(event))).consistentRead(true)).item();
        return STARTING.equals(text(item, "jobsState")) ? JobClaim.IN_DOUBT : JobClaim.ALREADY_HANDLED;
    }

    private void update(LinkEvent event, String sortKey, String expression, String condition,
            Map<String, String> names, Map<String, AttributeValue> values) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(table.name())
                .key(key(event, sortKey))
                .updateExpression(expression)
                .expressionAttributeValues(values);
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        if (condition != null) {
            request.conditionExpression(condition);
        }
        dynamo.updateItem(request.build());
    }

    private static Map<String, AttributeValue> key(LinkEvent event, String sortKey) {
        return SettingsTable.key(event.target().envId(), sortKey);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.n();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
