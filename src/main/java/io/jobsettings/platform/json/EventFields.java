package io.jobsettings.platform.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.platform.InvalidEventException;

/**
 * Reads the members of an incoming event. Each failure names the member by its path in the event, such as
 * {@code detail.linked_at}, and never echoes the value, which may be anything.
 */
public final class EventFields {

    private static final int UNKNOWN_NAME_CHARS = 10;

    private final JsonNode node;
    private final String path;

    private EventFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top of an event, which must be a JSON object. */
    public static EventFields of(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("the event must be a JSON object");
        }
        return new EventFields(event, "");
    }

    /**
     * Refuses any member not in {@code known}, naming the first one found cut to 10 characters: enough to see a
     * misspelt name, no more of a secret sent as a name than a mask shows.
     */
    public void onlyMembers(Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new InvalidEventException(QuotedValue.of(path + name, UNKNOWN_NAME_CHARS)
                        + " is not a member of this event; it has " + String.join(", ", new TreeSet<>(known)));
            }
        });
    }

    /** A member that must be a JSON object. */
    public EventFields object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw missing(name);
        }
        if (!value.isObject()) {
            throw invalid(name, "must be a JSON object");
        }
        return new EventFields(value, pathOf(name) + ".");
    }

    /** A member that must be a non-blank string. */
    public String text(String name) {
        return optionalText(name).orElseThrow(() -> missing(name));
    }

    /** A member that may be absent or null, but when present must be a non-blank string. */
    public Optional<String> optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(name, "must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    /** A string member that must match {@code pattern}; {@code rule} says in words what that means. */
    public String matching(String name, Pattern pattern, String rule) {
        String value = text(name);
        if (!pattern.matcher(value).matches()) {
            throw invalid(name, "must be " + rule);
        }
        return value;
    }

    /** A timestamp with an offset, such as {@code 2026-12-03T09:14:58Z}. */
    public Instant instant(String name) {
        String value = text(name);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 timestamp with an offset, such as 2026-12-03T09:14:58Z");
        }
    }

    /**
     * A timestamp, as {@link #instant(String)}, that must lie between {@code earliest} and {@code latest}: far-off
     * dates are refused before anything compares or stores them.
     */
    public Instant instantBetween(String name, Instant earliest, Instant latest, String rule) {
        Instant value = instant(name);
        if (value.isBefore(earliest) || value.isAfter(latest)) {
            throw invalid(name, "must " + rule);
        }
        return value;
    }

    private InvalidEventException missing(String name) {
        return new InvalidEventException(pathOf(name) + " is missing");
    }

    private InvalidEventException invalid(String name, String rule) {
        return new InvalidEventException(pathOf(name) + " " + rule);
    }

    private String pathOf(String name) {
        return path + name;
    }
}
