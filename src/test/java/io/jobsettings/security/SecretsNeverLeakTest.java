package io.jobsettings.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.S3Server;
import io.jobsettings.testing.SecretsInUse;

/**
 * No secret the tests handed to the functions appears in any log line or any answer. A plain test, so the class
 * orderer runs it after every Quarkus test and it reads what the whole run logged and answered; run alone, it reads
 * what earlier runs left in {@code target/test-logs}.
 */
class SecretsNeverLeakTest {

    /** The secrets the tests use under fixed values; the ones generated per test are read from the run's record. */
    private static final List<String> FIXED_SECRETS = List.of(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "0123456789abcdef0123456789ab9f3a",
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEwXyZ",
            JobApis.JOBS_API_KEY,
            S3Server.SECRET_KEY,
            LocalStores.SECRETS_KEY);

    @Test
    void noSecretAppearsInAnyLogLineOrAnswer() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : logFiles()) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        Set<String> secrets = secrets();

        assertThat(lines).as("log lines and answers recorded by the test run").hasSizeGreaterThan(10);
        for (String secret : secrets) {
            String telling = tellingPart(secret);
            assertThat(lines).as("lines revealing " + SecretsNeverLeakTest.maskOf(secret))
                    .noneMatch(line -> line.contains(telling));
        }
    }

    /** The part of a secret no mask shows: everything but its last four characters, past any public prefix. */
    private static String tellingPart(String secret) {
        String bare = secret.replaceFirst("^(whsec_|https://hooks\\.slack\\.com/services/)", "");
        return bare.length() > 8 ? bare.substring(0, bare.length() - 4) : bare;
    }

    private static String maskOf(String secret) {
        return "****" + secret.substring(Math.max(0, secret.length() - 4));
    }

    private static Set<String> secrets() throws IOException {
        Set<String> secrets = new LinkedHashSet<>(FIXED_SECRETS);
        if (Files.exists(SecretsInUse.SECRETS)) {
            Files.readAllLines(SecretsInUse.SECRETS).stream().filter(line -> line.length() >= 8).forEach(secrets::add);
        }
        return secrets;
    }

    private static List<Path> logFiles() throws IOException {
        if (!Files.isDirectory(SecretsInUse.DIRECTORY)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(SecretsInUse.DIRECTORY)) {
            return files.filter(file -> !file.equals(SecretsInUse.SECRETS)).sorted().toList();
        }
    }
}
