package io.jobsettings.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A dynalite server (DynamoDB-compatible, in memory) in a child process on a free loopback port. Installs dynalite
 * with npm into {@code local/node_modules} the first time it is needed.
 */
public final class Dynalite implements AutoCloseable {

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Dynalite start(Path projectRoot) {
        Path local = projectRoot.resolve("local");
        Path cli = local.resolve("node_modules/dynalite/cli.js");
        if (!Files.exists(cli)) {
            run(local, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        int port = freePort();
        try {
            Process process = new ProcessBuilder("node", cli.toString(), "--port", Integer.toString(port),
                    "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Dynalite dynalite = new Dynalite(process, port);
            dynalite.awaitListening();
            return dynalite;
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite: is Node.js installed?", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with code " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within 30 s");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void run(Path directory, List<String> command) {
        try {
            Process install = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
            if (install.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + directory);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": is npm installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
