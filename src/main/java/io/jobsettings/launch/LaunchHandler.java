package io.jobsettings.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jobsettings.job.CreatedJob;
import io.jobsettings.job.JobRunnerRejected;
import io.jobsettings.job.JobStarter;
import io.jobsettings.platform.InvalidEventException;
import io.jobsettings.platform.json.EventJson;

/**
 * The {@code launch} function: a launch request in, the created job's Job Details out. The environment's current
 * forcing settings decide whether the sync is a full one and whether it discovers first. The request is read from
 * the invocation's bytes, so a member sent twice or text after the request is refused, not silently dropped.
 */
@Named("launch")
public class LaunchHandler implements RequestStreamHandler {

    /** The most of the runner's answer passed on whole. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(LaunchHandler.class);

    private final JobStarter jobs;
    private final EventJson json;
    private final ObjectMapper mapper;

    public LaunchHandler(JobStarter jobs, EventJson json, ObjectMapper mapper) {
        this.jobs = jobs;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        answer(output, launch(input));
    }

    private CreatedJob launch(InputStream input) {
        long started = System.nanoTime();
        try {
            LaunchRequest request = LaunchRequest.from(json.read(input, "the launch request"));
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

    // Limitation: a runner answer over 1 MiB is cut to its job_id and status; Lambda answers at most 6 MB and the
    // caller (EventBridge Scheduler) reads none of it, while failing here, after the job started, would start another.
    private void answer(OutputStream output, CreatedJob created) {
        try {
            byte[] whole = mapper.writeValueAsBytes(created);
            output.write(whole.length <= MAX_ANSWER_BYTES ? whole : mapper.writeValueAsBytes(created.cutTo(
                    "the job runner answered " + whole.length + " bytes; only job_id and status are passed on")));
        } catch (IOException e) {
            throw new UncheckedIOException("the created job could not be written as the answer", e);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
