package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jobsettings.local.LocalFunctionSet;
import io.jobsettings.testing.LocalStores;

/**
 * Warm settings read: a GET through the packaged settings function, booted in a JVM of its own by the stream
 * handler the Runtime Interface Client calls, against a raw DynamoDB GetItem of the same item from that JVM. Several
 * JVMs, each timing hundreds of alternating calls after a warm-up; the ratio is the median of the JVMs' ratios.
 */
final class WarmReadBench {

    static final Figure.Goal GOAL = Figure.Goal.atMost(1.5);
    private static final String ENV_ID = "prod.acme.example";
    private static final int WARM_UP = 300;
    private static final int SAMPLES = 500;
    private static final int PROCESSES = 3;

    private final BenchOptions options;
    private final LocalStores stores;
    private final String functionClasspath;

    WarmReadBench(BenchOptions options, LocalStores stores, String functionClasspath) {
        this.options = options;
        this.stores = stores;
        this.functionClasspath = functionClasspath;
    }

    List<Figure> run() throws InterruptedException {
        Samples handler = new Samples();
        Samples getItem = new Samples();
        try {
            for (int process = 1; process <= PROCESSES; process++) {
                Map<String, String> report = probe("run-" + process, List.of());
                handler.add(Double.parseDouble(report.get("handler.median.us")));
                getItem.add(Double.parseDouble(report.get("getitem.median.us")));
            }
            if (options.profile()) {
                Path jfr = options.profiles().resolve("warm-read.jfr");
                probe("profiled", BenchJvm.recording(jfr));
                HotFrames.summarize(jfr, options.profiles().resolve("warm-read.txt"));
            }
        } catch (IOException e) {
            return List.of(Figure.notMeasured("warm settings GET", GOAL, "the probe " + e.getMessage()));
        }
        Figure figure = Figure.measured("warm settings GET", micros(handler.median()), micros(getItem.median()),
                handler.ratiosTo(getItem).median(), GOAL);
        return List.of(figure.withNote("median per JVM " + handler.spread("%.0f") + " us; GetItem "
                + getItem.spread("%.0f") + " us; " + PROCESSES + " JVMs x " + SAMPLES + " alternating calls"));
    }

    private Map<String, String> probe(String run, List<String> extraFlags) throws IOException, InterruptedException {
        String classpath = functionClasspath + java.io.File.pathSeparator
                + options.root().resolve("target/test-classes");
        List<String> command = BenchJvm.probe(classpath, extraFlags, WarmReadProbe.class,
                event("settings-put.json"), event("settings-get.json"), Integer.toString(WARM_UP),
                Integer.toString(SAMPLES));
        Map<String, String> environment = new LinkedHashMap<>(LocalFunctionSet.functionEnvironment(stores));
        environment.put("QUARKUS_LAMBDA_HANDLER", "settings");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "bench-settings");
        environment.put("BENCH_ENV_ID", ENV_ID);
        return ChildProcess.run(command, environment, options.logs().resolve("warm-read-" + run + ".log"),
                Duration.ofMinutes(5));
    }

    private String event(String name) {
        return options.root().resolve("events").resolve(name).toString();
    }

    private static String micros(double value) {
        return String.format("%.0f us", value);
    }

}
