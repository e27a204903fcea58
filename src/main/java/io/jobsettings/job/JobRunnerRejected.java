package io.jobsettings.job;

/**
 * The job runner refused the request in a way another try will not change (a 4xx other than 429), or answered
 * with something that is not Job Details. {@link #runnerSaid()} is the start of what it answered.
 */
public class JobRunnerRejected extends RuntimeException {

    private static final int MAX_ANSWER_CHARS = 500;

    private final int status;
    private final String runnerSaid;

    public JobRunnerRejected(int status, String runnerSaid) {
        super("the job runner answered " + status + ": " + shortened(runnerSaid), null, false, false);
        this.status = status;
        this.runnerSaid = shortened(runnerSaid);
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

    private static String shortened(String answer) {
        String text = answer == null ? "" : answer.strip();
        return text.length() <= MAX_ANSWER_CHARS ? text : text.substring(0, MAX_ANSWER_CHARS) + "...";
    }
}
