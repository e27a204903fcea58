package io.jobsettings.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of the settings document that need no server: expressions, masks, sealing, entity tags. */
class SettingsRulesTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 3 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0/15 * * * ? *)",
        "cron(0 8 1 * ? *)", "cron(0 10 ? * 6L 2027-2030)", "cron(5,35 14 * * ? *)", "rate(1 minute)",
        "rate(30 minutes)", "rate(1 day)", "rate(12 hours)"})
    void acceptsEventBridgeSchedulerExpressions(String expression) {
        assertThat(ScheduleExpressions.problemWith(expression)).as(expression).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 3 * * * *)", "cron(0 3 ? * ? *)", "cron(0 3 * * ?)", "cron(60 3 * * ? *)",
        "cron(0 24 * * ? *)", "0 3 * * ? *", "rate(1 minutes)", "rate(2 hour)", "rate(0 days)", "rate(5 weeks)",
        "at(2026-12-24T10:00:00)", "", "cron()", "CRON(0 3 * * ? *)"})
    void refusesWhatEventBridgeSchedulerWouldRefuse(String expression) {
        assertThat(ScheduleExpressions.problemWith(expression)).as(expression).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 \u0663 * * ? *)", "cron(\uff10 3 * * ? *)", "cron(0 3 * * ? 20\u0968\u096c)",
        "cron(0 3 \u0661\u0665 * ? *)", "cron(0/\u0661\u0665 3 * * ? *)", "cron(0 3 ? * MON\u0131 *)",
        "rate(\u0665 minutes)", "rate(\uff15 minutes)"})
    void digitsOfOtherScriptsAreNotNumbers(String expression) {
        Optional<String> problem = ScheduleExpressions.problemWith(expression);

        assertThat(problem).as(expression).isPresent();
        if (expression.startsWith("cron")) {
            assertThat(problem.get()).contains("field holds", "ASCII digits 0-9");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cron(61 3 * * ? *) | the minutes field takes values from 0 to 59, not '61'
            cron(0 24 * * ? *) | the hours field takes values from 0 to 23, not '24'
            cron(0 3 32 * ? *) | the day-of-month field takes values from 1 to 31, not '32'
            cron(0 3 ? 13 MON *) | the month field takes values from 1 to 12, not '13'
            cron(0 3 ? * 8 *) | the day-of-week field takes values from 1 to 7, not '8'
            cron(0 3 ? * 2#6 *) | the day-of-week field takes #1 to #5, not '6'
            cron(0 3 * * ? 99999999999) | the year field takes values from 1970 to 2199, not '99999999999'
            cron(0/99999999999 3 * * ? *) | the minutes field takes steps from 1 to 60, not '99999999999'
            cron(0 3 * * * *) | exactly one of day-of-month and day-of-week must be '?'
            cron(0 3 ? * ? *) | exactly one of day-of-month and day-of-week must be '?'
            cron(0 3 * * ? x) | the year field holds 'x', which it does not allow
            cron(0 3 * FOO ? *) | the month field 'FOO' is malformed
            cron(0 3 ? * MON-FOO *) | the day-of-week field 'MON-FOO' is malformed
            cron(0 3 1-2-3 * ? *) | the day-of-month field '1-2-3' is malformed
            cron(0 3 ? * 2# *) | the day-of-week field '2#' is malformed
            cron(0/ 3 * * ? *) | the minutes field '0/' is malformed
            """)
    void cronProblemsAreSaidInOurWordsNamingTheField(String expression, String expected) {
        String problem = ScheduleExpressions.problemWith(expression).orElseThrow();

        assertThat(problem).as(expression).startsWith("invalid cron expression: ").contains(expected)
               .doesNotContain("Value", "range [", "Failed to parse", "Invalid chars");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.168.5.4 | IP address
            10.0.0.1 | IP address
            xn--bucket | prefix 'xn--'
            sthree-bucket | prefix 'sthree-'
            amzn-s3-demo-bucket | prefix 'amzn-s3-demo-'
            bucket-s3alias | suffix '-s3alias'
            bucket--ol-s3 | suffix '--ol-s3'
            bucket.mrap | suffix '.mrap'
            bucket--x-s3 | suffix '--x-s3'
            bucket--table-s3 | suffix '--table-s3'
            acme..snapshots | two dots in a row
            acme.-b | a hyphen next to a dot
            acme-.b | a hyphen next to a dot
            Acme-Snapshots | lower-case letters
            ab | 3 to 63
            -acme | starting and ending with a letter or digit
            """)
    void bucketNamesS3RefusesAreRefusedNamingTheRule(String bucket, String rule) {
        assertThat(S3BucketNameValidator.problemWith(bucket)).as(bucket).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("must be an S3 bucket name").contains(rule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme-etl-snapshots", "a.b.c", "192.168.5.4x", "bucket-s3alias2", "xn-bucket",
        "my.mrap.bucket", "s3-sthree-x", "abc"})
    void bucketNamesS3TakesAreTaken(String bucket) {
        assertThat(S3BucketNameValidator.problemWith(bucket)).as(bucket).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [env-a env-b] | env-a env-b
            ["env-a","env-b"] | env-a env-b
            ["env-a", "env-b"] | env-a env-b
            "env-a" | env-a
            "env-a","env-b" | env-a env-b
            env-a,env-b | env-a env-b
            ""env-a"" | ''
            "env-a | ''
            en"v-a | ''
            ["*"] | ''
            * | ''
            [""] | ''
            "" | ''
            [] | ''
            """)
    void envIdsClaimGrantsExactlyTheIdsItNames(String claim, String granted) {
        Set<String> expected = granted.isEmpty() ? Set.of() : Set.of(granted.split(" "));

        assertThat(AccessPolicy.environmentsOf(claim)).as(claim).isEqualTo(expected);
    }

    @Test
    void masksKeepTheLastFourCharactersAndAHarmlessPrefix() {
        assertThat(SecretMask.mask("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo("whsec_****LaSw");
        assertThat(SecretMask.mask("0123456789abcdef0123456789ab9f3a")).isEqualTo("****9f3a");
        assertThat(SecretMask.mask("https://hooks.slack.com/services/T0/B0/abcdefghXy7k")).isEqualTo(
                "https://hooks.slack.com/services/T0/B0/****Xy7k");
        assertThat(SecretMask.mask("https://HOOKS.SLACK.COM/services/T0/B0/abcdefghXy7k")).isEqualTo(
                "https://HOOKS.SLACK.COM/services/T0/B0/****Xy7k");
        assertThat(SecretMask.mask("https://hooks.slack.com/services/T0/B0/short")).isEqualTo(
                "https://hooks.slack.com/services/T0/B0/****");
        assertThat(SecretMask.mask("short")).isEqualTo("****");
    }

    @Test
    void slackTokenFollowedByMorePathIsNeverShown() {
        assertThat(SecretMask.mask("https://hooks.slack.com/services/T0/B0/secrettokenvalue/"))
                .isEqualTo("https://hooks.slack.com/services/T0/B0/****lue/");
        assertThat(SecretMask.mask("https://hooks.slack.com/services/T0/B0/secrettokenvalue/extra"))
                .isEqualTo("https://hooks.slack.com/services/T0/B0/****xtra");
        assertThat(SecretMask.mask("https://hooks.slack.com/services/secrettokenvalue/B0/"))
                .isEqualTo("https://hooks.slack.com/services/****/B0/");
        assertThat(SecretMask.mask("https://hooks.slack.com/services/T0/secrettokenvalue"))
                .isEqualTo("https://hooks.slack.com/services/****alue");
    }

    @Test
    void sealedSecretOpensOnlyForItsOwnEnvironmentAndField() {
        SecretCipher cipher = new SecretCipher(Optional.of(KEY));

        String sealed = cipher.seal("whsec_top-secret", "a.example", "/webhook/secret");

        assertThat(sealed).startsWith("v1:").doesNotContain("top-secret");
        assertThat(cipher.open(sealed, "a.example", "/webhook/secret")).isEqualTo("whsec_top-secret");
        assertThat(cipher.seal("whsec_top-secret", "a.example", "/webhook/secret")).isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.open(sealed, "b.example", "/webhook/secret"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("top-secret");
        assertThatThrownBy(() -> cipher.open(sealed, "a.example", "/datadog/apiKey"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretsKeyMustBeThirtyTwoBytesOfBase64AndIsNamedWhenWrong() {
        assertThatThrownBy(() -> SecretCipher.decodeKey(Optional.empty())).hasMessageContaining("SECRETS_KEY");
        assertThatThrownBy(() -> SecretCipher.decodeKey(Optional.of("c2hvcnQ=")))
                .hasMessageContaining("SECRETS_KEY").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> SecretCipher.decodeKey(Optional.of("%%%"))).hasMessageContaining("SECRETS_KEY");
    }

    @Test
    void entityTagsMatchTheQuotedVersionStronglyAndStarOnlyWhenSomethingIsStored() {
        assertThat(EntityTags.matches("\"4\"", 4)).isTrue();
        assertThat(EntityTags.matches("W/\"4\"", 4)).isFalse();
        assertThat(EntityTags.matches("*", 0)).isFalse();
        assertThat(EntityTags.matches("\"3\", \"4\"", 4)).isTrue();
        assertThat(EntityTags.matches("*", 4)).isTrue();
        assertThat(EntityTags.matches("4", 4)).isFalse();
        assertThat(EntityTags.matches("\"5\"", 4)).isFalse();
        assertThat(EntityTags.matches("", 4)).isFalse();
    }

    @Test
    void enabledAtFollowsTheEnabledFlag() {
        Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        DefaultSchedule off = DefaultSchedule.DEFAULTS;
        DefaultSchedule onSince = new DefaultSchedule(true, "rate(1 day)", earlier);
        DefaultSchedule on = new DefaultSchedule(true, "rate(1 day)", null);

        assertThat(on.stampedAgainst(off, now).enabledAt()).isEqualTo(now);
        assertThat(on.stampedAgainst(onSince, now).enabledAt()).isEqualTo(earlier);
        assertThat(off.stampedAgainst(onSince, now).enabledAt()).isNull();
    }
}
