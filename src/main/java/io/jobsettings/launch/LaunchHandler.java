package io.jobsettings.launch;

import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.job.CreatedJob;
import io.jobsettings.job.JobRunnerRejected;
import io.jobsettings.job.JobStarter;
import io.jobsettings.platform.InvalidEventException;

/**
 * The {@code launch} function: a launch request in, the created job's Job Details out. The environment's current
 * forcing settings decide whether the sync is a full one and whether it discovers first.
 */
@Named("launch")
public class LaunchHandler implements RequestHandler<JsonNode, CreatedJob> {

    private static final Logger LOG = Logger.getLogger(LaunchHandler.class);

    private final JobStarter jobs;

    public LaunchHandler(JobStarter jobs) {
        this.jobs = jobs;
    }

    @Override
    public CreatedJob handleRequest(JsonNode json, Context context) {
        long started = System.nanoTime();
        try {
            LaunchRequest request = LaunchRequest.from(json);
            MDC.put("env_id", request.target().envId());
            MDC.put("flow_id", request.target().flowId());
            MDC.put("tenant", request.target().tenant());
            MDC.put("reason", request.reason());
            CreatedJob created = jobs.launch(request.target(), request.reason());
            MDC.put("job_id", created.jobId().orElse(""));
            MDC.put("job_status", created.status().orElse(""));
            MDC.put("latency_ms", millisSince(started));
            LOG.info("job launched");
            return created;
        } catch (InvalidEventException invalid) {
            LOG.errorf("launch request rejected: %s", invalid.getMessage());
            throw invalid;
        } catch (JobRunnerRejected refused) {
            throw refused;
        } catch (RuntimeException failed) {
            MDC.put("latency_ms", millisSince(started));
            LOG.errorf("launch failed: %s", failed.toString());
            throw failed;
        } finally {
            MDC.clear();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
