package io.jobsettings.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.jobsettings.settings.SecretCipher;
import io.quarkus.runtime.StartupEvent;

/**
 * Fails a function at start, with one line naming the variable, when the handler it runs lacks a required
 * environment variable: a misconfigured deployment shows up on its first cold start, not on its first event.
 */
@Singleton
public class RequiredEnvironment {

    private static final Logger LOG = Logger.getLogger(RequiredEnvironment.class);

    /** For each handler, the variables it cannot work without, beside SECRETS_KEY which all need. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "settings", List.of(),
            "link", List.of("JOBS_API_URL", "JOBS_API_KEY", "SCHEDULE_GROUP", "LAUNCH_FUNCTION_ARN",
                    "SCHEDULER_ROLE_ARN"),
            "launch", List.of("JOBS_API_URL", "JOBS_API_KEY"),
            "completion", List.of("JOBS_BUCKET", "DEFAULT_STORAGE_BUCKET"));

    void check(@Observes StartupEvent started, Config config) {
        String handler = config.getOptionalValue("quarkus.lambda.handler", String.class).orElse("");
        if (!REQUIRED.containsKey(handler)) {
            fail("QUARKUS_LAMBDA_HANDLER must be one of " + String.join(", ", REQUIRED.keySet().stream().sorted()
                    .toList()) + " but is '" + handler + "'");
        }
        try {
            SecretCipher.decodeKey(config.getOptionalValue("secrets.key", String.class));
        } catch (IllegalStateException e) {
            fail(e.getMessage());
        }
        for (String variable : REQUIRED.get(handler)) {
            String property = variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
            Optional<String> value = config.getOptionalValue(property, String.class);
            if (value.isEmpty() || value.get().isBlank()) {
                fail("missing required environment variable " + variable + " for handler " + handler);
            }
        }
    }

    private static void fail(String message) {
        LOG.error(message);
        throw new IllegalStateException(message);
    }
}
