package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.jobsettings.local.FunctionPackage;
import io.jobsettings.local.LocalFunctionSet;
import io.jobsettings.testing.LocalStores;

/**
 * Cold start: from starting the function's JVM to the first answered invocation, for each handler of the function
 * set and for a minimal Quarkus Lambda function, in rounds so that noise on the machine falls on all of them alike.
 */
final class ColdStartBench {

    // Limitation: only the JVM build is measured. The native build, which template.yaml deploys by default, cannot be
    // built on these machines, and SnapStart exists only in Lambda.

    static final List<String> HANDLERS = List.of("settings", "link", "launch", "completion");
    static final Figure.Goal GOAL = Figure.Goal.atMost(1.3);

    /** The event each handler's cold start answers. */
    private static final Map<String, String> EVENTS = Map.of("settings", "settings-get.json",
            "link", "link-connector-linked.json", "launch", "launch-scheduled.json",
            "completion", "completion-job-status-changed.json");
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

    /** One function to start: which package, which handler, which event, and the event of its warm-up start. */
    private record Target(String label, Path projectRoot, String classpath, Map<String, String> environment,
            byte[] event, byte[] warmUpEvent) {
    }

    private final BenchOptions options;
    private final String functionClasspath;
    private final Map<String, String> handlerEnvironment;
    private final byte[] settingsToStore;
    private int invocations;

    /**
     * @param standInEnvironment where the stand-ins for the job runner, the Scheduler and the notification channels
     *        are
     * @param settingsToStore the PUT event the settings function answers in its warm-up start, so that every
     *        handler then reads a stored document whose notifications go to the stand-ins
     */
    ColdStartBench(BenchOptions options, LocalStores stores, String functionClasspath,
            Map<String, String> standInEnvironment, byte[] settingsToStore) {
        this.options = options;
        this.functionClasspath = functionClasspath;
        this.handlerEnvironment = new LinkedHashMap<>(LocalFunctionSet.functionEnvironment(stores));
        this.handlerEnvironment.putAll(standInEnvironment);
        this.settingsToStore = settingsToStore;
    }

    List<Figure> run() throws IOException, InterruptedException {
        Target minimal = minimal();
        Map<String, String> absent = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>(List.of(minimal));
        for (String handler : HANDLERS) {
            Optional<Path> event = sampleEvent(handler);
            if (event.isPresent()) {
                targets.add(handlerTarget(handler, functionClasspath, Files.readAllBytes(event.get())));
            } else {
                absent.put(handler, "no sample event events/" + handler + "-*.json");
            }
        }

        Map<String, Samples> starts = new LinkedHashMap<>();
        Map<String, Samples> boots = new LinkedHashMap<>();
        warmUp(targets, absent);
        for (int round = 1; round <= options.runs(); round++) {
            for (Target target : targets) {
                if (!absent.containsKey(target.label())) {
                    measure(target, round, starts, boots, absent);
                }
            }
        }
        if (options.profile()) {
            profile(targets, absent);
        }
        return figures(minimal, starts, boots, absent);
    }

    private Target minimal() throws IOException {
        Path project = options.root().resolve("bench/minimal");
        String classpath = FunctionPackage.unpack(project).classpath();
        Map<String, String> environment = Map.of("QUARKUS_LAMBDA_HANDLER", "minimal",
                "AWS_REGION", LocalStores.REGION, "AWS_LAMBDA_FUNCTION_NAME", "bench-minimal");
        byte[] event = Files.readAllBytes(options.root().resolve("events/settings-get.json"));
        return new Target("minimal", project, classpath, environment, event, event);
    }

    private Target handlerTarget(String handler, String classpath, byte[] event) {
        Map<String, String> environment = new LinkedHashMap<>(handlerEnvironment);
        environment.put("QUARKUS_LAMBDA_HANDLER", handler);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "bench-" + handler);
        byte[] warmUp = handler.equals("settings") ? settingsToStore : event;
        return new Target(handler, options.root(), classpath, environment, event, warmUp);
    }

    /** The handler's own sample event, or the first events/{handler}-*.json there is. */
    private Optional<Path> sampleEvent(String handler) throws IOException {
        Path events = options.root().resolve("events");
        Path preferred = events.resolve(EVENTS.get(handler));
        if (Files.exists(preferred)) {
            return Optional.of(preferred);
        }
        try (Stream<Path> files = Files.list(events)) {
            return files.filter(f -> f.getFileName().toString().startsWith(handler + "-")).sorted().findFirst();
        }
    }

    /** One start of each, not counted: fills the page cache with the jars, stores the settings the others read. */
    private void warmUp(List<Target> targets, Map<String, String> absent) throws InterruptedException {
        for (Target target : targets) {
            try {
                startAndInvoke(target, target.warmUpEvent(), List.of(), "warm-up");
            } catch (IOException e) {
                absent.put(target.label(), "the function did not answer with QUARKUS_LAMBDA_HANDLER="
                        + target.label() + " (" + e.getMessage() + ")");
            }
        }
    }

    private void measure(Target target, int round, Map<String, Samples> starts, Map<String, Samples> boots,
            Map<String, String> absent) throws InterruptedException {
        try {
            Path log = logOf(target, "run-" + round);
            long millis = startAndInvoke(target, target.event(), List.of(), "run-" + round);
            starts.computeIfAbsent(target.label(), k -> new Samples()).add(millis);
            quarkusBootMillis(log).ifPresent(boot -> boots.computeIfAbsent(target.label(), k -> new Samples())
                    .add(boot));
        } catch (IOException e) {
            absent.put(target.label(), "a start failed in round " + round + " (" + e.getMessage() + ")");
        }
    }

    private void profile(List<Target> targets, Map<String, String> absent) throws InterruptedException {
        for (Target target : targets) {
            if (absent.containsKey(target.label())) {
                continue;
            }
            Path jfr = options.profiles().resolve("cold-start-" + target.label() + ".jfr");
            try {
                startAndInvoke(target, target.event(), BenchJvm.recording(jfr), "profiled");
                HotFrames.summarize(jfr, options.profiles().resolve("cold-start-" + target.label() + ".txt"));
            } catch (IOException e) {
                System.err.println("profiling the cold start of " + target.label() + " failed: " + e.getMessage());
            }
        }
    }

    /** Starts the function, hands it one event and returns milliseconds from process start to its answer. */
    private long startAndInvoke(Target target, byte[] event, List<String> extraFlags, String run)
            throws IOException, InterruptedException {
        byte[] body = BenchStandIns.fresh(event, "c" + ++invocations);
        List<String> command = BenchJvm.function(target.classpath(), extraFlags);
        try (FunctionUnderRic function = FunctionUnderRic.start(command, target.environment(),
                logOf(target, run))) {
            FunctionUnderRic.Answer answer = function.invoke(body, ANSWER_TIMEOUT);
            if (!answer.ok()) {
                throw new IOException("answered " + answer.status() + ": " + abbreviate(answer.body()));
            }
            return (answer.answeredAtNanos() - function.startedAtNanos()) / 1_000_000;
        }
    }

    private List<Figure> figures(Target minimal, Map<String, Samples> starts, Map<String, Samples> boots,
            Map<String, String> absent) throws IOException {
        List<Figure> figures = new ArrayList<>();
        Samples baseline = starts.get(minimal.label());
        for (String handler : HANDLERS) {
            String name = "cold start: " + handler;
            if (absent.containsKey(minimal.label())) {
                figures.add(Figure.notMeasured(name, GOAL, "the minimal function " + absent.get(minimal.label())));
            } else if (absent.containsKey(handler)) {
                figures.add(Figure.notMeasured(name, GOAL, absent.get(handler)));
            } else {
                figures.add(coldStart(name, starts.get(handler), baseline)
                        .withNote(spread(handler, starts, boots, minimal.label())));
            }
        }
        figures.add(packageSize(minimal));
        return figures;
    }

    /** The ratio is the median of each round's ratio, the handler's start to the minimal's in the same round. */
    private static Figure coldStart(String name, Samples handler, Samples minimal) {
        return Figure.measured(name, millis(handler.median()), millis(minimal.median()),
                handler.ratiosTo(minimal).median(), GOAL);
    }

    private String spread(String handler, Map<String, Samples> starts, Map<String, Samples> boots, String minimal) {
        String text = "runs " + starts.get(handler).spread("%.0f") + " ms; minimal "
                + starts.get(minimal).spread("%.0f") + " ms";
        if (boots.containsKey(handler) && boots.containsKey(minimal)) {
            text += String.format("; Quarkus's own 'started in' %.0f ms (minimal %.0f ms)",
                    boots.get(handler).median(), boots.get(minimal).median());
        }
        return text;
    }

    private Figure packageSize(Target minimal) throws IOException {
        long function = Files.size(options.root().resolve("target/function.zip"));
        long baseline = Files.size(minimal.projectRoot().resolve("target/function.zip"));
        return Figure.measured("package size (function.zip)", mebibytes(function), mebibytes(baseline),
                (double) function / baseline, Figure.Goal.NONE);
    }

    private Path logOf(Target target, String run) {
        return options.logs().resolve("cold-start-" + target.label() + "-" + run + ".log");
    }

    private static Optional<Double> quarkusBootMillis(Path log) throws IOException {
        Matcher matcher = QUARKUS_STARTED.matcher(Files.readString(log));
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1)) * 1000) : Optional.empty();
    }

    static String millis(double value) {
        return String.format("%.0f ms", value);
    }

    static String mebibytes(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
