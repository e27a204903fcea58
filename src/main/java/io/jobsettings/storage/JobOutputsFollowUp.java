package io.jobsettings.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatusFollowUp;
import io.jobsettings.settings.Settings;

/**
 * The completion handler's storage step: when a job finishes, keep its snapshots and cache as the settings say. It
 * runs on threads of its own, so copying large files never delays the job's notifications.
 */
@Singleton
public class JobOutputsFollowUp implements JobStatusFollowUp {

    private static final Logger LOG = Logger.getLogger(JobOutputsFollowUp.class);

    private final JobOutputsPublisher publisher;
    private final ExecutorService copiers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "storage-copy");
        thread.setDaemon(true);
        return thread;
    });

    public JobOutputsFollowUp(JobOutputsPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public CompletableFuture<Result> start(JobDetails job, Settings settings) {
        if (!job.status().isTerminal()) {
            return CompletableFuture.completedFuture(Result.DONE);
        }
        return CompletableFuture.supplyAsync(() -> publish(job, settings), copiers);
    }

    private Result publish(JobDetails job, Settings settings) {
        MDC.put("env_id", job.envId());
        MDC.put("tenant", job.tenant());
        MDC.put("job_id", job.jobId());
        MDC.put("s3_root", job.s3Root());
        try {
            String startTime = job.document().path("start_time").asText(null);
            publisher.publish(new JobOutputs(job.envId(), job.tenant(), job.jobId(), job.s3Root(), job.status(),
                    startTime), settings);
            return Result.DONE;
        } catch (StorageFailure failure) {
            MDC.put("bucket", String.valueOf(failure.bucket()));
            if (failure.isTransient()) {
                LOG.warnf("job outputs not kept yet, the message will come back: %s", failure.getMessage());
                return Result.RETRY;
            }
            LOG.errorf("job outputs can never be kept: %s", failure.getMessage());
            return Result.DONE;
        } catch (RuntimeException unexpected) {
            LOG.error("keeping job outputs failed unexpectedly; the message will come back", unexpected);
            return Result.RETRY;
        } finally {
            MDC.clear();
        }
    }

    @PreDestroy
    void stop() {
        copiers.shutdownNow();
    }
}
