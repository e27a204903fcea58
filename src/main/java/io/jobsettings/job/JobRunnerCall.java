package io.jobsettings.job;

import java.time.Duration;
import java.util.function.Function;

/** One call to the job runner and how many times it has been tried. */
public final class JobRunnerCall {

    private final String endpoint;
    private final Function<JobRunnerApi, byte[]> request;
    private int attempts;
    private Duration pauseBeforeNextAttempt = Duration.ZERO;

    private JobRunnerCall(String endpoint, Function<JobRunnerApi, byte[]> request) {
        this.endpoint = endpoint;
        this.request = request;
    }

    public static JobRunnerCall startJob(JobTarget target, JobRequest body) {
        return new JobRunnerCall("jobs",
                api -> api.startJob(target.envId(), target.flowId(), target.tenant(), body));
    }

    public static JobRunnerCall startDiscover(JobTarget target) {
        return new JobRunnerCall("discover",
                api -> api.startDiscover(target.envId(), target.flowId(), target.tenant()));
    }

    /** Which runner route the call goes to: {@code jobs} or {@code discover}. */
    public String endpoint() {
        return endpoint;
    }

    int nextAttempt() {
        return ++attempts;
    }

    /** The runner asked, with Retry-After, for this pause before it is asked again. */
    void pauseBeforeNextAttempt(Duration pause) {
        pauseBeforeNextAttempt = pause;
    }

    /** The pause the runner asked for, once: only an attempt that follows takes it. */
    Duration takePause() {
        Duration pause = pauseBeforeNextAttempt;
        pauseBeforeNextAttempt = Duration.ZERO;
        return pause;
    }

    /** The runner's answer as sent: it is read strictly by the caller, not by the REST client. */
    byte[] sendWith(JobRunnerApi api) {
        return request.apply(api);
    }
}
