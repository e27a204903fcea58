package io.jobsettings.storage;

/**
 * A storage step that failed, with the bucket, the action and what S3 said. Transient failures are retried by
 * redelivering the message; permanent ones (bad keys in the job details) never will succeed.
 */
public class StorageFailure extends RuntimeException {

    private final String bucket;
    private final String action;
    private final boolean transientFailure;

    private StorageFailure(String bucket, String action, String detail, boolean transientFailure, Throwable cause) {
        super((bucket != null ? "bucket " + bucket + ": " : "") + action + " failed: " + detail, cause);
        this.bucket = bucket;
        this.action = action;
        this.transientFailure = transientFailure;
    }

    public static StorageFailure transientFailure(String bucket, String action, String detail, Throwable cause) {
        return new StorageFailure(bucket, action, detail, true, cause);
    }

    public static StorageFailure permanent(String bucket, String action, String detail) {
        return new StorageFailure(bucket, action, detail, false, null);
    }

    public String bucket() {
        return bucket;
    }

    public String action() {
        return action;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
