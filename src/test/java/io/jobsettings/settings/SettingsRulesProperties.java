package io.jobsettings.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Masks and schedule expressions, on generated input. */
class SettingsRulesProperties {

    private static final Pattern MASK =
            Pattern.compile("(whsec_|https://hooks\\.slack\\.com/services/(?:.*/)?)?\\*\\*\\*\\*(.{4})?",
                    Pattern.DOTALL);
    private static final Pattern DOCUMENTED_GRAMMAR = Pattern.compile(
            "cron\\(\\S+( \\S+){5}\\)|rate\\(0*[1-9]\\d* (minute|minutes|hour|hours|day|days)\\)");

    @Property(tries = 200)
    void maskNeverRevealsMoreThanTheLastFour(@ForAll("secrets") String secret) {
        String mask = SecretMask.mask(secret);

        var shape = MASK.matcher(mask);
        assertThat(shape.matches()).as(mask).isTrue();
        String shown = shape.group(2);
        assertThat(secret).startsWith(shape.group(1) == null ? "" : shape.group(1));
        if (shown != null) {
            assertThat(secret).endsWith(shown);
            assertThat(secret.length() - (shape.group(1) == null ? 0 : shape.group(1).length()))
                    .isGreaterThanOrEqualTo(12);
        }
        assertThat(SecretMask.looksMasked(mask)).isTrue();
    }

    @Property(tries = 200)
    void shortSecretsShowNothing(@ForAll("secrets") String secret) {
        String rest = secret.replaceFirst("^(whsec_|https://hooks\\.slack\\.com/services/(.*/)?)", "");
        if (rest.length() < 12) {
            assertThat(SecretMask.mask(secret)).endsWith(SecretMask.MARK);
        } else {
            assertThat(SecretMask.mask(secret)).endsWith(rest.substring(rest.length() - 4));
        }
    }

    @Property(tries = 300)
    void noExpressionMakesTheCheckThrowAndWhatPassesFollowsTheGrammar(@ForAll("expressions") String expression) {
        Optional<String> problem = ScheduleExpressions.problemWith(expression);

        if (problem.isEmpty()) {
            assertThat(expression).hasSizeLessThanOrEqualTo(256).matches(DOCUMENTED_GRAMMAR);
        } else {
            assertThat(problem.get()).isNotBlank();
        }
    }

    @Property(tries = 100)
    void everyWellFormedRateIsAccepted(@ForAll @IntRange(min = 1, max = 999_999) int value,
            @ForAll("units") String unit) {
        String expression = "rate(" + value + " " + unit + (value == 1 ? "" : "s") + ")";

        assertThat(ScheduleExpressions.problemWith(expression)).as(expression).isEmpty();
    }

    @Property(tries = 100)
    void everyDailyCronAtAValidTimeIsAccepted(@ForAll @IntRange(max = 59) int minute,
            @ForAll @IntRange(max = 23) int hour) {
        String expression = "cron(" + minute + " " + hour + " * * ? *)";

        assertThat(ScheduleExpressions.problemWith(expression)).as(expression).isEmpty();
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("minute", "hour", "day");
    }

    @Provide
    Arbitrary<String> secrets() {
        Arbitrary<String> rest = Arbitraries.strings().ofMaxLength(80);
        return Combinators.combine(Arbitraries.of("", "whsec_", "https://hooks.slack.com/services/"), rest)
                .as(String::concat);
    }

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> field = Arbitraries.of("*", "?", "0", "59", "60", "1-5", "0/15", "L", "6L", "W", "1W", "LW",
                "MON-FRI", "2#3", "#", "/", "-", "1,2", "2199", "1969", "", ",", "JAN", "\u0000", "\u200b");
        Arbitrary<String> cron = field.list().ofMinSize(0).ofMaxSize(8)
                .map(fields -> "cron(" + String.join(" ", fields) + ")");
        Arbitrary<String> rate = Combinators.combine(Arbitraries.of("0", "1", "2", "-1", "0001", "9999999", "x"),
                Arbitraries.of("minute", "minutes", "hour", "hours", "day", "days", "week", "MINUTES"))
                .as((n, unit) -> "rate(" + n + " " + unit + ")");
        return Arbitraries.oneOf(cron, rate, Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().ofMinLength(250).ofMaxLength(300).map(s -> "cron(" + s + ")"));
    }
}
