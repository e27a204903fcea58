package io.jobsettings.storage;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One storage bucket as the committer uses it: where, and through which clients. A customer's bucket has clients
 * of its own, signed with the customer's keys, closed after use; the platform's default bucket shares the
 * function's clients.
 */
public record StorageTarget(String bucket, String configuredPrefix, boolean custom, S3Client s3)
        implements AutoCloseable {

    @Override
    public void close() {
        if (custom) {
            s3.close();
        }
    }
}
