package io.jobsettings.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Retry-After header of an answer (RFC 9110, 10.2.3): a number of seconds or an HTTP date. */
public final class RetryAfter {

    /** No server gets to park a call for longer than this, whatever it asks. */
    static final Duration LONGEST = Duration.ofDays(1);

    /** delay-seconds is 1*DIGIT with no upper bound: a count too long for any number type is simply "very long". */
    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d+");
    private static final int LONGEST_DIGITS = Long.toString(LONGEST.toSeconds()).length();

    private RetryAfter() {
    }

    /** How long to wait from {@code now}, at most a day; absent when missing or unreadable, zero when past. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (DELAY_SECONDS.matcher(trimmed).matches()) {
            return Optional.of(capped(seconds(trimmed)));
        }
        try {
            return Optional.of(capped(
                    Duration.between(now, ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The digits as seconds; a count with more digits than the cap has is the cap, not an overflow. */
    private static Duration seconds(String digits) {
        String significant = digits.replaceFirst("^0+(?=\\d)", "");
        return significant.length() > LONGEST_DIGITS ? LONGEST : Duration.ofSeconds(Long.parseLong(significant));
    }

    private static Duration capped(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
