package io.jobsettings.bench;

import java.nio.file.Path;
import java.util.Set;

/**
 * What one run of the benchmarks does: which sections, how many rounds, how large a snapshot, and whether to record
 * profiles. Read from system properties that {@code bench/run.sh} sets from its environment.
 */
record BenchOptions(Path root, Set<String> sections, int runs, long snapshotBytes, boolean profile) {

    static final Set<String> ALL_SECTIONS = Set.of("cold-start", "warm-read", "snapshot", "fan-out");

    static BenchOptions fromSystemProperties() {
        Path root = Path.of(System.getProperty("bench.root", "")).toAbsolutePath();
        String sections = System.getProperty("bench.sections", "all");
        int runs = Integer.getInteger("bench.runs", 5);
        long snapshotMib = Long.getLong("bench.snapshot-mib", 1024);
        boolean profile = Boolean.getBoolean("bench.profile");
        Set<String> chosen = sections.equals("all") ? ALL_SECTIONS : Set.of(sections.split(","));
        return new BenchOptions(root, chosen, Math.max(1, runs), snapshotMib * 1024 * 1024, profile);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    Path output() {
        return root.resolve("target/bench");
    }

    Path logs() {
        return output().resolve("logs");
    }

    Path profiles() {
        return output().resolve("profiles");
    }
}
