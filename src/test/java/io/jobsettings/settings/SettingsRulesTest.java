package io.jobsettings.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void masksKeepTheLastFourCharactersAndAHarmlessPrefix() {
        assertThat(SecretMask.mask("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo("whsec_****LaSw");
        assertThat(SecretMask.mask("0123456789abcdef0123456789ab9f3a")).isEqualTo("****9f3a");
        assertThat(SecretMask.mask("https://hooks.slack.com/services/T0/B0/abcdefghijkl")).isEqualTo(
                "https://hooks.slack.com/services/****ijkl");
        assertThat(SecretMask.mask("short")).isEqualTo("****");
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
