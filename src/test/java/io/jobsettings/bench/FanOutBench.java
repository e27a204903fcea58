package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fan-out latency of the completion handler: three notification channels whose stand-ins each answer after 300 ms,
 * the invocation's time against the slowest channel's delay, with the sequential sum beside it.
 */
final class FanOutBench {

    static final Figure.Goal GOAL = Figure.Goal.atMost(1.3);
    static final String NAME = "completion fan-out (3 channels x 300 ms)";

    private final BenchOptions options;

    FanOutBench(BenchOptions options) {
        this.options = options;
    }

    List<Figure> run() throws IOException {
        if (!hasCompletionEvent()) {
            return List.of(Figure.notMeasured(NAME, GOAL, "completion handler absent"));
        }
        return List.of(Figure.notMeasured(NAME, GOAL, "completion handler present, but this benchmark "
                + "does not drive it yet"));
    }

    private boolean hasCompletionEvent() throws IOException {
        try (Stream<Path> events = Files.list(options.root().resolve("events"))) {
            return events.anyMatch(event -> event.getFileName().toString().startsWith("completion-"));
        }
    }
}
