package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a probe's JVM to its end with its output in a log, and hands back what it reported. */
final class ChildProcess {

    private ChildProcess() {
    }

    static Map<String, String> run(List<String> command, Map<String, String> environment, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("did not finish within " + timeout.toSeconds() + " s; see " + log);
        }
        Map<String, String> report = ProbeReport.read(log);
        if (process.exitValue() != 0 || report.containsKey("error")) {
            throw new IOException("failed (exit " + process.exitValue() + "): "
                    + report.getOrDefault("error", "see " + log));
        }
        return report;
    }
}
