package io.jobsettings.completion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatusFollowUp;
import io.jobsettings.job.JobStatusFollowUp.Result;
import io.jobsettings.settings.Settings;
import io.jobsettings.settings.SettingsStore;
import io.quarkus.arc.All;

/**
 * What happens when jobs report a status: each message is read into Job Details, the environment's settings are
 * read once per batch, and every {@link JobStatusFollowUp} (notifications now; storage of snapshots and cache is
 * the next one to plug in here) starts at once for every job. The answer lists the messages that must come back.
 */
@Singleton
public class JobCompletion {

    /** One queue message, as much of it as the completion needs. */
    public record Message(String id, String body, int receiveCount) {
    }

    private record Started(Message message, JobDetails job, CompletableFuture<Result> outcome) {
    }

    private static final Logger LOG = Logger.getLogger(JobCompletion.class);
    private static final List<String> LOG_KEYS =
            List.of("message_id", "receive_count", "outcome", "env_id", "tenant", "job_id", "s3_root", "status");

    private final JobEventReader reader;
    private final SettingsStore settingsStore;
    private final List<JobStatusFollowUp> followUps;

    public JobCompletion(JobEventReader reader, SettingsStore settingsStore, @All List<JobStatusFollowUp> followUps) {
        this.reader = reader;
        this.settingsStore = settingsStore;
        this.followUps = followUps;
    }

    /** Handles a batch; returns the ids of the messages whose handling may succeed if tried again. */
    public List<String> handle(List<Message> messages) {
        Map<String, Settings> settingsByEnv = new HashMap<>();
        List<Started> started = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        for (Message message : messages) {
            try {
                JobDetails job = reader.read(message.body());
                Settings settings = settingsByEnv.computeIfAbsent(job.envId(), settingsStore::read);
                started.add(new Started(message, job, startAll(job, settings)));
            } catch (RefusedMessage refused) {
                // Limitation: a refused message is logged and dropped rather than parked in the dead-letter queue,
                // since retrying cannot help; finding it again means searching the logs by message_id.
                logRefused(message, refused);
            } catch (RuntimeException trouble) {
                logMessage(message, null, "retry");
                LOG.warnf(trouble, "job status could not be read or its settings loaded; the message will come back");
                retry.add(message.id());
            } finally {
                LOG_KEYS.forEach(MDC::remove);
            }
        }
        for (Started job : started) {
            Result result = job.outcome().join();
            logMessage(job.message(), job.job(), result == Result.RETRY ? "retry" : "done");
            LOG.info("job status handled");
            LOG_KEYS.forEach(MDC::remove);
            if (result == Result.RETRY) {
                retry.add(job.message().id());
            }
        }
        return retry;
    }

    private CompletableFuture<Result> startAll(JobDetails job, Settings settings) {
        List<CompletableFuture<Result>> running = followUps.stream()
                .map(followUp -> startSafely(followUp, job, settings))
                .toList();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().anyMatch(one -> one.join() == Result.RETRY)
                        ? Result.RETRY : Result.DONE);
    }

    private static CompletableFuture<Result> startSafely(JobStatusFollowUp followUp, JobDetails job,
            Settings settings) {
        try {
            return followUp.start(job, settings).exceptionally(failure -> {
                LOG.errorf(failure, "follow-up %s of job %s failed; the message will come back", followUp.name(),
                        job.jobId());
                return Result.RETRY;
            });
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "follow-up %s of job %s did not start; the message will come back", followUp.name(),
                    job.jobId());
            return CompletableFuture.completedFuture(Result.RETRY);
        }
    }

    private static void logRefused(Message message, RefusedMessage refused) {
        logMessage(message, null, "refused");
        LOG.errorf("message refused and not retried: %s", refused.getMessage());
    }

    private static void logMessage(Message message, JobDetails job, String outcome) {
        MDC.put("message_id", message.id());
        MDC.put("receive_count", message.receiveCount());
        MDC.put("outcome", outcome);
        if (job != null) {
            MDC.put("env_id", job.envId());
            MDC.put("tenant", job.tenant());
            MDC.put("job_id", job.jobId());
            MDC.put("s3_root", job.s3Root());
            MDC.put("status", job.status().name());
        }
    }
}
