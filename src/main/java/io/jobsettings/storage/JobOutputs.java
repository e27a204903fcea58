package io.jobsettings.storage;

import java.util.regex.Pattern;

import io.jobsettings.job.JobStatus;

/**
 * The one job whose outputs are to be kept, as far as storage cares. {@code startTime} orders jobs of a tenant,
 * so a slow old job can never replace the snapshot of a newer one.
 */
public record JobOutputs(String envId, String tenant, String jobId, String s3Root, JobStatus status,
        String startTime) {

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._@+=-]{1,200}");

    public JobOutputs {
        requireSegment("env_id", envId);
        requireSegment("tenant", tenant);
        if (s3Root == null || s3Root.isBlank() || s3Root.startsWith("/") || s3Root.contains("..")) {
            throw StorageFailure.permanent(null, "read job outputs", "s3_root is missing or not a relative key");
        }
    }

    private static void requireSegment(String field, String value) {
        if (value == null || !SAFE_SEGMENT.matcher(value).matches() || value.startsWith(".")) {
            throw StorageFailure.permanent(null, "lay out storage keys",
                    field + " must be 1 to 200 letters, digits or ._@+=- and must not start with '.'");
        }
    }

    /** Where this job's files of one kind are in the jobs bucket. */
    public String sourcePrefix(StorageKind kind) {
        String root = s3Root.endsWith("/") ? s3Root : s3Root + "/";
        return root + kind.sourceFolder();
    }
}
