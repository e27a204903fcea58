package io.jobsettings.notify;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.jobsettings.settings.Settings;
import io.quarkus.arc.All;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Sends a clearly marked test event to a channel, built and signed like a real one, and reports what the target
 * said. Nothing is recorded in the delivery log: a test is not a job.
 */
@Singleton
public class TestNotifications {

    /** What the target said; never a secret, never more than a short excerpt of its answer. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String target, boolean delivered, String outcome, Integer statusCode, long latencyMs,
            String responseExcerpt, String reason) {
    }

    private static final Logger LOG = Logger.getLogger(TestNotifications.class);

    private final List<Notifier> notifiers;

    public TestNotifications(@All List<Notifier> notifiers) {
        this.notifiers = notifiers;
    }

    /** Empty when the environment has not set this channel up. */
    public Optional<Report> send(Channel channel, Settings settings) {
        Notifier notifier = notifiers.stream().filter(n -> n.channel() == channel).findFirst().orElseThrow();
        if (!notifier.isConfigured(settings)) {
            return Optional.empty();
        }
        DeliveryResult result = notifier.sendTest(settings);

        MDC.put("channel", channel.id());
        MDC.put("outcome", result.outcome().id());
        MDC.put("http_status", result.statusCode());
        MDC.put("latency_ms", result.latencyMs());
        LOG.info("test notification sent");
        List.of("channel", "outcome", "http_status", "latency_ms").forEach(MDC::remove);

        return Optional.of(new Report(channel.id(), result.isDelivered(), result.outcome().id(),
                result.statusCode() > 0 ? result.statusCode() : null, result.latencyMs(),
                result.responseExcerpt(), result.reason()));
    }
}
