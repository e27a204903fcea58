package io.jobsettings.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.amazon.lambda.runtime.MockEventServer;

/**
 * One function process as Lambda runs it: {@code function.zip} under AWS's Runtime Interface Client, polling a local
 * Runtime API of its own. Knows when the process was started, so the first answer times a cold start.
 */
final class FunctionUnderRic implements AutoCloseable {

    /** What the function answered, and when the answer arrived. */
    record Answer(int status, String body, long answeredAtNanos) {
        boolean ok() {
            return status == 200 && !body.contains("\"statusCode\":5");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final MockEventServer runtimeApi;
    private final Process process;
    private final long startedAtNanos;
    private final Path log;

    private FunctionUnderRic(MockEventServer runtimeApi, Process process, long startedAtNanos, Path log) {
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.startedAtNanos = startedAtNanos;
        this.log = log;
    }

    /** Starts a Runtime API on a free port, then the function's JVM pointed at it. */
    static FunctionUnderRic start(List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        MockEventServer runtimeApi = new MockEventServer();
        runtimeApi.start(Ports.free());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API",
                "127.0.0.1:" + runtimeApi.getPort() + MockEventServer.BASE_PATH);
        long started = System.nanoTime();
        return new FunctionUnderRic(runtimeApi, builder.start(), started, log);
    }

    long startedAtNanos() {
        return startedAtNanos;
    }

    /** Hands one event to the function and waits for its answer, or fails if the process dies first. */
    Answer invoke(byte[] event, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtimeApi.getPort() + "/"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build();
        CompletableFuture<HttpResponse<String>> pending =
                HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<String> response = pending.get(20, TimeUnit.MILLISECONDS);
                return new Answer(response.statusCode(), response.body(), System.nanoTime());
            } catch (TimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("the function exited with code " + process.exitValue() + ": " + lastLine());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no answer within " + timeout.toSeconds() + " s: " + lastLine());
                }
            } catch (ExecutionException e) {
                throw new IOException("the local Runtime API did not answer: " + e.getCause(), e);
            }
        }
    }

    /** The last line the function logged, for a note on why it did not answer. */
    String lastLine() {
        try {
            List<String> lines = Files.readAllLines(log);
            String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
            return last.length() > 300 ? last.substring(0, 300) + "..." : last;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
    }
}
