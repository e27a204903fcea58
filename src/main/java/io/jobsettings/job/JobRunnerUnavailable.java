package io.jobsettings.job;

import java.time.Duration;
import java.util.Optional;

/** The job runner could not be reached or answered 429 or 5xx: worth trying again a little later. */
public class JobRunnerUnavailable extends RuntimeException {

    private final int status;
    private final Optional<Duration> retryAfter;

    public JobRunnerUnavailable(int status, String message, Throwable cause) {
        this(status, message, Optional.empty(), cause);
    }

    public JobRunnerUnavailable(int status, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status the runner answered, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** How long the runner asked callers to wait before the next try, when it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
