package io.jobsettings.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jobsettings.platform.ObjectKeyPath;
import io.jobsettings.platform.json.QuotedValue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stages a job's files of one kind into their own version folder, then publishes them by writing the manifest
 * last; or removes what a rolled-back job staged. Older versions beyond the few kept are pruned after a commit.
 */
final class SnapshotCommitter {

    /**
     * Listings ask for URL-encoded keys, which the SDK decodes again: an XML answer cannot carry a key holding a
     * control character, so without it one such file name would fail every listing of its job.
     */
    private static final EncodingType URL_ENCODED = EncodingType.URL;

    /** What one kind ended as, for the caller's log and notifications. */
    enum Result { COMMITTED, ALREADY_CURRENT, SUPERSEDED, DISCARDED, KEPT_PREVIOUS }

    static final int OLDER_VERSIONS_KEPT = 2;
    /** How far ahead of this function's clock the job runner's may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SnapshotCommitter.class);

    private final S3Client jobsS3;
    private final String jobsBucket;
    private final ObjectCopier copier;
    private final ObjectMapper mapper;

    SnapshotCommitter(S3Client jobsS3, String jobsBucket, ObjectCopier copier, ObjectMapper mapper) {
        this.jobsS3 = jobsS3;
        this.jobsBucket = jobsBucket;
        this.copier = copier;
        this.mapper = mapper;
    }

    Result commit(JobOutputs job, StorageKind kind, StorageTarget target) {
        requireStartedAlready(job, target);
        String base = StorageLayout.basePrefix(target.configuredPrefix(), job);
        String version = StorageLayout.versionOf(job);
        Manifest manifest = readManifest(target, base, kind);
        if (manifest.current() != null && manifest.current().version().equals(version)) {
            return Result.ALREADY_CURRENT;
        }
        if (isOlderThanCurrent(job, manifest)) {
            discard(job, kind, target);
            return Result.SUPERSEDED;
        }

        String prefix = StorageLayout.versionPrefix(base, kind, version);
        List<Manifest.StoredFile> files = stage(job, kind, target, prefix);
        Manifest.Version next = new Manifest.Version(version, prefix, job.jobId(), job.s3Root(),
                job.status().name(), job.startTime(), Instant.now().toString(), files);
        Manifest advanced = manifest.advancedTo(next, OLDER_VERSIONS_KEPT);
        writeManifest(target, base, kind, advanced);

        prune(target, base, kind, advanced);
        return Result.COMMITTED;
    }

    /** Removes whatever this job staged of one kind, unless it is the current version. */
    Result discard(JobOutputs job, StorageKind kind, StorageTarget target) {
        String base = StorageLayout.basePrefix(target.configuredPrefix(), job);
        String version = StorageLayout.versionOf(job);
        Manifest manifest = readManifest(target, base, kind);
        if (manifest.current() != null && manifest.current().version().equals(version)) {
            return Result.ALREADY_CURRENT;
        }
        deletePrefix(target, StorageLayout.versionPrefix(base, kind, version));
        return Result.DISCARDED;
    }

    /** Copies every file of the kind; their names are checked first, so a bad one stages nothing at all. */
    private List<Manifest.StoredFile> stage(JobOutputs job, StorageKind kind, StorageTarget target, String prefix) {
        String sourcePrefix = job.sourcePrefix(kind);
        List<S3Object> sources = new ArrayList<>();
        for (S3Object source : listSource(sourcePrefix)) {
            String relative = source.key().substring(sourcePrefix.length());
            if (!relative.isEmpty() && !relative.endsWith("/")) {
                requireSafeName(relative);
                sources.add(source);
            }
        }
        List<Manifest.StoredFile> files = new ArrayList<>();
        for (S3Object source : sources) {
            String key = prefix + source.key().substring(sourcePrefix.length());
            files.add(new Manifest.StoredFile(key, copier.copy(source.key(), target, key)));
        }
        LOG.infof("staged %d %s files for job %s in %s", files.size(), kind.targetFolder(), job.jobId(),
                target.bucket());
        return files;
    }

    private void requireSafeName(String relative) {
        ObjectKeyPath.problemWith(relative).ifPresent(problem -> {
            throw StorageFailure.permanent(jobsBucket, "stage job outputs", "the job's file "
                    + QuotedValue.of(relative) + " " + problem + "; it would land outside its version folder");
        });
    }

    private Iterable<S3Object> listSource(String sourcePrefix) {
        try {
            return jobsS3.listObjectsV2Paginator(
                    b -> b.bucket(jobsBucket).prefix(sourcePrefix).encodingType(URL_ENCODED)).contents();
        } catch (SdkException e) {
            throw ObjectCopier.failure(jobsBucket, "s3:ListBucket " + sourcePrefix, e);
        }
    }

    /**
     * A job dated in the future would rank above every job that really runs after it until that date. Refused for
     * now rather than for good: the message comes back, and a runner clock only a little ahead is caught up with.
     */
    private static void requireStartedAlready(JobOutputs job, StorageTarget target) {
        StorageLayout.startInstant(job.startTime())
                .filter(started -> started.isAfter(Instant.now().plus(CLOCK_SKEW)))
                .ifPresent(started -> {
                    throw StorageFailure.transientFailure(target.bucket(), "commit job outputs",
                            "the job's start_time " + QuotedValue.of(job.startTime()) + " is more than "
                                    + CLOCK_SKEW.toMinutes() + " minutes ahead of this function's clock", null);
                });
    }

    /** A start time that cannot be read ranks below every other, as its version folder sorts. */
    private static boolean isOlderThanCurrent(JobOutputs job, Manifest manifest) {
        if (manifest.current() == null) {
            return false;
        }
        return rank(job.startTime()).isBefore(rank(manifest.current().startTime()));
    }

    private static Instant rank(String startTime) {
        return StorageLayout.startInstant(startTime).orElse(Instant.MIN);
    }

    private Manifest readManifest(StorageTarget target, String base, StorageKind kind) {
        String key = StorageLayout.manifestKey(base, kind);
        try {
            byte[] bytes = target.s3().getObjectAsBytes(b -> b.bucket(target.bucket()).key(key)).asByteArray();
            return mapper.readValue(bytes, Manifest.class);
        } catch (NoSuchKeyException e) {
            return new Manifest(kind.targetFolder(), null, List.of());
        } catch (SdkException e) {
            throw ObjectCopier.failure(target.bucket(), "s3:GetObject " + key, e);
        } catch (java.io.IOException e) {
            throw StorageFailure.permanent(target.bucket(), "read " + key, "the manifest is not readable JSON");
        }
    }

    private void writeManifest(StorageTarget target, String base, StorageKind kind, Manifest manifest) {
        String key = StorageLayout.manifestKey(base, kind);
        try {
            byte[] bytes = mapper.writeValueAsBytes(manifest);
            target.s3().putObject(b -> b.bucket(target.bucket()).key(key).contentType("application/json"),
                    RequestBody.fromBytes(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest could not be written as JSON", e);
        } catch (SdkException e) {
            throw ObjectCopier.failure(target.bucket(), "s3:PutObject " + key, e);
        }
    }

    /** Deletes version folders older than the current one that the manifest no longer names. */
    private void prune(StorageTarget target, String base, StorageKind kind, Manifest manifest) {
        String folder = StorageLayout.folder(base, kind);
        List<String> kept = manifest.versionsKept();
        String current = manifest.current().version();
        try {
            for (CommonPrefix versionFolder : target.s3().listObjectsV2Paginator(
                    b -> b.bucket(target.bucket()).prefix(folder).delimiter("/").encodingType(URL_ENCODED))
                    .commonPrefixes()) {
                String version = versionFolder.prefix().substring(folder.length()).replace("/", "");
                if (!kept.contains(version) && version.compareTo(current) < 0) {
                    deletePrefix(target, versionFolder.prefix());
                }
            }
        } catch (SdkException e) {
            // Limitation: a failed prune leaves old versions behind until the next commit prunes them; readers
            // never see them, since the manifest no longer names them.
            LOG.warnf("could not prune old %s versions in %s: %s", kind.targetFolder(), target.bucket(),
                    e.getMessage());
        }
    }

    // Limitation: one DeleteObject request per file. The batch DeleteObjects call needs a request checksum that
    // S3-compatible servers such as S3Proxy refuse, and version folders hold few files.
    private static void deletePrefix(StorageTarget target, String prefix) {
        try {
            for (S3Object object : target.s3().listObjectsV2Paginator(
                    b -> b.bucket(target.bucket()).prefix(prefix).encodingType(URL_ENCODED)).contents()) {
                target.s3().deleteObject(b -> b.bucket(target.bucket()).key(object.key()));
            }
        } catch (SdkException e) {
            throw ObjectCopier.failure(target.bucket(), "s3:DeleteObject " + prefix, e);
        }
    }
}
