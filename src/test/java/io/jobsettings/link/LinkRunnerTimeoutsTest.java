package io.jobsettings.link;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.http.RequestMethod.POST;
import static io.jobsettings.link.LinkedTenant.assertHandled;
import static io.jobsettings.link.LinkedTenant.failureMessage;
import static io.jobsettings.link.LinkedTenant.send;
import static io.jobsettings.link.LinkedTenant.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.jobsettings.settings.SettingsStore;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.LinkProfile;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.SchedulerAnswers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The job runner answering slowly, after the read timeout, or never, while a link starts its job; and the runner
 * and the scheduler hanging together. The runner's read timeout is shortened for tests (see {@link JobApis});
 * the timeout, the retries and the budget around them are the deployed ones.
 */
@QuarkusTest
@TestProfile(LinkProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LinkRunnerTimeoutsTest {

    /** How long a hanging runner keeps each request: longer than the read timeout, so every try times out. */
    private static final int RUNNER_HANG_MS = JobApis.RUNNER_READ_TIMEOUT_MS + 3_000;
    /** Every try the retry policy allows the runner, the first included. */
    private static final int RUNNER_TRIES = 5;
    /** The link function's timeout in template.yaml: the point of these tests is to end well before it. */
    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    SettingsStore settings;

    private final WireMockServer runner = JobApis.jobRunner();
    private final WireMockServer scheduler = JobApis.scheduler();
    private LinkedTenant tenant;

    @BeforeEach
    void tenantWhoseLinkStartsAJobAndGetsASchedule() {
        tenant = LinkedTenant.withJobAndSchedule(settings, "link-runner-slow");
    }

    @Test
    void runnerAnsweringSlowlyButInsideTheReadTimeoutIsWaitedForAndItsJobRecorded() {
        int slowMs = JobApis.RUNNER_READ_TIMEOUT_MS / 3;
        runner.stubFor(post(tenant.jobsPath()).atPriority(1)
                .willReturn(okJson(tenant.jobDetails("JbSlow1")).withFixedDelay(slowMs)));
        long started = System.nanoTime();

        assertHandled(send(tenant.linked()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(slowMs));
        assertThat(tenant.jobStarts()).hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("STARTED"))
                .containsEntry("jobId", text("JbSlow1")).containsEntry("scheduleOutcome", text("CREATED"));
    }

    // The runner takes no idempotency key: a try that timed out may have created a job the function never hears of.
    @Test
    void runnerAnsweringAfterTheReadTimeoutIsAskedAgainAndTheSecondJobIsRecorded() {
        JobApis.firstTimes(runner, 1, post(tenant.jobsPath()),
                okJson(tenant.jobDetails("JbLate1")).withFixedDelay(RUNNER_HANG_MS));
        runner.stubFor(post(tenant.jobsPath()).willReturn(okJson(tenant.jobDetails("JbNext2"))));

        assertHandled(send(tenant.linked()));

        assertThat(tenant.jobStarts()).as("two requests, so possibly two jobs").hasSize(2);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("STARTED"))
                .containsEntry("jobId", text("JbNext2"));
    }

    @Test
    void runnerHangingOnEveryTryFailsTheLinkNamingTheTimeoutAndItsRetryStartsTheJobOnce() {
        JobApis.always(runner, post(tenant.jobsPath()), okJson(tenant.jobDetails("JbHung1"))
                .withFixedDelay(RUNNER_HANG_MS));
        Map<String, Object> event = tenant.linked();

        Response failed = timed(event);

        assertThat(failureMessage(failed)).isEqualTo("the job runner did not answer within its read timeout of "
                + JobApis.RUNNER_READ_TIMEOUT_MS + " ms");
        assertThat(tenant.jobStarts()).hasSize(RUNNER_TRIES);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("FAILED"))
                .containsEntry("scheduleOutcome", text("CREATED"));

        JobApis.reset();
        runner.stubFor(post(tenant.jobsPath()).willReturn(okJson(tenant.jobDetails("JbRetry"))));
        scheduler.stubFor(tenant.createSchedule().willReturn(SchedulerAnswers.conflict()));
        assertHandled(send(event));

        assertThat(tenant.jobStarts()).hasSize(1);
        assertThat(tenant.schedulerRequests(POST)).hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("STARTED"))
                .containsEntry("jobId", text("JbRetry")).containsEntry("scheduleOutcome", text("ALREADY_EXISTED"));
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("DONE"));
    }

    @Test
    void runnerAndSchedulerBothHangingEndTheLinkBeforeTheLambdaTimeoutAndItsRetryFinishesIt() {
        JobApis.always(runner, post(tenant.jobsPath()), okJson(tenant.jobDetails("JbHung1"))
                .withFixedDelay(RUNNER_HANG_MS));
        JobApis.always(scheduler, tenant.createSchedule(), SchedulerAnswers.hang());
        Map<String, Object> event = tenant.linked();

        Response failed = timed(event);

        assertThat(failureMessage(failed)).startsWith("the job runner did not answer within its read timeout");
        assertThat(tenant.jobStarts()).hasSize(RUNNER_TRIES);
        assertThat(tenant.schedulerRequests(POST)).hasSizeBetween(2, 3);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("FAILED")).doesNotContainKey("scheduleOutcome");
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("CLAIMED"));

        JobApis.reset();
        runner.stubFor(post(tenant.jobsPath()).willReturn(okJson(tenant.jobDetails("JbRetry"))));
        scheduler.stubFor(tenant.createSchedule().willReturn(SchedulerAnswers.created(JobApis.SCHEDULE_GROUP,
                tenant.scheduleName())));
        assertHandled(send(event));

        assertThat(tenant.jobStarts()).hasSize(1);
        assertThat(tenant.schedulerSuccesses(POST)).isEqualTo(1);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("STARTED"))
                .containsEntry("scheduleOutcome", text("CREATED"));
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("DONE"));
    }

    /** Sends the event and checks that it ended well before the function would have been stopped. */
    private static Response timed(Map<String, Object> event) {
        long started = System.nanoTime();
        Response answer = send(event);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LAMBDA_TIMEOUT);
        return answer;
    }
}
