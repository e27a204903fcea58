package io.jobsettings.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * What came of one request to a notification target. {@code problem} says in a few words what went wrong when there
 * was no answer; it never holds a URL, a header or anything else that could carry a secret.
 */
public record HttpExchange(
        Kind kind, int statusCode, String bodyExcerpt, Optional<Duration> retryAfter, long latencyMs, String problem) {

    public enum Kind {
        /** The target answered; {@code statusCode} says what. */
        RESPONDED,
        /** The target address is not allowed: nothing was sent. */
        REFUSED,
        /** The host name did not resolve: nothing was sent. */
        UNRESOLVED,
        /** No answer within the time allowed; the request may or may not have arrived. */
        TIMED_OUT,
        /** The connection failed or broke; the request may or may not have arrived. */
        FAILED
    }

    static HttpExchange responded(int statusCode, String bodyExcerpt, Optional<Duration> retryAfter, long latencyMs) {
        return new HttpExchange(Kind.RESPONDED, statusCode, bodyExcerpt, retryAfter, latencyMs, null);
    }

    static HttpExchange noAnswer(Kind kind, String problem, long latencyMs) {
        return new HttpExchange(kind, 0, null, Optional.empty(), latencyMs, problem);
    }

    public boolean isSuccess() {
        return kind == Kind.RESPONDED && statusCode >= 200 && statusCode < 300;
    }
}
