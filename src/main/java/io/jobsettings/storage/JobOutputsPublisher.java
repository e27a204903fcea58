package io.jobsettings.storage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jobsettings.settings.BucketSettings;
import io.jobsettings.settings.Settings;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps a finished job's snapshots and cache in the environment's storage, committing, keeping the previous
 * version or rolling back as the settings say. The job's outputs stay in the jobs bucket whatever happens here, so a
 * failed copy can always be tried again.
 */
@Singleton
public class JobOutputsPublisher {

    /** What happened to each kind of output, and whether the job was rolled back. */
    public record Outcome(StoragePlan plan, Map<StorageKind, String> results) {
        public boolean rolledBack() {
            return plan.rolledBack();
        }
    }

    private static final Logger LOG = Logger.getLogger(JobOutputsPublisher.class);

    private final StorageClients clients;
    private final SnapshotCommitter committer;

    public JobOutputsPublisher(StorageClients clients, S3Client platformS3, ObjectMapper mapper,
            @ConfigProperty(name = "jobs.bucket") Optional<String> jobsBucket) {
        this.clients = clients;
        // RequiredEnvironment stops the completion function at start without JOBS_BUCKET; others never copy.
        String bucket = jobsBucket.orElse("");
        ObjectCopier copier = new ObjectCopier(platformS3, bucket);
        this.committer = new SnapshotCommitter(platformS3, bucket, copier, mapper);
    }

    public Outcome publish(JobOutputs job, Settings settings) {
        StoragePlan plan = StoragePlan.decide(job.status(), settings.jobs());
        Map<StorageKind, String> results = new EnumMap<>(StorageKind.class);
        if (plan == StoragePlan.NOT_FINISHED) {
            return new Outcome(plan, results);
        }
        for (StorageKind kind : StorageKind.values()) {
            results.put(kind, apply(plan, job, kind, bucketFor(kind, settings)).name());
        }
        MDC.put("storage_plan", plan.name());
        LOG.infof("job outputs kept: snapshots=%s cache=%s", results.get(StorageKind.SNAPSHOTS),
                results.get(StorageKind.CACHE));
        return new Outcome(plan, Map.copyOf(results));
    }

    private SnapshotCommitter.Result apply(StoragePlan plan, JobOutputs job, StorageKind kind, BucketSettings bucket) {
        try (StorageTarget target = clients.targetFor(bucket)) {
            if (plan.commits(kind)) {
                return committer.commit(job, kind, target);
            }
            if (plan == StoragePlan.ROLL_BACK) {
                return committer.discard(job, kind, target);
            }
            return SnapshotCommitter.Result.KEPT_PREVIOUS;
        }
    }

    private static BucketSettings bucketFor(StorageKind kind, Settings settings) {
        return kind == StorageKind.SNAPSHOTS ? settings.storage().snapshots() : settings.storage().cache();
    }
}
