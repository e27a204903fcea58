package io.jobsettings.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one object from the jobs bucket into a storage bucket. The two buckets may belong to different accounts
 * with different keys, so S3's server-side copy cannot be used: the bytes pass through the function. A large object
 * goes up as a multipart upload, one part in memory at a time, so memory stays bounded whatever the file size.
 */
final class ObjectCopier {

    // Limitation: parts are sent one after another through the SDK's multipart API. The SDK's own automatic
    // multipart upload needs an async HTTP client, whose Quarkus extension does not resolve with the versions
    // this project is pinned to; one part at a time also keeps memory at one part.
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client jobsS3;
    private final String jobsBucket;

    ObjectCopier(S3Client jobsS3, String jobsBucket) {
        this.jobsS3 = jobsS3;
        this.jobsBucket = jobsBucket;
    }

    /** Copies {@code sourceKey} to {@code targetKey}; returns the number of bytes copied. */
    long copy(String sourceKey, StorageTarget target, String targetKey) {
        try (ResponseInputStream<GetObjectResponse> source = read(sourceKey)) {
            long length = source.response().contentLength();
            if (length <= PART_BYTES) {
                byte[] bytes = source.readNBytes(PART_BYTES);
                put(target, targetKey, bytes);
                return bytes.length;
            }
            return uploadInParts(source, target, targetKey);
        } catch (IOException e) {
            throw StorageFailure.transientFailure(jobsBucket, "s3:GetObject " + sourceKey, e.getMessage(), e);
        }
    }

    private void put(StorageTarget target, String key, byte[] bytes) {
        try {
            target.s3().putObject(b -> b.bucket(target.bucket()).key(key), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure(target.bucket(), "s3:PutObject " + key, e);
        }
    }

    private long uploadInParts(InputStream source, StorageTarget target, String key) throws IOException {
        String uploadId = start(target, key);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long copied = 0;
            for (byte[] part = source.readNBytes(PART_BYTES); part.length > 0; part = source.readNBytes(PART_BYTES)) {
                parts.add(uploadPart(target, key, uploadId, parts.size() + 1, part));
                copied += part.length;
            }
            target.s3().completeMultipartUpload(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return copied;
        } catch (IOException | RuntimeException e) {
            abort(target, key, uploadId);
            if (e instanceof SdkException sdk) {
                throw failure(target.bucket(), "multipart upload of " + key, sdk);
            }
            throw e;
        }
    }

    private static String start(StorageTarget target, String key) {
        try {
            return target.s3().createMultipartUpload(b -> b.bucket(target.bucket()).key(key)).uploadId();
        } catch (SdkException e) {
            throw failure(target.bucket(), "s3:PutObject (start multipart) " + key, e);
        }
    }

    private static CompletedPart uploadPart(StorageTarget target, String key, String uploadId, int number,
            byte[] part) {
        String etag = target.s3().uploadPart(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId)
                .partNumber(number).contentLength((long) part.length), RequestBody.fromBytes(part)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private static void abort(StorageTarget target, String key, String uploadId) {
        try {
            target.s3().abortMultipartUpload(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // The bucket's lifecycle rule for incomplete uploads removes what could not be aborted.
        }
    }

    private ResponseInputStream<GetObjectResponse> read(String sourceKey) {
        try {
            return jobsS3.getObject(b -> b.bucket(jobsBucket).key(sourceKey));
        } catch (SdkException e) {
            throw failure(jobsBucket, "s3:GetObject " + sourceKey, e);
        }
    }

    static StorageFailure failure(String bucket, String action, Throwable cause) {
        if (cause instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return StorageFailure.transientFailure(bucket, action,
                    s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + "): "
                            + s3.awsErrorDetails().errorMessage(), cause);
        }
        return StorageFailure.transientFailure(bucket, action, String.valueOf(cause.getMessage()), cause);
    }
}
