package io.jobsettings.job;

import java.time.Duration;
import java.util.Optional;

/**
 * The job runner is unavailable and asked, with Retry-After, for a longer pause than one invocation can afford.
 * It is not asked again now; the invocation fails, and the event comes back through its source's retries.
 */
public class JobRunnerAskedToWait extends JobRunnerUnavailable {

    public JobRunnerAskedToWait(int status, Duration wait) {
        super(status, "the job runner answered " + status + " and asked to wait " + wait.toSeconds()
                + " s; the event is left for its retry", Optional.of(wait), null);
    }
}
