package io.jobsettings.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jobsettings.local.FunctionPackage;
import io.jobsettings.local.LocalJobApis;
import io.jobsettings.testing.LocalStores;

/**
 * Runs the benchmarks of the function set and prints one table: each figure beside a baseline measured in the same
 * run, their ratio and the goal. Started by {@code bench/run.sh}, which builds what the benchmarks run first.
 */
public final class BenchmarkRun {

    private BenchmarkRun() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        Files.createDirectories(options.logs());
        Files.createDirectories(options.profiles());
        Instant started = Instant.now();
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");

        ResultTable table = new ResultTable();
        String function = FunctionPackage.unpack(options.root()).classpath();
        try (LocalStores stores = LocalStores.start(options.root()); LocalJobApis jobApis = LocalJobApis.start();
                BenchStandIns standIns = BenchStandIns.start(0)) {
            if (options.runs("cold-start")) {
                progress("cold start: a warm-up and " + options.runs() + " rounds of every function");
                Map<String, String> standInEnvironment = new LinkedHashMap<>(jobApis.environment());
                standInEnvironment.putAll(standIns.environment());
                byte[] settings = standIns.settingsEvent(options.root()).getBytes(StandardCharsets.UTF_8);
                table.addAll(new ColdStartBench(options, stores, function, standInEnvironment, settings).run());
            }
            if (options.runs("warm-read")) {
                progress("warm settings read");
                table.addAll(new WarmReadBench(options, stores, function).run());
            }
            if (options.runs("fan-out")) {
                progress("completion fan-out");
                table.addAll(new FanOutBench(options, stores, function).run());
            }
        }
        if (options.runs("snapshot")) {
            progress("snapshot copy of " + options.snapshotBytes() / 1024 / 1024 + " MiB");
            table.addAll(new SnapshotCopyBench(options, function).run());
        }

        String header = header(started);
        System.out.println();
        System.out.println(header);
        System.out.println(table.plain());
        Files.writeString(options.output().resolve("results.md"), header + "\n\n" + table.markdown());
        System.out.println("Written to target/bench/results.md; logs in target/bench/logs"
                + (options.profile() ? ", profiles in target/bench/profiles" : "") + ".");
    }

    private static String header(Instant started) {
        Runtime runtime = Runtime.getRuntime();
        long memoryGib = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024L * 1024 * 1024);
        return String.format("Benchmarks of %s, %d cores, %d GiB, Java %s; took %d s",
                DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(started),
                runtime.availableProcessors(), memoryGib, System.getProperty("java.version"),
                Duration.between(started, Instant.now()).toSeconds());
    }

    static void progress(String step) {
        System.out.println("[bench] " + step);
    }
}
