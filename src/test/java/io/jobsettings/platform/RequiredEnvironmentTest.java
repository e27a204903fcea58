package io.jobsettings.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A function that lacks what its handler needs stops at start, naming the variable. */
class RequiredEnvironmentTest {

    private static final String KEY = "bG9jYWwtb25seS1zZWNyZXRzLWtleS0zMi1ieXRlcyE=";

    @Test
    void missingHandlerIsNamed() {
        assertThatThrownBy(() -> check(Map.of("secrets.key", KEY)))
                .hasMessageContaining("QUARKUS_LAMBDA_HANDLER must be one of completion, launch, link, settings");
    }

    @Test
    void missingSecretsKeyIsNamedWithoutEchoingAnything() {
        assertThatThrownBy(() -> check(Map.of("quarkus.lambda.handler", "settings", "secrets.key", "c2hvcnQ=")))
                .hasMessageContaining("SECRETS_KEY").hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void eachHandlerNeedsItsOwnVariables() {
        assertThatThrownBy(() -> check(Map.of("quarkus.lambda.handler", "completion", "secrets.key", KEY,
                "default.storage.bucket", "b"))).hasMessage("missing required environment variable JOBS_BUCKET for "
                + "handler completion");
        assertThatThrownBy(() -> check(Map.of("quarkus.lambda.handler", "link", "secrets.key", KEY,
                "jobs.api.url", "https://runner.example", "jobs.api.key", "k", "schedule.group", "g",
                "launch.function.arn", "arn"))).hasMessageContaining("SCHEDULER_ROLE_ARN");
        assertThatCode(() -> check(Map.of("quarkus.lambda.handler", "settings", "secrets.key", KEY)))
                .doesNotThrowAnyException();
    }

    private static void check(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(new HashMap<>(values), "test", 500))
                .build();
        new RequiredEnvironment().check(null, config);
    }
}
