package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a probe in a child JVM hands its figures back: lines {@code bench.<key>=<value>} on its standard output,
 * which the benchmark reads from the probe's log.
 */
final class ProbeReport {

    private static final String PREFIX = "bench.";

    private ProbeReport() {
    }

    static void print(String key, Object value) {
        System.out.println(PREFIX + key + "=" + value);
    }

    static Map<String, String> read(Path log) throws IOException {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            int equals = line.indexOf('=');
            if (line.startsWith(PREFIX) && equals > 0) {
                figures.put(line.substring(PREFIX.length(), equals), line.substring(equals + 1));
            }
        }
        return figures;
    }
}
