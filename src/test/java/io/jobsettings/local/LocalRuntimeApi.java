package io.jobsettings.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One function's Lambda Runtime API on loopback, and the door events come in by. {@code POST /} queues an event and
 * answers with what the function returned; the function's runtime client polls
 * {@code /2018-06-01/runtime/invocation/next} and posts the result back. Quarkus's mock event server answers the
 * runtime client's error posts with a status AWS's client refuses, which ends the function process, and listens on
 * every interface; this one follows the Runtime API as Lambda serves it, and only on 127.0.0.1.
 */
final class LocalRuntimeApi implements AutoCloseable {

    private static final String RUNTIME = "/2018-06-01/runtime/";
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private record Invocation(String id, byte[] event, CompletableFuture<Answer> answer) {
    }

    private record Answer(int status, byte[] body) {
    }

    private final HttpServer server;
    private final String functionArn;
    private final BlockingQueue<Invocation> waiting = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();

    private LocalRuntimeApi(HttpServer server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    /** Starts on {@code port}; fails with a message naming the port when it is taken. */
    static LocalRuntimeApi start(int port, String functionName) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            LocalRuntimeApi api = new LocalRuntimeApi(server,
                    "arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
            server.createContext("/", api::route);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "runtime-api-" + port);
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use; start with LOCAL_PORT=<another port>", e);
        }
    }

    /** What the runtime client is told to call: host and port, as AWS_LAMBDA_RUNTIME_API holds them. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(RUNTIME)) {
                invoke(exchange);
            } else if (path.equals(RUNTIME + "invocation/next")) {
                next(exchange);
            } else if (path.startsWith(RUNTIME + "invocation/")) {
                finish(exchange, path.substring((RUNTIME + "invocation/").length()));
            } else {
                respond(exchange, 202, new byte[0]);
            }
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "POST an event to invoke the function\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(),
                exchange.getRequestBody().readAllBytes(), new CompletableFuture<>());
        waiting.add(invocation);
        try {
            Answer answer = invocation.answer().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            respond(exchange, answer.status(), answer.body());
        } catch (TimeoutException e) {
            waiting.remove(invocation);
            respond(exchange, 504, ("no answer within " + DEADLINE + "; see the function's log\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException | ExecutionException e) {
            respond(exchange, 502, "the invocation was abandoned\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = waiting.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        running.put(invocation.id(), invocation);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + DEADLINE.toMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-" + invocation.id());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, 200, invocation.event());
    }

    /** {@code <id>/response} or {@code <id>/error}: hands the result to the waiting caller. */
    private void finish(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        Invocation invocation = slash > 0 ? running.remove(rest.substring(0, slash)) : null;
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (invocation == null) {
            respond(exchange, 404, new byte[0]);
            return;
        }
        boolean failed = rest.endsWith("/error");
        invocation.answer().complete(new Answer(failed ? 500 : 200, body));
        respond(exchange, 202, new byte[0]);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
