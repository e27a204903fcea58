package io.jobsettings.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jobsettings.local.LocalFunctionSet;
import io.jobsettings.testing.LocalStores;

/**
 * Fan-out latency of the completion handler: a terminal failure notifies a webhook, Slack and Datadog, whose
 * stand-ins each answer after 300 ms. The warm invocation's time, from handing the event to the local Runtime API
 * to the answer, is divided by the slowest channel's delay; sent one after another the three would take 900 ms.
 * Warm means as a busy function runs: after a few invocations that let the compiler catch up, not counted.
 */
final class FanOutBench {

    static final Figure.Goal GOAL = Figure.Goal.atMost(1.3);
    static final int CHANNEL_DELAY_MILLIS = 300;
    static final int CHANNELS = 3;
    static final String NAME = "completion fan-out (3 channels x 300 ms)";
    private static final String EVENT = "events/completion-job-status-changed.json";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);
    private static final int WARM_UP_INVOCATIONS = 10;

    private final BenchOptions options;
    private final LocalStores stores;
    private final String functionClasspath;

    FanOutBench(BenchOptions options, LocalStores stores, String functionClasspath) {
        this.options = options;
        this.stores = stores;
        this.functionClasspath = functionClasspath;
    }

    List<Figure> run() throws InterruptedException {
        if (!Files.exists(options.root().resolve(EVENT))) {
            return List.of(Figure.notMeasured(NAME, GOAL, "completion handler absent"));
        }
        try (BenchStandIns standIns = BenchStandIns.start(CHANNEL_DELAY_MILLIS)) {
            storeSettings(standIns);
            Samples invocations = invokeCompletion(standIns);
            return List.of(figure(invocations, standIns.received()));
        } catch (IOException e) {
            return List.of(Figure.notMeasured(NAME, GOAL, "completion handler absent or failing ("
                    + e.getMessage() + ")"));
        }
    }

    /** Stores settings whose webhook, Slack and Datadog go to the stand-ins, through the settings function. */
    private void storeSettings(BenchStandIns standIns) throws IOException, InterruptedException {
        byte[] put = standIns.settingsEvent(options.root()).getBytes(StandardCharsets.UTF_8);
        try (FunctionUnderRic settings = start("settings", standIns, List.of())) {
            requireAnswered(settings.invoke(put, ANSWER_TIMEOUT), "settings");
        }
    }

    private Samples invokeCompletion(BenchStandIns standIns) throws IOException, InterruptedException {
        byte[] event = Files.readAllBytes(options.root().resolve(EVENT));
        Samples invocations = new Samples();
        Path jfr = options.profiles().resolve("fan-out-completion.jfr");
        List<String> flags = options.profile() ? BenchJvm.recording(jfr) : List.of();
        try (FunctionUnderRic completion = start("completion", standIns, flags)) {
            for (int warmUp = 1; warmUp <= WARM_UP_INVOCATIONS; warmUp++) {
                requireDelivered(completion.invoke(BenchStandIns.fresh(event, "w" + warmUp), ANSWER_TIMEOUT));
            }
            for (int run = 1; run <= 2 * Math.max(5, options.runs()); run++) {
                byte[] fresh = BenchStandIns.fresh(event, "f" + run);
                long sent = System.nanoTime();
                FunctionUnderRic.Answer answer = completion.invoke(fresh, ANSWER_TIMEOUT);
                requireDelivered(answer);
                invocations.add((answer.answeredAtNanos() - sent) / 1e6);
            }
        }
        if (options.profile()) {
            HotFrames.summarize(jfr, options.profiles().resolve("fan-out-completion.txt"));
        }
        return invocations;
    }

    private FunctionUnderRic start(String handler, BenchStandIns standIns, List<String> flags) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(LocalFunctionSet.functionEnvironment(stores));
        environment.putAll(standIns.environment());
        environment.put("QUARKUS_LAMBDA_HANDLER", handler);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "bench-" + handler);
        Path log = options.logs().resolve("fan-out-" + handler + ".log");
        return FunctionUnderRic.start(BenchJvm.function(functionClasspath, flags), environment, log);
    }

    private static void requireAnswered(FunctionUnderRic.Answer answer, String handler) throws IOException {
        if (!answer.ok()) {
            throw new IOException(handler + " answered " + answer.status() + ": " + answer.body());
        }
    }

    /** The batch answered with no message to retry: every channel took its notification. */
    private static void requireDelivered(FunctionUnderRic.Answer answer) throws IOException {
        requireAnswered(answer, "completion");
        if (!answer.body().replace(" ", "").contains("\"batchItemFailures\":[]")) {
            throw new IOException("completion asked for a retry: " + answer.body());
        }
    }

    private static Figure figure(Samples invocations, List<Integer> received) {
        double median = invocations.median();
        return Figure.measured(NAME, String.format("%.0f ms", median),
                String.format("%d ms (slowest channel)", CHANNEL_DELAY_MILLIS),
                median / CHANNEL_DELAY_MILLIS, GOAL)
                .withNote("one after another the channels would take " + CHANNELS * CHANNEL_DELAY_MILLIS
                        + " ms; " + invocations.size() + " invocations after " + WARM_UP_INVOCATIONS
                        + " not counted: " + invocations.spread("%.0f") + " ms; notifications received "
                        + "(webhook, Slack, Datadog) " + received);
    }
}
