package io.jobsettings.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jobsettings.local.FunctionPackage;

/**
 * Command lines for the JVMs a benchmark starts. Every one runs as a Lambda function of up to 1,769 MB would: C1
 * only (Lambda's Java 17 runtime stops tiered compilation at level 1) and the serial collector (what the JVM's
 * ergonomics pick with one vCPU). A profiled run adds a Flight Recorder recording.
 */
final class BenchJvm {

    static final List<String> LAMBDA_SIZE_FLAGS = List.of("-XX:+UseSerialGC");

    private BenchJvm() {
    }

    /**
     * The function under the Runtime Interface Client, as the local run starts it, plus {@code extraFlags} and any
     * given in the system property {@code bench.function-flags} (for looking into a start: class loading logs...).
     */
    static List<String> function(String classpath, List<String> extraFlags) {
        List<String> command = new ArrayList<>(FunctionPackage.command(classpath));
        List<String> flags = new ArrayList<>(LAMBDA_SIZE_FLAGS);
        flags.addAll(extraFlags);
        String asked = System.getProperty("bench.function-flags", "").strip();
        if (!asked.isEmpty()) {
            flags.addAll(List.of(asked.split("\\s+")));
        }
        command.addAll(1, flags);
        return command;
    }

    /** A probe's main class in its own JVM, on the function's class path, with the same flags as the function. */
    static List<String> probe(String classpath, List<String> extraFlags, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        command.addAll(LAMBDA_SIZE_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Flags that record a Flight Recorder profile into {@code jfr}, sampling every 10 ms. */
    static List<String> recording(Path jfr) {
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr.toAbsolutePath());
    }
}
