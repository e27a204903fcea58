package io.jobsettings.link;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.job.JobTarget;
import io.jobsettings.platform.InvalidEventException;
import io.jobsettings.platform.json.EventFields;

/**
 * A connector linked or unlinked, as EventBridge delivers it. {@code linkedAt} names the link: an unlink carries
 * the {@code linked_at} of the link it ends, so the two can be matched whatever order they arrive in.
 */
public record LinkEvent(String eventId, Kind kind, JobTarget target, Instant linkedAt) {

    public enum Kind {
        LINKED("Connector Linked"),
        UNLINKED("Connector Unlinked");

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }
    }

    /** The only sender of link events; the EventBridge rule matches it, and direct invokes must name it too. */
    public static final String SOURCE = "jobs.connectors";

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern SOURCE_PATTERN = Pattern.compile(Pattern.quote(SOURCE));
    /** How far ahead of this function's clock the platform's may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Instant EARLIEST_LINK = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * Reads and checks every member the handler needs before anything is done. A link dated in the future would
     * outrank every real unlink and relink of its tenant until that date, so one is refused.
     */
    public static LinkEvent from(JsonNode json, Instant now) {
        EventFields event = EventFields.of(json);
        String eventId = event.matching("id", EVENT_ID, "1 to 128 letters, digits, '.', '_', ':' or '-'");
        Kind kind = kindOf(event.text("detail-type"));
        event.matching("source", SOURCE_PATTERN, "'" + SOURCE + "'");
        EventFields detail = event.object("detail");
        JobTarget target = JobTarget.from(detail);
        Instant linkedAt = detail.instantBetween("linked_at", EARLIEST_LINK, now.plus(CLOCK_SKEW),
                "lie between 2000-01-01 and " + CLOCK_SKEW.toMinutes() + " minutes from now");
        return new LinkEvent(eventId, kind, target, linkedAt);
    }

    private static Kind kindOf(String detailType) {
        for (Kind kind : Kind.values()) {
            if (kind.detailType.equals(detailType)) {
                return kind;
            }
        }
        throw new InvalidEventException("detail-type must be 'Connector Linked' or 'Connector Unlinked'");
    }
}
