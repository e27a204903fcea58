package io.jobsettings.job;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.platform.InvalidEventException;
import io.jobsettings.platform.json.EventJson;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Sends calls to the job runner, trying again with growing pauses while it is unavailable (network errors, 429,
 * 5xx). A refusal that will not heal is logged here once, with what the runner said, and never tried again.
 * The retry budget stays well inside the functions' timeout, so a function is not stopped in the middle of a call.
 * Each attempt logs one line; the environment, flow and tenant are in the logging context its handler set.
 */
@Singleton
public class JobRunner {

    /** The longest Retry-After honoured inside one invocation; a longer one leaves the event to its retries. */
    public static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final String[] CALL_KEYS =
            {"endpoint", "attempt", "status", "job_id", "job_status", "latency_ms", "retry_after_ms"};

    private final JobRunnerApi api;
    private final long readTimeoutMillis;
    private final Optional<String> apiKey;
    private final EventJson json;

    public JobRunner(@RestClient JobRunnerApi api,
            @ConfigProperty(name = "quarkus.rest-client.jobs-api.read-timeout") long readTimeoutMillis,
            @ConfigProperty(name = "jobs.api.key") Optional<String> apiKey, EventJson json) {
        this.api = api;
        this.json = json;
        this.readTimeoutMillis = readTimeoutMillis;
        this.apiKey = apiKey.filter(key -> !key.isBlank());
    }

    // Limitation: a retry after a read timeout or a 5xx may start a second job if the runner had created the first
    // before failing; its API takes no idempotency key, so nothing here can tell.
    @Retry(maxRetries = 4, delay = 500, jitter = 200, maxDuration = 30_000,
            retryOn = JobRunnerUnavailable.class, abortOn = {JobRunnerRejected.class, JobRunnerAskedToWait.class})
    @ExponentialBackoff(factor = 2, maxDelay = 8_000)
    public CreatedJob send(JobRunnerCall call) {
        pause(call.takePause());
        long started = System.nanoTime();
        MDC.put("endpoint", call.endpoint());
        MDC.put("attempt", call.nextAttempt());
        try {
            // The runner took the request: from here on, asking again could start a second job.
            CreatedJob answered = createdJob(call.sendWith(api));
            // A runner echoing the key it was sent must not have it logged, recorded or answered on.
            CreatedJob created = apiKey.map(answered::without).orElse(answered);
            Optional<String> problem = created.problem();
            if (problem.isPresent()) {
                throw JobRunnerRejected.notJobDetails(problem.get());
            }
            MDC.put("job_id", created.jobId().get());
            MDC.put("job_status", created.status().orElse(""));
            MDC.put("latency_ms", millisSince(started));
            LOG.info("job runner call succeeded");
            return created;
        } catch (JobRunnerAskedToWait waitLonger) {
            throw leftForRetry(started, waitLonger);
        } catch (JobRunnerUnavailable unavailable) {
            unavailable.retryAfter().ifPresent(call::pauseBeforeNextAttempt);
            throw unavailable(started, unavailable);
        } catch (JobRunnerRejected refused) {
            throw rejected(started, refused);
        } catch (WebApplicationException unreadable) {
            // An answer the client would not hand over: the job may well exist, so asking again could start another.
            int status = unreadable.getResponse().getStatus();
            throw rejected(started, new JobRunnerRejected(status, "an answer that is not Job Details"));
        } catch (ProcessingException failed) {
            // The answer comes as bytes and is read above, so the client fails only when it reached no runner.
            throw unavailable(started, new JobRunnerUnavailable(0, unreached(failed), failed));
        } finally {
            for (String key : CALL_KEYS) {
                MDC.remove(key);
            }
        }
    }

    /** Read as strictly as events are: a member sent twice or text after the answer is not Job Details. */
    private CreatedJob createdJob(byte[] answer) {
        JsonNode read;
        try {
            read = json.read(answer == null ? new byte[0] : answer, "the answer");
        } catch (InvalidEventException unreadable) {
            throw new JobRunnerRejected(200, "an answer that is not Job Details: " + unreadable.getMessage(),
                    apiKey.stream().toList());
        }
        if (!(read instanceof ObjectNode object)) {
            throw JobRunnerRejected.notJobDetails("the answer is not a JSON object");
        }
        return CreatedJob.of(object);
    }

    private static JobRunnerUnavailable unavailable(long started, JobRunnerUnavailable e) {
        MDC.put("status", e.status());
        MDC.put("latency_ms", millisSince(started));
        e.retryAfter().ifPresent(wait -> MDC.put("retry_after_ms", wait.toMillis()));
        LOG.warn("job runner unavailable; the call is tried again while the retry budget lasts");
        return e;
    }

    private static JobRunnerAskedToWait leftForRetry(long started, JobRunnerAskedToWait e) {
        MDC.put("status", e.status());
        MDC.put("latency_ms", millisSince(started));
        LOG.warn(e.getMessage());
        return e;
    }

    private static JobRunnerRejected rejected(long started, JobRunnerRejected e) {
        MDC.put("status", e.status());
        MDC.put("latency_ms", millisSince(started));
        LOG.errorf("job runner call failed for good: %s", e.getMessage());
        return e;
    }

    /** A runner that took the request and then said nothing for the read timeout, or one that was never reached. */
    private String unreached(ProcessingException failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return "the job runner did not answer within its read timeout of " + readTimeoutMillis + " ms";
            }
        }
        return "the job runner could not be reached: " + failed.getMessage();
    }

    private static void pause(Duration wait) {
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
