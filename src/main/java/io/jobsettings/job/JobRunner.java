package io.jobsettings.job;

import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Sends calls to the job runner, trying again with growing pauses while it is unavailable (network errors, 429,
 * 5xx). A refusal that will not heal is logged here once, with what the runner said, and never tried again.
 * The retry budget stays well inside the functions' timeout, so a function is not stopped in the middle of a call.
 * The environment, flow and tenant of a call are in the logging context its handler set.
 */
@Singleton
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobRunnerApi api;

    public JobRunner(@RestClient JobRunnerApi api) {
        this.api = api;
    }

    // Limitation: a retry after a read timeout or a 5xx may start a second job if the runner had created the first
    // before failing; its API takes no idempotency key, so nothing here can tell.
    @Retry(maxRetries = 4, delay = 500, jitter = 200, maxDuration = 30_000,
            retryOn = JobRunnerUnavailable.class, abortOn = JobRunnerRejected.class)
    @ExponentialBackoff(factor = 2, maxDelay = 8_000)
    public CreatedJob send(JobRunnerCall call) {
        int attempt = call.nextAttempt();
        long started = System.nanoTime();
        try {
            CreatedJob details = call.sendWith(api);
            LOG.infof("job runner call succeeded: endpoint=%s job_id=%s status=%s attempt=%d latency_ms=%d",
                    call.endpoint(), details.jobId().orElse(""), details.status().orElse(""), attempt,
                    millisSince(started));
            return details;
        } catch (JobRunnerUnavailable unavailable) {
            warnUnavailable(call, attempt, started, unavailable.status());
            throw unavailable;
        } catch (JobRunnerRejected refused) {
            throw rejected(call, attempt, started, refused);
        } catch (WebApplicationException unreadable) {
            // A success whose answer cannot be read: the job may well exist, so asking again could start another.
            int status = unreadable.getResponse().getStatus();
            throw rejected(call, attempt, started, new JobRunnerRejected(status, "an answer that is not Job Details"));
        } catch (ProcessingException unreachable) {
            warnUnavailable(call, attempt, started, 0);
            throw new JobRunnerUnavailable(0, "the job runner could not be reached: " + unreachable.getMessage(),
                    unreachable);
        }
    }

    private static void warnUnavailable(JobRunnerCall call, int attempt, long started, int status) {
        LOG.warnf("job runner unavailable: endpoint=%s status=%d attempt=%d latency_ms=%d",
                call.endpoint(), status, attempt, millisSince(started));
    }

    private static JobRunnerRejected rejected(JobRunnerCall call, int attempt, long started, JobRunnerRejected e) {
        LOG.errorf("job runner call failed for good: endpoint=%s status=%d attempt=%d latency_ms=%d runner_said=%s",
                call.endpoint(), e.status(), attempt, millisSince(started), e.runnerSaid());
        return e;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
