package io.jobsettings.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jobsettings.platform.http.AnswerExcerpt;

/**
 * What one attempt to deliver a notification came to, and whether trying again could change that.
 * {@code reason} is short, safe to store and to show: it never carries a URL, a key or a signature.
 */
public record DeliveryResult(
        Outcome outcome, int statusCode, String reason, long latencyMs, Optional<Duration> retryAfter,
        String responseExcerpt) {

    public enum Outcome {
        DELIVERED,
        /** Timeouts, 408, 425, 429, 5xx, unreachable or unresolvable hosts: the queue will bring it back. */
        TRANSIENT,
        /** The target refused for a reason that retrying cannot fix; recorded and not retried. */
        PERMANENT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int REASON_CHARS = 200;

    /** The usual reading of an exchange: 2xx delivered, throttling and server trouble transient, else permanent. */
    public static DeliveryResult of(HttpExchange exchange) {
        if (exchange.kind() != HttpExchange.Kind.RESPONDED) {
            Outcome outcome = exchange.kind() == HttpExchange.Kind.REFUSED ? Outcome.PERMANENT : Outcome.TRANSIENT;
            return new DeliveryResult(outcome, 0, exchange.problem(), exchange.latencyMs(), Optional.empty(), null);
        }
        int status = exchange.statusCode();
        Outcome outcome = status >= 200 && status < 300 ? Outcome.DELIVERED
                : isRetryable(status) ? Outcome.TRANSIENT
                : Outcome.PERMANENT;
        return new DeliveryResult(outcome, status, reasonFor(exchange), exchange.latencyMs(),
                outcome == Outcome.TRANSIENT ? exchange.retryAfter() : Optional.empty(), exchange.bodyExcerpt());
    }

    private static boolean isRetryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    private static String reasonFor(HttpExchange exchange) {
        int status = exchange.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status >= 300 && status < 400) {
            return "HTTP " + status + ": the target redirects; redirects are not followed, so update the URL";
        }
        String body = exchange.bodyExcerpt() == null ? "" : exchange.bodyExcerpt();
        return AnswerExcerpt.of(body.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + body, REASON_CHARS,
                List.of());
    }

    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }
}
