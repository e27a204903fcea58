package io.jobsettings.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The Retry-After header of an answer (RFC 9110, 10.2.3): a number of seconds or an HTTP date. */
public final class RetryAfter {

    /** No server gets to park a call for longer than this, whatever it asks. */
    private static final Duration LONGEST = Duration.ofDays(1);

    private RetryAfter() {
    }

    /** How long to wait from {@code now}; absent when the value is missing or unreadable, zero when past. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        try {
            Duration wait = trimmed.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(trimmed))
                    : Duration.between(now, ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
