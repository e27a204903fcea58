package io.jobsettings.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * goes up as a multipart upload: while a few parts are being sent, the next one is read, so reading and sending
 * overlap. The parts' buffers are reused, so memory stays at a few parts whatever the file size.
 */
final class ObjectCopier {

    static final int PART_BYTES = 8 * 1024 * 1024;

    // Limitation: parts go through the SDK's multipart API from a small thread pool of our own. The SDK's automatic
    // multipart upload needs an async HTTP client, whose Quarkus extension does not resolve with the versions this
    // project is pinned to.
    /** Parts sent at once. With the part being read, this many plus one part buffers are held in memory. */
    static final int UPLOADS_IN_FLIGHT = 2;

    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final AtomicInteger UPLOADERS = new AtomicInteger();

    private final S3Client jobsS3;
    private final String jobsBucket;

    ObjectCopier(S3Client jobsS3, String jobsBucket) {
        this.jobsS3 = jobsS3;
        this.jobsBucket = jobsBucket;
    }

    /** One part's bytes: a buffer and how much of it was filled. */
    private record Part(int number, byte[] bytes, int length) {
        RequestBody body() {
            // No copy of the part: the SDK opens the stream again if it has to send it again.
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                    CONTENT_TYPE);
        }
    }

    /** Copies {@code sourceKey} to {@code targetKey}; returns the number of bytes copied. */
    long copy(String sourceKey, StorageTarget target, String targetKey) {
        try (ResponseInputStream<GetObjectResponse> source = read(sourceKey)) {
            long length = source.response().contentLength();
            if (length <= PART_BYTES) {
                Part whole = readPart(source, 1, new byte[(int) length]);
                put(target, targetKey, whole);
                return whole.length();
            }
            return uploadInParts(source, target, targetKey);
        } catch (IOException e) {
            throw StorageFailure.transientFailure(jobsBucket, "s3:GetObject " + sourceKey, e.getMessage(), e);
        }
    }

    private void put(StorageTarget target, String key, Part whole) {
        try {
            target.s3().putObject(b -> b.bucket(target.bucket()).key(key), whole.body());
        } catch (SdkException e) {
            throw failure(target.bucket(), "s3:PutObject " + key, e);
        }
    }

    private long uploadInParts(InputStream source, StorageTarget target, String key) throws IOException {
        String uploadId = start(target, key);
        ExecutorService uploads = Executors.newFixedThreadPool(UPLOADS_IN_FLIGHT, ObjectCopier::uploader);
        try {
            List<Future<CompletedPart>> sent = new ArrayList<>();
            BlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(UPLOADS_IN_FLIGHT + 1);
            long copied = 0;
            for (int number = 1; ; number++) {
                Part part = readPart(source, number, freeBuffer(buffers, sent));
                if (part.length() == 0) {
                    break;
                }
                sent.add(uploads.submit(uploadTask(target, key, uploadId, part, buffers)));
                copied += part.length();
            }
            List<CompletedPart> parts = completed(sent);
            target.s3().completeMultipartUpload(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return copied;
        } catch (IOException | RuntimeException e) {
            stop(uploads);
            abort(target, key, uploadId);
            if (e instanceof SdkException sdk) {
                throw failure(target.bucket(), "multipart upload of " + key, sdk);
            }
            throw e;
        } finally {
            uploads.shutdown();
        }
    }

    /** Sends one part, then hands its buffer back for the part after next. */
    private static Callable<CompletedPart> uploadTask(StorageTarget target, String key, String uploadId, Part part,
            BlockingQueue<byte[]> buffers) {
        return () -> {
            try {
                String etag = target.s3().uploadPart(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId)
                        .partNumber(part.number()).contentLength((long) part.length()), part.body()).eTag();
                return CompletedPart.builder().partNumber(part.number()).eTag(etag).build();
            } finally {
                buffers.offer(part.bytes());
            }
        };
    }

    /**
     * A buffer for the next part: a new one while fewer than the limit exist, else the next one a sent part gives
     * back. A part that failed meanwhile stops the copy before more is read.
     */
    private static byte[] freeBuffer(BlockingQueue<byte[]> buffers, List<Future<CompletedPart>> sent)
            throws IOException {
        if (sent.size() <= UPLOADS_IN_FLIGHT) {
            return new byte[PART_BYTES];
        }
        byte[] buffer;
        try {
            buffer = buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending parts");
        }
        // Parts finish about in order: the latest few are where a failure shows first.
        for (int i = Math.max(0, sent.size() - UPLOADS_IN_FLIGHT - 1); i < sent.size(); i++) {
            if (sent.get(i).isDone()) {
                result(sent.get(i));
            }
        }
        return buffer;
    }

    private static List<CompletedPart> completed(List<Future<CompletedPart>> sent) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        for (Future<CompletedPart> part : sent) {
            parts.add(result(part));
        }
        return parts;
    }

    private static CompletedPart result(Future<CompletedPart> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending parts");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            throw new IOException("a part could not be sent: " + e.getCause(), e.getCause());
        }
    }

    /** Fills {@code buffer} from the source; a part shorter than the buffer is the last. */
    private static Part readPart(InputStream source, int number, byte[] buffer) throws IOException {
        int length = source.readNBytes(buffer, 0, buffer.length);
        return new Part(number, buffer, length);
    }

    /** Cancels what is still being sent and waits for it, so that no part lands after the abort. */
    private static void stop(ExecutorService uploads) {
        uploads.shutdownNow();
        try {
            uploads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread uploader(Runnable task) {
        Thread thread = new Thread(task, "part-upload-" + UPLOADERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    private static String start(StorageTarget target, String key) {
        try {
            return target.s3().createMultipartUpload(b -> b.bucket(target.bucket()).key(key)).uploadId();
        } catch (SdkException e) {
            throw failure(target.bucket(), "s3:PutObject (start multipart) " + key, e);
        }
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
