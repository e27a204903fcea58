package io.jobsettings.link;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.http.RequestMethod.DELETE;
import static com.github.tomakehurst.wiremock.http.RequestMethod.POST;
import static io.jobsettings.link.LinkedTenant.assertHandled;
import static io.jobsettings.link.LinkedTenant.failureMessage;
import static io.jobsettings.link.LinkedTenant.send;
import static io.jobsettings.link.LinkedTenant.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.jobsettings.settings.SettingsStore;
import io.jobsettings.testing.CapturedLog;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.LinkProfile;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.SchedulerAnswers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * EventBridge Scheduler failing the link function in every way it can: throttling, failing on its side, resetting
 * the connection or hanging, for one try or for good, and refusing for good (a denied permission, an invalid
 * request, a full quota, a missing group). The stand-in answers in the service's wire format, so the SDK's own
 * retries and error reading are what is tested. Through all of it the link's job starts once, and first.
 */
@QuarkusTest
@TestProfile(LinkProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LinkSchedulerFaultsTest {

    /** What the standard retry mode tries before the call fails. */
    private static final int TRIES = 3;

    @Inject
    SettingsStore settings;

    private final WireMockServer scheduler = JobApis.scheduler();
    private LinkedTenant tenant;
    private CapturedLog log;

    @BeforeEach
    void tenantWhoseLinkStartsAJobAndGetsASchedule() {
        tenant = LinkedTenant.withJobAndSchedule(settings, "link-scheduler");
        log = CapturedLog.of(LinkService.class, "env_id");
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    /** Faults that may heal, and the fewest tries the client makes while one lasts. */
    static Stream<Arguments> faultsThatMayHeal() {
        return Stream.of(
                arguments("ThrottlingException 429", SchedulerAnswers.throttled(), TRIES),
                arguments("InternalServerException 500", SchedulerAnswers.internalError(), TRIES),
                arguments("connection reset", SchedulerAnswers.connectionReset(), TRIES),
                // The call's 4 s ends the second hanging try.
                arguments("hang past the socket timeout", SchedulerAnswers.hang(), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatMayHeal")
    void briefFaultOnCreateIsAbsorbedWithOneScheduleAndTheJobStartedOnce(String name,
            ResponseDefinitionBuilder fault, int tries) {
        JobApis.firstTimes(scheduler, 1, tenant.createSchedule(), fault);
        Map<String, Object> event = tenant.linked();

        assertHandled(send(event));

        assertThat(tenant.schedulerRequests(POST)).hasSize(2);
        assertThat(tenant.schedulerSuccesses(POST)).isEqualTo(1);
        assertThat(tenant.jobStarts()).hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("scheduleOutcome", text("CREATED"))
                .containsEntry("jobsState", text("STARTED")).containsEntry("jobId", text("Jb0001"));
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("DONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatMayHeal")
    void lastingFaultOnCreateFailsTheEventAfterTheJobStartedAndItsRetryCreatesTheScheduleAlone(String name,
            ResponseDefinitionBuilder fault, int tries) {
        StubMapping lasting = JobApis.always(scheduler, tenant.createSchedule(), fault);
        Map<String, Object> event = tenant.linked();

        assertThat(failureMessage(send(event))).startsWith("EventBridge Scheduler ")
                .contains("CreateSchedule", "the event is left for its retry");

        assertThat(tenant.schedulerRequests(POST)).hasSizeBetween(tries, TRIES);
        assertThat(tenant.jobStarts()).as("the job does not wait for the scheduler").hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("STARTED"))
                .doesNotContainKey("scheduleOutcome");
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("CLAIMED"));

        scheduler.removeStub(lasting);
        assertHandled(send(event));

        assertThat(tenant.jobStarts()).as("the retry does not start the job again").hasSize(1);
        assertThat(tenant.schedulerSuccesses(POST)).isEqualTo(1);
        assertThat(tenant.linkItem()).containsEntry("scheduleOutcome", text("CREATED"));
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("DONE"));
    }

    @Test
    void createAnsweredWithAPageThatIsNotTheSchedulersFormatIsReportedAsUnreadableNotSilent() {
        JobApis.always(scheduler, tenant.createSchedule(), aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>oops</html>"));

        assertThat(failureMessage(send(tenant.linked()))).startsWith("EventBridge Scheduler gave an answer that could"
                + " not be read (SdkClientException) on CreateSchedule");

        assertThat(tenant.jobStarts()).hasSize(1);
    }

    @Test
    void scheduleCreatedByATryAnsweredTooLateIsKeptAndNotCreatedAgain() {
        scheduler.stubFor(tenant.createSchedule().atPriority(1).inScenario("late").whenScenarioStateIs(
                Scenario.STARTED).willSetStateTo("exists").willReturn(SchedulerAnswers.created(JobApis.SCHEDULE_GROUP,
                tenant.scheduleName()).withFixedDelay(SchedulerAnswers.HANG_MS)));
        scheduler.stubFor(tenant.createSchedule().atPriority(1).inScenario("late").whenScenarioStateIs("exists")
                .willReturn(SchedulerAnswers.conflict()));

        assertHandled(send(tenant.linked()));

        assertThat(tenant.schedulerRequests(POST)).hasSize(2);
        assertThat(tenant.schedulerSuccesses(POST)).as("one schedule, made by the try that timed out").isEqualTo(1);
        assertThat(tenant.linkItem()).containsEntry("scheduleOutcome", text("ALREADY_EXISTED"));
        assertThat(tenant.jobStarts()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatMayHeal")
    void briefFaultOnDeleteIsAbsorbedAndTheScheduleDeletedOnce(String name, ResponseDefinitionBuilder fault,
            int tries) {
        assertHandled(send(tenant.linked()));
        JobApis.firstTimes(scheduler, 1, tenant.deleteSchedule(), fault);
        Map<String, Object> unlink = tenant.unlinked();

        assertHandled(send(unlink));

        assertThat(tenant.schedulerRequests(DELETE)).hasSize(2);
        assertThat(tenant.schedulerSuccesses(DELETE)).isEqualTo(1);
        assertThat(tenant.linkItem()).containsEntry("linkState", text("UNLINKED"))
                .containsEntry("scheduleOutcome", text("DELETED"));
        assertThat(tenant.eventItem(unlink)).containsEntry("eventState", text("DONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatMayHeal")
    void lastingFaultOnDeleteFailsTheUnlinkAndItsRetryDeletesTheSchedule(String name,
            ResponseDefinitionBuilder fault, int tries) {
        assertHandled(send(tenant.linked()));
        StubMapping lasting = JobApis.always(scheduler, tenant.deleteSchedule(), fault);
        Map<String, Object> unlink = tenant.unlinked();

        assertThat(failureMessage(send(unlink))).startsWith("EventBridge Scheduler ").contains("DeleteSchedule");
        // The JDK's HTTP client itself sends a request without a body once more when its connection is reset.
        assertThat(tenant.schedulerRequests(DELETE)).hasSizeBetween(tries, 2 * TRIES);
        assertThat(tenant.eventItem(unlink)).containsEntry("eventState", text("CLAIMED"));

        scheduler.removeStub(lasting);
        assertHandled(send(unlink));

        assertThat(tenant.schedulerSuccesses(DELETE)).isEqualTo(1);
        assertThat(tenant.linkItem()).containsEntry("linkState", text("UNLINKED"))
                .containsEntry("scheduleOutcome", text("DELETED"));
        assertThat(tenant.jobStarts()).hasSize(1);
    }

    static Stream<Arguments> refusals() {
        String passRole = "User: arn:aws:sts::123456789012:assumed-role/job-settings-link/fn is not authorized to"
                + " perform: iam:PassRole on resource: " + JobApis.SCHEDULER_ROLE_ARN;
        return Stream.of(
                arguments("AccessDeniedException", 403, passRole, SchedulerAnswers.error(403,
                        "AccessDeniedException", passRole)),
                arguments("ValidationException", 400, "Invalid Schedule Expression", SchedulerAnswers.error(400,
                        "ValidationException", "Invalid Schedule Expression")),
                arguments("ServiceQuotaExceededException", 402, "Schedule quota exceeded",
                        SchedulerAnswers.errorTypedInBody(402, "ServiceQuotaExceededException",
                                "Schedule quota exceeded")),
                arguments("ResourceNotFoundException", 404, "Schedule group not found",
                        SchedulerAnswers.errorTypedInBody(404, "ResourceNotFoundException",
                                "Schedule group not found")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedScheduleIsRecordedWithWhatTheSchedulerSaidLoggedOnceAndTheJobStillStarts(String type, int status,
            String said, ResponseDefinitionBuilder refusal) {
        JobApis.always(scheduler, tenant.createSchedule(), refusal);
        Map<String, Object> event = tenant.linked();

        assertHandled(send(event));
        assertHandled(send(event));

        assertThat(tenant.schedulerRequests(POST)).as("a refusal is not tried again").hasSize(1);
        assertThat(tenant.jobStarts()).hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("jobsState", text("STARTED"))
                .containsEntry("scheduleOutcome", text("REJECTED"))
                .containsEntry("scheduleNote", text(type + " (" + status + "): " + said));
        assertThat(tenant.eventItem(event)).containsEntry("eventState", text("DONE"));
        assertOneErrorLineNamingTheTenant(type);
    }

    @Test
    void refusalWhoseMessageHoldsLineBreaksAndHiddenCharactersIsRecordedOnOneVisibleBoundedLine() {
        // As JSON escapes, which the SDK decodes: line breaks, a right-to-left override and a zero-width space.
        String said = "Invalid name\\r\\nforged: line \\u202Egnp.exe\\u200B " + "x".repeat(2_000);
        JobApis.always(scheduler, tenant.createSchedule(), SchedulerAnswers.error(400, "ValidationException", said));

        assertHandled(send(tenant.linked()));

        String note = tenant.linkItem().get("scheduleNote").s();
        assertThat(note).startsWith("ValidationException (400): Invalid name forged: line ?gnp.exe? xxx")
                .doesNotContain("\r", "\n", "\u202E", "\u200B").endsWith("…");
        assertThat(note.length()).isLessThan(600);
        assertThat(tenant.jobStarts()).hasSize(1);
    }

    @Test
    void refusalWithoutAMessageSaysSoInItsNote() {
        JobApis.always(scheduler, tenant.createSchedule(), SchedulerAnswers.error(400, "ValidationException", ""));

        assertHandled(send(tenant.linked()));

        assertThat(tenant.linkItem()).containsEntry("scheduleNote", text("ValidationException (400): (no message)"));
    }

    @Test
    void refusedScheduleIsCreatedWhenTheLinkArrivesAgainAfterTheFixAndTheJobIsNotStartedAgain() {
        StubMapping denied = JobApis.always(scheduler, tenant.createSchedule(),
                SchedulerAnswers.error(403, "AccessDeniedException", "not authorized to perform: iam:PassRole"));
        assertHandled(send(tenant.linked()));
        scheduler.removeStub(denied);

        assertHandled(send(tenant.linked()));

        assertThat(tenant.schedulerRequests(POST)).hasSize(2);
        assertThat(tenant.schedulerSuccesses(POST)).isEqualTo(1);
        assertThat(tenant.jobStarts()).hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("scheduleOutcome", text("CREATED"))
                .doesNotContainKey("scheduleNote");
    }

    @Test
    void refusedDeleteIsRecordedWithWhatTheSchedulerSaidAndTheUnlinkFinishes() {
        assertHandled(send(tenant.linked()));
        JobApis.always(scheduler, tenant.deleteSchedule(), SchedulerAnswers.error(403, "AccessDeniedException",
                "not authorized to perform: scheduler:DeleteSchedule"));
        Map<String, Object> unlink = tenant.unlinked();

        assertHandled(send(unlink));

        assertThat(tenant.schedulerRequests(DELETE)).hasSize(1);
        assertThat(tenant.linkItem()).containsEntry("linkState", text("UNLINKED"))
                .containsEntry("scheduleOutcome", text("REJECTED")).containsEntry("scheduleNote",
                        text("AccessDeniedException (403): not authorized to perform: scheduler:DeleteSchedule"));
        assertThat(tenant.eventItem(unlink)).containsEntry("eventState", text("DONE"));
        assertOneErrorLineNamingTheTenant("AccessDeniedException");
    }

    private void assertOneErrorLineNamingTheTenant(String errorCode) {
        assertThat(log.linesWhere(tenant.envId()))
                .filteredOn(line -> line.level().intValue() >= Level.SEVERE.intValue())
                .singleElement().satisfies(line -> {
                    assertThat(line.message()).startsWith("schedule refused by EventBridge Scheduler");
                    assertThat(line.mdc()).containsEntry("tenant", LinkEvents.TENANT)
                            .containsEntry("flow_id", LinkEvents.FLOW).containsEntry("scheduler_error", errorCode);
                });
    }
}
