package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jobsettings.local.FunctionPackage;
import io.jobsettings.testing.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Snapshot throughput and memory: a generated snapshot in the jobs bucket of one S3Proxy is kept in a customer
 * bucket on a second S3Proxy by {@code JobOutputsPublisher}, in a JVM held to a 256 MiB heap; the baseline is one
 * PutObject of the same bytes to the same server from a JVM of the same size. Both S3Proxy servers keep their
 * buckets on disk, in this JVM, so the probes hold only what the function would.
 */
final class SnapshotCopyBench {

    // Limitation: S3Proxy is spoken to over plain HTTP, where the SDK signs every uploaded byte (SHA-256, both for the
    // copy and the baseline); in AWS, over HTTPS, it does not, so absolute throughputs here say little about AWS.

    static final Figure.Goal GOAL = Figure.Goal.atLeast(0.7);
    static final String HEAP = "-Xmx256m";
    private static final String JOBS_BUCKET = "bench-platform-jobs";
    private static final String DEFAULT_BUCKET = "bench-platform-storage";
    private static final String CUSTOMER_KEY = "BENCHCUSTOMERKEY0001";
    private static final String CUSTOMER_SECRET = "bench/customer/secret/key/00000000000001";
    private static final String S3_ROOT = SnapshotCopyProbe.TENANT + "/flows/F1/jobs/2026/12/1/03/bench";
    private static final String WARM_UP_ROOT = SnapshotCopyProbe.WARM_UP_TENANT + "/flows/F1/jobs/warm-up";
    private static final int ROUNDS = 5;

    private final BenchOptions options;
    private final String functionClasspath;
    private final Path storage;

    SnapshotCopyBench(BenchOptions options, String functionClasspath) {
        this.options = options;
        this.functionClasspath = functionClasspath;
        this.storage = options.output().resolve("s3");
    }

    List<Figure> run() throws IOException, InterruptedException {
        FunctionPackage.deleteTree(storage);
        S3Server platform = S3Server.startOnDisk(storage.resolve("platform"), S3Server.ACCESS_KEY,
                S3Server.SECRET_KEY);
        S3Server customer = S3Server.startOnDisk(storage.resolve("customer"), CUSTOMER_KEY, CUSTOMER_SECRET);
        try {
            return measure(platform, customer);
        } catch (IOException e) {
            return List.of(Figure.notMeasured("snapshot copy throughput", GOAL, e.getMessage()));
        } finally {
            platform.close();
            customer.close();
            FunctionPackage.deleteTree(storage);
        }
    }

    private List<Figure> measure(S3Server platform, S3Server customer) throws IOException, InterruptedException {
        platform.createBucket(JOBS_BUCKET);
        platform.createBucket(DEFAULT_BUCKET);
        seed(platform);
        Map<String, Samples> figures = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String bucket = "bench-customer-" + round;
            customer.createBucket(bucket);
            List<String> order = round % 2 == 1 ? List.of("upload", "copy") : List.of("copy", "upload");
            for (String mode : order) {
                Map<String, String> report = probe(mode, platform, customer, bucket, options.snapshotBytes(),
                        mode + "-" + round, List.of());
                record(figures, mode, report);
            }
            customer.deleteBucket(bucket);
        }
        if (options.profile()) {
            profile(platform, customer);
        }
        return figures(figures);
    }

    /** Puts the job's snapshot (and a small one for the warm-up) into the jobs bucket, with the upload probe. */
    private void seed(S3Server platform) throws IOException, InterruptedException {
        try (S3Client s3 = platform.client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
            s3.putObject(b -> b.bucket(JOBS_BUCKET).key(WARM_UP_ROOT + "/snapshots/Account.jsonl"),
                    RequestBody.fromString("{\"Id\":\"001\"}\n"));
        }
        Map<String, String> environment = targetEnvironment(platform, S3Server.ACCESS_KEY, S3Server.SECRET_KEY,
                JOBS_BUCKET, options.snapshotBytes());
        environment.put("BENCH_TARGET_KEY", S3_ROOT + "/snapshots/part-00000.jsonl");
        run("upload", environment, "seed", List.of());
    }

    private void profile(S3Server platform, S3Server customer) throws IOException, InterruptedException {
        customer.createBucket("bench-customer-profiled");
        for (String mode : List.of("upload", "copy")) {
            Path jfr = options.profiles().resolve("snapshot-" + mode + ".jfr");
            probe(mode, platform, customer, "bench-customer-profiled", options.snapshotBytes(), mode + "-profiled",
                    BenchJvm.recording(jfr));
            HotFrames.summarize(jfr, options.profiles().resolve("snapshot-" + mode + ".txt"));
        }
        customer.deleteBucket("bench-customer-profiled");
    }

    private Map<String, String> probe(String mode, S3Server platform, S3Server customer, String bucket, long bytes,
            String run, List<String> extraFlags) throws IOException, InterruptedException {
        Map<String, String> environment = targetEnvironment(customer, CUSTOMER_KEY, CUSTOMER_SECRET, bucket, bytes);
        environment.put("BENCH_TARGET_KEY", "raw/part-00000.jsonl");
        environment.put("BENCH_JOBS_ENDPOINT", platform.endpoint());
        environment.put("BENCH_JOBS_ACCESS_KEY", S3Server.ACCESS_KEY);
        environment.put("BENCH_JOBS_SECRET_KEY", S3Server.SECRET_KEY);
        environment.put("BENCH_JOBS_BUCKET", JOBS_BUCKET);
        environment.put("BENCH_DEFAULT_BUCKET", DEFAULT_BUCKET);
        environment.put("BENCH_S3_ROOT", S3_ROOT);
        environment.put("BENCH_WARM_UP_ROOT", WARM_UP_ROOT);
        return run(mode, environment, run, extraFlags);
    }

    private static Map<String, String> targetEnvironment(S3Server server, String accessKey, String secretKey,
            String bucket, long bytes) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("BENCH_TARGET_ENDPOINT", server.endpoint());
        environment.put("BENCH_TARGET_ACCESS_KEY", accessKey);
        environment.put("BENCH_TARGET_SECRET_KEY", secretKey);
        environment.put("BENCH_TARGET_BUCKET", bucket);
        environment.put("BENCH_BYTES", Long.toString(bytes));
        return environment;
    }

    private Map<String, String> run(String mode, Map<String, String> environment, String run,
            List<String> extraFlags) throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(List.of(HEAP));
        flags.addAll(extraFlags);
        String classpath = functionClasspath + java.io.File.pathSeparator
                + options.root().resolve("target/test-classes");
        List<String> command = BenchJvm.probe(classpath, flags, SnapshotCopyProbe.class, mode);
        try {
            return ChildProcess.run(command, environment, options.logs().resolve("snapshot-" + run + ".log"),
                    Duration.ofMinutes(10));
        } catch (IOException e) {
            throw new IOException("the " + mode + " probe (" + run + ") " + e.getMessage(), e);
        }
    }

    private static void record(Map<String, Samples> figures, String mode, Map<String, String> report) {
        double mebibytes = Long.parseLong(report.get("bytes")) / 1024.0 / 1024.0;
        add(figures, mode + ".throughput", mebibytes / Double.parseDouble(report.get("seconds")));
        add(figures, mode + ".rss", Double.parseDouble(report.get("memory.rss.peak.mib")));
        add(figures, mode + ".heap", Double.parseDouble(report.get("memory.heap.peak.mib")));
        add(figures, mode + ".live", Double.parseDouble(report.get("memory.heap.live.peak.mib")));
    }

    private static void add(Map<String, Samples> figures, String name, double value) {
        figures.computeIfAbsent(name, k -> new Samples()).add(value);
    }

    private List<Figure> figures(Map<String, Samples> figures) {
        Samples copy = figures.get("copy.throughput");
        Samples upload = figures.get("upload.throughput");
        String size = options.snapshotBytes() / 1024 / 1024 + " MiB";
        Samples ratios = copy.ratiosTo(upload);
        Figure throughput = Figure.measured("snapshot copy throughput (" + size + ")",
                String.format("%.0f MiB/s", copy.median()), String.format("%.0f MiB/s", upload.median()),
                ratios.median(), GOAL)
                .withNote("copy runs " + copy.spread("%.0f") + " MiB/s; single PutObject runs "
                        + upload.spread("%.0f") + " MiB/s; ratio of each round " + ratios.spread("%.2f"));
        Samples copyRss = figures.get("copy.rss");
        Samples uploadRss = figures.get("upload.rss");
        Figure memory = Figure.measured("snapshot copy peak memory (RSS, " + HEAP + ")",
                String.format("%.0f MiB", copyRss.median()), String.format("%.0f MiB", uploadRss.median()),
                copyRss.median() / uploadRss.median(), Figure.Goal.NONE)
                .withNote(String.format("heap in use at most %.0f MiB, live after GC at most %.0f MiB "
                        + "(upload: %.0f / %.0f MiB)", figures.get("copy.heap").median(),
                        figures.get("copy.live").median(), figures.get("upload.heap").median(),
                        figures.get("upload.live").median()));
        return List.of(throughput, memory);
    }

}
