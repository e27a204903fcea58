package io.jobsettings.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Properties;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.jobsettings.job.JobRunner;
import io.jobsettings.job.JobRunnerCall;
import io.jobsettings.platform.SchedulerClientProducer;

/**
 * Holds the deployed bounds of the outbound calls against the functions' timeouts in template.yaml, with the
 * arithmetic written in {@code SchedulerClientProducer}: a function stopped by Lambda in the middle of a job start
 * would leave its claim in doubt, so the link and launch functions must give up on their own before that. The
 * tests shorten some of these bounds; this test reads the ones that ship.
 */
class FunctionDeadlinesTest {

    private static Properties config;
    private static JsonNode resources;

    @BeforeAll
    static void readShippedConfigurationAndTemplate() throws IOException {
        config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            config.load(reader);
        }
        resources = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile()).get("Resources");
    }

    @Test
    void linkGivesUpBeforeItsTimeoutWhenTheJobRunnerAndTheSchedulerBothHang() {
        Duration createAndDeleteAgain = SchedulerClientProducer.API_CALL_TIMEOUT.multipliedBy(2);

        Duration worstCase = jobRunnerWorstCase().plus(createAndDeleteAgain);

        assertThat(worstCase).isEqualTo(Duration.ofSeconds(56));
        assertThat(worstCase).isLessThan(timeoutOf("LinkFunction"));
    }

    @Test
    void launchGivesUpBeforeItsTimeoutWhenTheTableIsSlowAndTheJobRunnerHangs() {
        Duration settingsRead = Duration.parse("PT" + config.getProperty("quarkus.dynamodb.api-call-timeout"));

        Duration worstCase = settingsRead.plus(jobRunnerWorstCase());

        assertThat(worstCase).isLessThan(timeoutOf("LaunchFunction"));
    }

    @Test
    void noShippedPropertyOverridesTheJobRunnersRetryPolicy() {
        assertThat(config.stringPropertyNames()).noneMatch(name -> name.toLowerCase(Locale.ROOT)
                .contains("jobrunner/send"));
    }

    /** The last try begins just before the retry budget ends, waits out a Retry-After, connects and times out. */
    private static Duration jobRunnerWorstCase() {
        Retry retry = retryOfJobRunnerSend();
        Duration budget = Duration.of(retry.maxDuration(), retry.durationUnit());
        Duration connect = Duration.ofMillis(Long.parseLong(
                config.getProperty("quarkus.rest-client.jobs-api.connect-timeout")));
        Duration read = Duration.ofMillis(Long.parseLong(
                config.getProperty("quarkus.rest-client.jobs-api.read-timeout")));
        Duration worstCase = budget.plus(JobRunner.LONGEST_PAUSE).plus(connect).plus(read);
        assertThat(worstCase).as("30 + 5 + 3 + 10 s").isEqualTo(Duration.ofSeconds(48));
        return worstCase;
    }

    private static Retry retryOfJobRunnerSend() {
        try {
            Retry retry = JobRunner.class.getMethod("send", JobRunnerCall.class).getAnnotation(Retry.class);
            assertThat(retry.durationUnit()).isEqualTo(ChronoUnit.MILLIS);
            return retry;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("JobRunner.send(JobRunnerCall) carries the retry policy", e);
        }
    }

    private static Duration timeoutOf(String function) {
        JsonNode timeout = resources.get(function).path("Properties").path("Timeout");
        assertThat(timeout.isInt()).as(function + " sets its own timeout").isTrue();
        return Duration.ofSeconds(timeout.asInt());
    }

}
