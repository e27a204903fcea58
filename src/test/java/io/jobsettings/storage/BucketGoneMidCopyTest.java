package io.jobsettings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jobsettings.job.JobStatus;
import io.jobsettings.testing.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The customer's bucket is deleted while a job's files are being copied into it: the copy fails cleanly. */
class BucketGoneMidCopyTest {

    private static final String JOBS = "jobs-mid-copy";
    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3Server.start();
        server.createBucket(JOBS);
        s3 = server.client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void bucketDeletedAfterTheFirstPartFailsTheCopyNamingTheBucketAndKeepsTheJobsOutputs() {
        String bucket = "customer-" + Long.toString(System.nanoTime(), 36);
        server.createBucket(bucket);
        JobOutputs job = new JobOutputs("prod.acme.example", "cust-1", "J1", "cust-1/jobs/J1", JobStatus.JOB_COMPLETED,
                "2026-12-03T09:00:00Z");
        byte[] large = new byte[2 * ObjectCopier.PART_BYTES + 1];
        new Random(7).nextBytes(large);
        s3.putObject(b -> b.bucket(JOBS).key("cust-1/jobs/J1/snapshots/big.bin"), RequestBody.fromBytes(large));
        StorageTarget target = new StorageTarget(bucket, "", true, deletingBucketAfterFirstPart(bucket));
        SnapshotCommitter committer = new SnapshotCommitter(s3, JOBS, new ObjectCopier(s3, JOBS), new ObjectMapper());

        assertThatThrownBy(() -> committer.commit(job, StorageKind.SNAPSHOTS, target))
                .isInstanceOfSatisfying(StorageFailure.class, failure -> {
                    assertThat(failure.bucket()).isEqualTo(bucket);
                    assertThat(failure.isTransient()).isTrue();
                    // S3Proxy drops the connection before reading the part, so S3's own words are not always there.
                    assertThat(failure.getMessage()).contains("multipart upload of", "big.bin");
                });
        assertThat(s3.listObjectsV2(b -> b.bucket(JOBS).prefix("cust-1/jobs/J1/")).contents()).hasSize(1);
    }

    /** The customer's client, except that the bucket is deleted as soon as the first part has gone up. */
    private static S3Client deletingBucketAfterFirstPart(String bucket) {
        AtomicInteger parts = new AtomicInteger();
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(s3, args);
                        if (method.getName().equals("uploadPart") && parts.incrementAndGet() == 1) {
                            s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().forEach(upload ->
                                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key())
                                            .uploadId(upload.uploadId())));
                            server.deleteBucket(bucket);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
