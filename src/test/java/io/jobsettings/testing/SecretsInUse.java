package io.jobsettings.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps, for the whole test run, the secrets the tests hand to the functions and every answer the functions give,
 * so that {@code io.jobsettings.security.SecretsNeverLeakTest} can check no secret came back out or was logged.
 */
public final class SecretsInUse {

    public static final Path DIRECTORY = Path.of("target", "test-logs");
    public static final Path SECRETS = DIRECTORY.resolve("secrets-in-use.txt");
    public static final Path ANSWERS = DIRECTORY.resolve("answers.log");

    private SecretsInUse() {
    }

    public static synchronized void remember(String... secrets) {
        for (String secret : secrets) {
            append(SECRETS, secret.replace("\n", "") + "\n");
        }
    }

    public static synchronized void answered(String body) {
        append(ANSWERS, body == null ? "\n" : body.replace("\n", " ") + "\n");
    }

    private static void append(Path file, String line) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
