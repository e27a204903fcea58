package io.jobsettings.job;

import java.util.Collection;
import java.util.List;

import io.jobsettings.platform.http.AnswerExcerpt;

/**
 * The job runner refused the request in a way another try will not change (a 4xx other than 429), or answered
 * with something that is not Job Details. {@link #runnerSaid()} is the start of what it answered, as an
 * {@link AnswerExcerpt}: the key the call carried redacted, invisible characters shown as {@code ?}.
 */
public class JobRunnerRejected extends RuntimeException {

    private static final int MAX_ANSWER_CHARS = 500;

    private final int status;
    private final String runnerSaid;

    public JobRunnerRejected(int status, String runnerSaid) {
        this(status, runnerSaid, List.of());
    }

    /** What the runner said, with {@code secretsSent} (the API key) redacted from it. */
    public JobRunnerRejected(int status, String runnerSaid, Collection<String> secretsSent) {
        super("the job runner answered " + status + ": " + AnswerExcerpt.of(runnerSaid, MAX_ANSWER_CHARS, secretsSent),
                null, false, false);
        this.status = status;
        this.runnerSaid = AnswerExcerpt.of(runnerSaid, MAX_ANSWER_CHARS, secretsSent);
    }

    /** A success (2xx) whose answer is not Job Details; the exact status is not known past the client. */
    public static JobRunnerRejected notJobDetails(String what) {
        return new JobRunnerRejected(200, "an answer that is not Job Details: " + what);
    }

    public int status() {
        return status;
    }

    public String runnerSaid() {
        return runnerSaid;
    }
}
