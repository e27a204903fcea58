package io.jobsettings.job;

/** The job runner could not be reached or answered 429 or 5xx: worth trying again a little later. */
public class JobRunnerUnavailable extends RuntimeException {

    private final int status;

    public JobRunnerUnavailable(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the runner answered, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
