package io.jobsettings.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Any run of digits is a number of seconds, however long: past a day it is simply the longest wait, never unread. */
class RetryAfterProperties {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final BigInteger LONGEST_SECONDS = BigInteger.valueOf(RetryAfter.LONGEST.toSeconds());

    @Property(tries = 400)
    void everyDigitStringIsItsSecondsCappedAtTheLongestWait(@ForAll("digitStrings") String digits) {
        BigInteger asked = new BigInteger(digits);
        Duration expected = Duration.ofSeconds(asked.min(LONGEST_SECONDS).longValueExact());

        assertThat(RetryAfter.parse(digits, NOW)).as(digits).contains(expected);
        assertThat(RetryAfter.parse(" " + digits + "\t", NOW)).as("padded " + digits).contains(expected);
    }

    @Property(tries = 200)
    void numbersBeyondWhatAnIntOrALongHoldsAreVeryLong(@ForAll("hugeNumbers") String digits) {
        assertThat(RetryAfter.parse(digits, NOW)).as(digits).contains(RetryAfter.LONGEST);
    }

    @Property(tries = 200)
    void noTextThrowsAndNoneWaitsLongerThanADay(@ForAll @StringLength(max = 400) String value) {
        RetryAfter.parse(value, NOW).ifPresent(wait -> assertThat(wait).as(value)
                .isBetween(Duration.ZERO, RetryAfter.LONGEST));
    }

    /** 1 to 400 digits, leading zeros and lone zeros included, weighted towards the edges around the cap. */
    @Provide
    Arbitrary<String> digitStrings() {
        Arbitrary<String> any = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400);
        Arbitrary<String> few = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> edges = Arbitraries.of("0", "00000", "86399", "86400", "86401", "000086401",
                "2147483647", "2147483648", "9223372036854775807", "9223372036854775808");
        return Arbitraries.oneOf(any, few, edges);
    }

    /** From 2^31 up to numbers with hundreds of digits. */
    @Provide
    Arbitrary<String> hugeNumbers() {
        return Arbitraries.integers().between(31, 1400)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(BigInteger.ONE.shiftLeft(bits), BigInteger.ONE.shiftLeft(bits + 1)))
                .map(BigInteger::toString);
    }
}
