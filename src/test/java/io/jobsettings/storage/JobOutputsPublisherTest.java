package io.jobsettings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.jobsettings.job.JobStatus;
import io.jobsettings.settings.BucketSettings;
import io.jobsettings.settings.JobSettings;
import io.jobsettings.settings.Settings;
import io.jobsettings.settings.StorageSettings;
import io.jobsettings.testing.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Snapshots and cache leave the jobs bucket for the environment's storage: the platform's S3Proxy holds the jobs and
 * default buckets, a second S3Proxy with keys of its own stands in for a customer's account.
 */
class JobOutputsPublisherTest {

    private static final String JOBS = "platform-jobs";
    private static final String DEFAULTS = "platform-storage";
    private static final String CUSTOMER_KEY = "CUSTOMERKEY000000001";
    private static final String CUSTOMER_SECRET = "customer/secret/key/0000000000000000000001";

    private static S3Server platform;
    private static S3Server customer;
    private static S3Client platformS3;
    private static S3Client customerS3;
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private JobOutputsPublisher publisher;
    private String bucket;
    private String tenant;

    @BeforeAll
    static void startServers() {
        platform = S3Server.start();
        customer = S3Server.start(CUSTOMER_KEY, CUSTOMER_SECRET);
        platform.createBucket(JOBS);
        platform.createBucket(DEFAULTS);
        platformS3 = platform.client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        customerS3 = customer.client(CUSTOMER_KEY, CUSTOMER_SECRET);
    }

    @AfterAll
    static void stopServers() {
        platformS3.close();
        customerS3.close();
        platform.close();
        customer.close();
    }

    @BeforeEach
    void freshBucketAndTenant() {
        bucket = "acme-" + Long.toString(System.nanoTime(), 36);
        tenant = "cust-" + Long.toString(System.nanoTime(), 36);
        customer.createBucket(bucket);
        StorageClients clients = new StorageClients(Optional.of(URI.create(customer.endpoint())), Optional.empty(),
                Optional.of(DEFAULTS), platformS3);
        publisher = new JobOutputsPublisher(clients, platformS3, MAPPER, Optional.of(JOBS));
    }

    @Test
    void completedJobsSnapshotsAppearInTheCustomerBucketByteForByteWithAManifest() throws Exception {
        JobOutputs job = job("A1", JobStatus.JOB_COMPLETED, "2026-12-03T09:15:02.118Z");
        byte[] accounts = writeOutput(job, "snapshots/Account.jsonl", 5_000);
        byte[] contacts = writeOutput(job, "snapshots/nested/Contact.jsonl", 70_000);

        JobOutputsPublisher.Outcome outcome = publisher.publish(job, customStorage(false, false));

        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "COMMITTED");
        Manifest manifest = manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS);
        String prefix = "etl/prod.acme.example/" + tenant + "/snapshots/" + StorageLayout.versionOf(job) + "/";
        assertThat(manifest.current().prefix()).isEqualTo(prefix);
        assertThat(manifest.current().jobId()).isEqualTo("A1");
        assertThat(manifest.current().files()).extracting(Manifest.StoredFile::key)
                .containsExactlyInAnyOrder(prefix + "Account.jsonl", prefix + "nested/Contact.jsonl");
        assertThat(read(customerS3, bucket, prefix + "Account.jsonl")).isEqualTo(accounts);
        assertThat(read(customerS3, bucket, prefix + "nested/Contact.jsonl")).isEqualTo(contacts);
    }

    @Test
    void cacheWithoutCustomStorageGoesToThePlatformsDefaultBucket() throws Exception {
        JobOutputs job = job("C1", JobStatus.JOB_COMPLETED, "2026-12-03T09:15:02Z");
        byte[] cache = writeOutput(job, "sync-output/state-cache.json", 900);

        publisher.publish(job, customStorage(false, false));

        Manifest manifest = manifest(platformS3, DEFAULTS, "", StorageKind.CACHE);
        String key = "prod.acme.example/" + tenant + "/cache/" + StorageLayout.versionOf(job) + "/state-cache.json";
        assertThat(manifest.current().files()).extracting(Manifest.StoredFile::key).containsExactly(key);
        assertThat(read(platformS3, DEFAULTS, key)).isEqualTo(cache);
    }

    /** S3 lists keys in XML, which cannot carry most control characters unless the listing asks for them encoded. */
    @Test
    void fileNamedWithAControlCharacterIsListedAndCopiedUnderItsOwnName() throws Exception {
        JobOutputs job = job("K1", JobStatus.JOB_COMPLETED, "2026-12-03T09:15:02Z");
        byte[] odd = writeOutput(job, "snapshots/ctl\u0001x.jsonl", 300);

        JobOutputsPublisher.Outcome outcome = publisher.publish(job, customStorage(false, false));

        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "COMMITTED");
        Manifest.StoredFile stored = manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().files()
                .get(0);
        assertThat(stored.key()).endsWith("/ctl\u0001x.jsonl");
        assertThat(read(customerS3, bucket, stored.key())).isEqualTo(odd);
    }

    @Test
    void fileLargerThanOnePartIsCopiedInPartsAndArrivesWhole() throws Exception {
        JobOutputs job = job("L1", JobStatus.JOB_COMPLETED, "2026-12-03T09:15:02Z");
        byte[] large = writeOutput(job, "snapshots/large.bin", 2 * ObjectCopier.PART_BYTES + 12_345);

        publisher.publish(job, customStorage(false, false));

        Manifest manifest = manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS);
        Manifest.StoredFile stored = manifest.current().files().get(0);
        assertThat(stored.size()).isEqualTo(large.length);
        assertThat(read(customerS3, bucket, stored.key())).isEqualTo(large);
        assertThat(customerS3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void failedJobKeepsThePreviousSnapshotCurrent() throws Exception {
        JobOutputs good = job("G1", JobStatus.JOB_COMPLETED, "2026-12-03T09:00:00Z");
        writeOutput(good, "snapshots/a.jsonl", 100);
        publisher.publish(good, customStorage(false, false));
        JobOutputs failed = job("F1", JobStatus.SYNC_FAILED, "2026-12-03T10:00:00Z");
        writeOutput(failed, "snapshots/a.jsonl", 100);

        JobOutputsPublisher.Outcome outcome = publisher.publish(failed, customStorage(false, false));

        assertThat(outcome.plan()).isEqualTo(StoragePlan.KEEP_PREVIOUS);
        assertThat(manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().jobId()).isEqualTo("G1");
        assertThat(keys(customerS3, bucket)).noneMatch(k -> k.contains(StorageLayout.versionOf(failed)));
    }

    @Test
    void failedJobWithSaveSnapshotsOnFailureCommitsItsSnapshotsButNotItsCache() throws Exception {
        JobOutputs failed = job("S1", JobStatus.ETL_FAILED, "2026-12-03T10:00:00Z");
        writeOutput(failed, "snapshots/a.jsonl", 100);
        writeOutput(failed, "sync-output/cache.json", 100);

        JobOutputsPublisher.Outcome outcome = publisher.publish(failed, customStorage(false, true));

        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "COMMITTED")
                .containsEntry(StorageKind.CACHE, "KEPT_PREVIOUS");
        assertThat(manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().jobId()).isEqualTo("S1");
        assertThatThrownBy(() -> manifest(platformS3, DEFAULTS, "", StorageKind.CACHE))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void failedJobWithRollbackLeavesThePreviousSnapshotCurrentAndByteIdentical() throws Exception {
        JobOutputs good = job("G2", JobStatus.JOB_COMPLETED, "2026-12-03T09:00:00Z");
        byte[] previous = writeOutput(good, "snapshots/a.jsonl", 3_000);
        publisher.publish(good, customStorage(true, true));
        byte[] manifestBefore = read(customerS3, bucket, manifestKey("etl/", StorageKind.SNAPSHOTS));
        JobOutputs failed = job("R1", JobStatus.EXPORT_FAILED, "2026-12-03T10:00:00Z");
        writeOutput(failed, "snapshots/a.jsonl", 3_000);
        String staged = "etl/prod.acme.example/" + tenant + "/snapshots/" + StorageLayout.versionOf(failed)
                + "/a.jsonl";
        customerS3.putObject(b -> b.bucket(bucket).key(staged), RequestBody.fromString("half a copy"));

        JobOutputsPublisher.Outcome outcome = publisher.publish(failed, customStorage(true, true));

        assertThat(outcome.rolledBack()).isTrue();
        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "DISCARDED");
        assertThat(read(customerS3, bucket, manifestKey("etl/", StorageKind.SNAPSHOTS))).isEqualTo(manifestBefore);
        Manifest manifest = manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS);
        assertThat(read(customerS3, bucket, manifest.current().files().get(0).key())).isEqualTo(previous);
        assertThat(keys(customerS3, bucket)).doesNotContain(staged);
    }

    @Test
    void sameJobPublishedTwiceCommitsOnce() throws Exception {
        JobOutputs job = job("D1", JobStatus.JOB_COMPLETED, "2026-12-03T09:00:00Z");
        writeOutput(job, "snapshots/a.jsonl", 100);
        publisher.publish(job, customStorage(false, false));
        byte[] manifestBefore = read(customerS3, bucket, manifestKey("etl/", StorageKind.SNAPSHOTS));

        JobOutputsPublisher.Outcome again = publisher.publish(job, customStorage(false, false));

        assertThat(again.results()).containsEntry(StorageKind.SNAPSHOTS, "ALREADY_CURRENT");
        assertThat(read(customerS3, bucket, manifestKey("etl/", StorageKind.SNAPSHOTS))).isEqualTo(manifestBefore);
    }

    @Test
    void olderJobFinishingLateDoesNotReplaceANewerSnapshot() throws Exception {
        JobOutputs newer = job("N1", JobStatus.JOB_COMPLETED, "2026-12-03T11:00:00Z");
        writeOutput(newer, "snapshots/a.jsonl", 100);
        publisher.publish(newer, customStorage(false, false));
        JobOutputs older = job("O1", JobStatus.JOB_COMPLETED, "2026-12-03T08:00:00Z");
        writeOutput(older, "snapshots/a.jsonl", 100);

        JobOutputsPublisher.Outcome outcome = publisher.publish(older, customStorage(false, false));

        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "SUPERSEDED");
        assertThat(manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().jobId()).isEqualTo("N1");
    }

    @ParameterizedTest(name = "start_time {0}")
    @ValueSource(strings = {"2026-12-03T08:00:00.000000", "2026-12-03 08:00:00", "yesterday", ""})
    void olderOrUnreadableStartTimeNeverReplacesANewerSnapshot(String startTime) throws Exception {
        JobOutputs newer = job("N1", JobStatus.JOB_COMPLETED, "2026-12-03T11:00:00Z");
        writeOutput(newer, "snapshots/a.jsonl", 100);
        publisher.publish(newer, customStorage(false, false));
        JobOutputs older = job("O1", JobStatus.JOB_COMPLETED, startTime);
        writeOutput(older, "snapshots/a.jsonl", 100);

        JobOutputsPublisher.Outcome outcome = publisher.publish(older, customStorage(false, false));

        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "SUPERSEDED");
        assertThat(manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().jobId()).isEqualTo("N1");
        assertThat(keys(customerS3, bucket)).noneMatch(key -> key.contains(StorageLayout.versionOf(older)));
    }

    @Test
    void startTimeWithoutAnOffsetIsReadAsUtcAndANewerOneIsCommitted() throws Exception {
        JobOutputs first = job("F1", JobStatus.JOB_COMPLETED, "2026-12-03T11:00:00Z");
        writeOutput(first, "snapshots/a.jsonl", 100);
        publisher.publish(first, customStorage(false, false));
        JobOutputs later = job("L1", JobStatus.JOB_COMPLETED, "2026-12-03T11:30:00.250000");
        writeOutput(later, "snapshots/a.jsonl", 100);

        JobOutputsPublisher.Outcome outcome = publisher.publish(later, customStorage(false, false));

        assertThat(outcome.results()).containsEntry(StorageKind.SNAPSHOTS, "COMMITTED");
        assertThat(StorageLayout.versionOf(later)).startsWith("20261203T113000250Z-");
        assertThat(manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().jobId()).isEqualTo("L1");
    }

    @Test
    void jobDatedInTheFutureIsNotCommittedAndComesBackForARetry() throws Exception {
        JobOutputs current = job("C1", JobStatus.JOB_COMPLETED, "2026-12-03T11:00:00Z");
        writeOutput(current, "snapshots/a.jsonl", 100);
        publisher.publish(current, customStorage(false, false));
        JobOutputs future = job("F9", JobStatus.JOB_COMPLETED, "9999-12-31T23:59:59Z");
        writeOutput(future, "snapshots/a.jsonl", 100);

        assertThatThrownBy(() -> publisher.publish(future, customStorage(false, false)))
                .isInstanceOfSatisfying(StorageFailure.class, failure -> {
                    assertThat(failure.isTransient()).isTrue();
                    assertThat(failure.getMessage())
                            .contains("'9999-12-31T23:59:59Z'", "ahead of this function's clock");
                });
        assertThat(manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS).current().jobId()).isEqualTo("C1");
        assertThat(keys(customerS3, bucket)).noneMatch(key -> key.contains(StorageLayout.versionOf(future)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../../../victim/snapshots/evil.json", "a/./b.json", "a\\..\\..\\b.json", "/double.json",
        "nested//x.json", "nested/.."})
    void fileNameThatWouldLeaveItsVersionFolderStagesNothingAndIsRefusedForGood(String name) throws Exception {
        JobOutputs job = job("D1", JobStatus.JOB_COMPLETED, "2026-12-03T12:00:00Z");
        writeOutput(job, "snapshots/a-good-one.jsonl", 100);
        writeOutput(job, "snapshots/" + name, 100);

        assertThatThrownBy(() -> publisher.publish(job, customStorage(false, false)))
                .isInstanceOfSatisfying(StorageFailure.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(failure.getMessage()).contains("outside its version folder");
                });
        assertThat(keys(customerS3, bucket)).isEmpty();
    }

    @Test
    void olderVersionsArePrunedKeepingTheCurrentAndTwoBefore() throws Exception {
        for (int hour = 1; hour <= 5; hour++) {
            JobOutputs job = job("P" + hour, JobStatus.JOB_COMPLETED, "2026-12-03T0" + hour + ":00:00Z");
            writeOutput(job, "snapshots/a.jsonl", 100);
            publisher.publish(job, customStorage(false, false));
        }

        Manifest manifest = manifest(customerS3, bucket, "etl/", StorageKind.SNAPSHOTS);
        assertThat(manifest.current().jobId()).isEqualTo("P5");
        assertThat(manifest.previous()).extracting(Manifest.Version::jobId).containsExactly("P4", "P3");
        assertThat(keys(customerS3, bucket).stream().filter(k -> k.endsWith("a.jsonl"))).hasSize(3);
    }

    @Test
    void wrongCustomerKeysFailWithTheBucketTheActionAndWhatS3SaidAndLeaveTheOutputsInPlace() throws Exception {
        JobOutputs job = job("W1", JobStatus.JOB_COMPLETED, "2026-12-03T09:00:00Z");
        writeOutput(job, "snapshots/a.jsonl", 100);
        BucketSettings wrong = new BucketSettings(bucket, "us-east-1", "etl/", CUSTOMER_KEY,
                "wrong/secret/key/000000000000000000000000");

        assertThatThrownBy(() -> publisher.publish(job, settings(JobSettings.DEFAULTS, wrong)))
                .isInstanceOfSatisfying(StorageFailure.class, failure -> {
                    assertThat(failure.bucket()).isEqualTo(bucket);
                    assertThat(failure.isTransient()).isTrue();
                    assertThat(failure.getMessage()).contains("SignatureDoesNotMatch").doesNotContain("wrong/secret");
                });
        assertThat(keys(platformS3, JOBS)).contains(job.s3Root() + "/snapshots/a.jsonl");
    }

    @Test
    void missingCustomerBucketFailsNamingIt() throws Exception {
        JobOutputs job = job("M1", JobStatus.JOB_COMPLETED, "2026-12-03T09:00:00Z");
        writeOutput(job, "snapshots/a.jsonl", 100);
        customer.deleteBucket(bucket);

        assertThatThrownBy(() -> publisher.publish(job, customStorage(false, false)))
                .isInstanceOfSatisfying(StorageFailure.class, failure -> {
                    assertThat(failure.bucket()).isEqualTo(bucket);
                    assertThat(failure.getMessage()).contains("NoSuchBucket");
                });
    }

    @Test
    void tenantThatWouldEscapeItsFolderIsRefused() {
        assertThatThrownBy(() -> new JobOutputs("prod.acme.example", "../other", "X", "root/x",
                JobStatus.JOB_COMPLETED, "2026-12-03T09:00:00Z"))
                .isInstanceOfSatisfying(StorageFailure.class, f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("tenant");
    }

    private JobOutputs job(String jobId, JobStatus status, String startTime) {
        String root = tenant + "/flows/F1/jobs/2026/12/1/03/" + jobId + "-" + System.nanoTime();
        return new JobOutputs("prod.acme.example", tenant, jobId, root, status, startTime);
    }

    private Settings customStorage(boolean rollback, boolean saveOnFailure) {
        JobSettings jobs = new JobSettings(false, false, false, false, rollback, saveOnFailure, null);
        return settings(jobs, new BucketSettings(bucket, "us-east-1", "etl/", CUSTOMER_KEY, CUSTOMER_SECRET));
    }

    private static Settings settings(JobSettings jobs, BucketSettings snapshots) {
        return new Settings("prod.acme.example", 1, Instant.now(), jobs, null, null, null,
                new StorageSettings(snapshots, null));
    }

    private static byte[] writeOutput(JobOutputs job, String relative, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        platformS3.putObject(b -> b.bucket(JOBS).key(job.s3Root() + "/" + relative), RequestBody.fromBytes(bytes));
        return bytes;
    }

    private String manifestKey(String prefix, StorageKind kind) {
        return prefix + "prod.acme.example/" + tenant + "/" + kind.targetFolder() + "/manifest.json";
    }

    private Manifest manifest(S3Client s3, String inBucket, String prefix, StorageKind kind) throws Exception {
        return MAPPER.readValue(read(s3, inBucket, manifestKey(prefix, kind)), Manifest.class);
    }

    private static byte[] read(S3Client s3, String inBucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(inBucket).key(key)).asByteArray();
    }

    private static List<String> keys(S3Client s3, String inBucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(inBucket).encodingType(EncodingType.URL)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
    }

}
