package io.jobsettings.link;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.jobsettings.job.JobRunner;
import io.jobsettings.job.JobTarget;
import io.jobsettings.platform.SettingsTable;
import io.jobsettings.settings.DefaultSchedule;
import io.jobsettings.settings.JobSettings;
import io.jobsettings.settings.SettingsStore;
import io.jobsettings.testing.CapturedLog;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LinkProfile;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.SchedulerAnswers;
import io.jobsettings.testing.StoreFaults;
import io.jobsettings.testing.StoredSettings;
import io.jobsettings.testing.WhileServing;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@TestProfile(LinkProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LinkHandlerTest {

    private static final String FLOW = LinkEvents.FLOW;
    private static final String TENANT = LinkEvents.TENANT;
    private static final String EXPRESSION = "cron(15 4 * * ? *)";
    private static final Instant ENABLED_AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant LINKED_AT = Instant.parse("2026-12-03T09:14:58Z");
    private static final String LINKED = LinkEvents.LINKED;
    private static final String UNLINKED = LinkEvents.UNLINKED;

    @Inject
    SettingsStore settings;

    @Inject
    ObjectMapper mapper;

    private final WireMockServer runner = JobApis.jobRunner();
    private final WireMockServer scheduler = JobApis.scheduler();
    private String envId;

    @BeforeEach
    void freshEnvironmentAndStandIns() {
        JobApis.reset();
        envId = HttpApiCall.uniqueEnvId("link");
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails("Jb0001"))));
        runner.stubFor(post(discoverPath()).willReturn(okJson(jobDetails("Dc0001"))));
        scheduler.stubFor(post(schedulePath()).willReturn(SchedulerAnswers.created(JobApis.SCHEDULE_GROUP,
                scheduleName())));
        scheduler.stubFor(delete(urlPathEqualTo(schedulePath())).willReturn(SchedulerAnswers.deleted()));
    }

    @ParameterizedTest(name = "jobOnLink={0} discoverOnLink={1} forceFullSync={2} forceDiscover={3} -> {4}")
    @CsvSource({
        "false, false, false, false, none,     ,      ",
        "false, false, true,  true,  none,     ,      ",
        "false, true,  false, false, discover, ,      ",
        "false, true,  true,  false, discover, ,      ",
        "false, true,  false, true,  discover, ,      ",
        "false, true,  true,  true,  discover, ,      ",
        "true,  false, false, false, jobs,     true, false",
        "true,  false, true,  false, jobs,     true, false",
        "true,  false, false, true,  jobs,     true, true",
        "true,  false, true,  true,  jobs,     true, true",
        "true,  true,  false, false, jobs,     true, true",
        "true,  true,  true,  false, jobs,     true, true",
        "true,  true,  false, true,  jobs,     true, true",
        "true,  true,  true,  true,  jobs,     true, true"})
    void linkStartsWhatTheSettingsAskForWithOneCallAtMost(boolean jobOnLink, boolean discoverOnLink,
            boolean forceFullSync, boolean forceDiscover, String endpoint, Boolean reset, Boolean discover) {
        store(StoredSettings.jobs(jobOnLink, discoverOnLink, forceFullSync, forceDiscover, DefaultSchedule.DEFAULTS));

        assertHandled(send(event(LINKED, LINKED_AT)));

        int jobs = endpoint.equals("jobs") ? 1 : 0;
        int discovers = endpoint.equals("discover") ? 1 : 0;
        runner.verify(jobs, postRequestedFor(urlPathEqualTo(jobsPath())));
        runner.verify(discovers, postRequestedFor(urlPathEqualTo(discoverPath())));
        assertThat(runner.getAllServeEvents()).hasSize(jobs + discovers);
        if (jobs == 1) {
            runner.verify(postRequestedFor(urlPathEqualTo(jobsPath()))
                    .withHeader("x-api-key", equalTo(JobApis.JOBS_API_KEY))
                    .withRequestBody(equalToJson("{\"job_name\": \"cust-0042-link\", \"reset_source_state\": " + reset
                            + ", \"discover\": " + discover + ", \"sync_type\": \"auto_sync\"}")));
        }
        if (discovers == 1) {
            runner.verify(postRequestedFor(urlPathEqualTo(discoverPath()))
                    .withHeader("x-api-key", equalTo(JobApis.JOBS_API_KEY)));
        }
        assertThat(scheduler.getAllServeEvents()).isEmpty();
    }

    @Test
    void linkMadeAfterTheScheduleSettingWasTurnedOnGetsOneScheduleInvokingTheLaunchFunction() throws IOException {
        store(StoredSettings.jobs(false, false, false, false, scheduleEnabled(ENABLED_AT)));

        assertHandled(send(event(LINKED, LINKED_AT)));

        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath()))
                .withHeader("Authorization", containing("Credential=" + JobApis.SCHEDULER_ACCESS_KEY + "/"))
                .withHeader("Authorization", containing("/us-east-1/scheduler/aws4_request")));
        assertThat(scheduler.getAllServeEvents()).hasSize(1);
        JsonNode created = mapper.readTree(onlyRequest(scheduler).getRequest().getBodyAsString());
        assertThat(created.get("GroupName").asText()).isEqualTo(JobApis.SCHEDULE_GROUP);
        assertThat(created.get("ScheduleExpression").asText()).isEqualTo(EXPRESSION);
        assertThat(created.get("State").asText()).isEqualTo("ENABLED");
        assertThat(created.get("FlexibleTimeWindow").get("Mode").asText()).isEqualTo("OFF");
        assertThat(created.get("Description").asText()).contains(envId, FLOW, TENANT);
        JsonNode target = created.get("Target");
        assertThat(target.get("Arn").asText()).isEqualTo(JobApis.LAUNCH_FUNCTION_ARN);
        assertThat(target.get("RoleArn").asText()).isEqualTo(JobApis.SCHEDULER_ROLE_ARN);
        assertThat(mapper.readTree(target.get("Input").asText())).isEqualTo(mapper.readTree(
                "{\"env_id\": \"" + envId + "\", \"flow_id\": \"FsLpQ0xgK\", \"tenant\": \"cust-0042\","
                        + " \"reason\": \"schedule\"}"));
        assertThat(linkItem()).containsEntry("scheduleOutcome", AttributeValue.fromS("CREATED"));
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    @Test
    void linkMadeAtTheMomentTheScheduleSettingWasTurnedOnGetsASchedule() {
        store(StoredSettings.jobs(false, false, false, false, scheduleEnabled(LINKED_AT)));

        assertHandled(send(event(LINKED, LINKED_AT)));

        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
    }

    @Test
    void linkMadeBeforeTheScheduleSettingWasTurnedOnGetsNoSchedule() {
        store(StoredSettings.jobs(false, false, false, false, scheduleEnabled(LINKED_AT.plusMillis(1))));

        assertHandled(send(event(LINKED, LINKED_AT)));

        assertThat(scheduler.getAllServeEvents()).isEmpty();
        assertThat(linkItem()).containsEntry("scheduleOutcome", AttributeValue.fromS("LINKED_BEFORE_ENABLED"));
    }

    @Test
    void scheduleSettingTurnedOffCreatesNoSchedule() {
        store(StoredSettings.jobs(true, false, false, false, new DefaultSchedule(false, EXPRESSION, null)));

        assertHandled(send(event(LINKED, LINKED_AT)));

        assertThat(scheduler.getAllServeEvents()).isEmpty();
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void existingScheduleIsKeptAndTheLinkStillStartsItsJob() {
        store(StoredSettings.jobs(true, false, false, false, scheduleEnabled(ENABLED_AT)));
        scheduler.stubFor(post(schedulePath()).willReturn(SchedulerAnswers.conflict()));

        assertHandled(send(event(LINKED, LINKED_AT)));

        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
        assertThat(scheduler.getAllServeEvents()).hasSize(1);
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(linkItem()).containsEntry("scheduleOutcome", AttributeValue.fromS("ALREADY_EXISTED"));
    }

    @Test
    void sameEventDeliveredTwiceStartsNothingTheSecondTime() {
        store(StoredSettings.jobs(true, true, false, false, scheduleEnabled(ENABLED_AT)));
        Map<String, Object> event = event(LINKED, LINKED_AT);

        assertHandled(send(event));
        assertHandled(send(event));

        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(runner.getAllServeEvents()).hasSize(1);
        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
        assertThat(scheduler.getAllServeEvents()).hasSize(1);
        Map<String, AttributeValue> handled = item("EVENT#" + event.get("id"));
        assertThat(handled).containsEntry("eventState", AttributeValue.fromS("DONE"));
        long expiresAt = Long.parseLong(handled.get(SettingsTable.EXPIRES_AT).n());
        assertThat(Instant.ofEpochSecond(expiresAt)).isAfter(Instant.now().plus(LinkLedger.EVENT_RETENTION)
                .minusSeconds(3600));
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("STARTED"))
                .containsEntry("jobId", AttributeValue.fromS("Jb0001"));
    }

    @Test
    void sameLinkArrivingUnderANewEventIdStartsNoSecondJob() {
        store(StoredSettings.jobs(true, false, false, false, DefaultSchedule.DEFAULTS));

        assertHandled(send(event(LINKED, LINKED_AT)));
        assertHandled(send(event(LINKED, LINKED_AT)));

        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void tenantLinkingAgainAfterAnUnlinkGetsItsJobsAgain() {
        store(StoredSettings.jobs(true, false, false, false, DefaultSchedule.DEFAULTS));

        assertHandled(send(event(LINKED, LINKED_AT)));
        assertHandled(send(event(UNLINKED, LINKED_AT)));
        assertHandled(send(event(LINKED, LINKED_AT.plusSeconds(600))));

        runner.verify(2, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void unlinkDeletesTheTenantsSchedule() {
        assertHandled(send(event(UNLINKED, LINKED_AT)));

        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(schedulePath()))
                .withQueryParam("groupName", equalTo(JobApis.SCHEDULE_GROUP))
                .withHeader("Authorization", containing("Credential=" + JobApis.SCHEDULER_ACCESS_KEY + "/")));
        assertThat(scheduler.getAllServeEvents()).hasSize(1);
        assertThat(runner.getAllServeEvents()).isEmpty();
        assertThat(linkItem()).containsEntry("linkState", AttributeValue.fromS("UNLINKED"))
                .containsEntry("scheduleOutcome", AttributeValue.fromS("DELETED"));
    }

    @Test
    void unlinkOfATenantWithoutScheduleSucceeds() {
        scheduler.stubFor(delete(urlPathEqualTo(schedulePath()))
                .willReturn(SchedulerAnswers.notFound()));

        assertHandled(send(event(UNLINKED, LINKED_AT)));

        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(schedulePath())));
        assertThat(linkItem()).containsEntry("scheduleOutcome", AttributeValue.fromS("NOT_FOUND"));
    }

    @Test
    void linkArrivingAfterItsOwnUnlinkCreatesNothingAndStartsNothing() {
        store(StoredSettings.jobs(true, true, false, false, scheduleEnabled(ENABLED_AT)));

        assertHandled(send(event(UNLINKED, LINKED_AT)));
        assertHandled(send(event(LINKED, LINKED_AT)));

        scheduler.verify(0, postRequestedFor(anyUrl()));
        assertThat(runner.getAllServeEvents()).isEmpty();
        assertThat(linkItem()).containsEntry("linkState", AttributeValue.fromS("UNLINKED"));
    }

    @Test
    void lateUnlinkOfAnEarlierLinkKeepsTheNewerLinksSchedule() {
        store(StoredSettings.jobs(false, false, false, false, scheduleEnabled(ENABLED_AT)));

        assertHandled(send(event(LINKED, LINKED_AT.plusSeconds(3600))));
        assertHandled(send(event(UNLINKED, LINKED_AT)));

        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
        scheduler.verify(0, deleteRequestedFor(anyUrl()));
        assertThat(linkItem()).containsEntry("linkState", AttributeValue.fromS("LINKED"));
    }

    @Test
    void unlinkRecordedWhileTheScheduleIsBeingCreatedGetsThatScheduleDeletedAgain() {
        store(StoredSettings.jobs(true, false, false, false, scheduleEnabled(ENABLED_AT)));
        WhileServing.run(served -> {
            if (served.getRequest().getUrl().startsWith("/schedules/")) {
                recordUnlinkBehindTheFunctionsBack();
            }
        });

        assertHandled(send(event(LINKED, LINKED_AT)));

        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(schedulePath()))
                .withQueryParam("groupName", equalTo(JobApis.SCHEDULE_GROUP)));
        // The jobs come first: the link was still current when they were started.
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void unlinkRecordedWhileTheJobIsBeingStartedLeavesNoSchedule() {
        store(StoredSettings.jobs(true, false, false, false, scheduleEnabled(ENABLED_AT)));
        WhileServing.run(served -> {
            if (served.getRequest().getUrl().startsWith(JobApis.JOBS_API_BASE_PATH + "/")) {
                recordUnlinkBehindTheFunctionsBack();
            }
        });

        assertHandled(send(event(LINKED, LINKED_AT)));

        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(scheduler.getAllServeEvents()).isEmpty();
        assertThat(linkItem()).containsEntry("linkState", AttributeValue.fromS("UNLINKED"))
                .containsEntry("jobsState", AttributeValue.fromS("STARTED")).doesNotContainKey("scheduleOutcome");
    }

    @Test
    void jobIsStartedBeforeTheScheduleIsCreated() {
        store(StoredSettings.jobs(true, false, false, false, scheduleEnabled(ENABLED_AT)));
        List<Integer> jobStartsSeenByTheScheduler = new CopyOnWriteArrayList<>();
        WhileServing.run(served -> {
            if (served.getRequest().getUrl().startsWith("/schedules/")) {
                jobStartsSeenByTheScheduler.add(runner.findAll(postRequestedFor(urlPathEqualTo(jobsPath()))).size());
            }
        });

        assertHandled(send(event(LINKED, LINKED_AT)));

        assertThat(jobStartsSeenByTheScheduler).containsExactly(1);
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("STARTED"))
                .containsEntry("scheduleOutcome", AttributeValue.fromS("CREATED"));
    }

    @Test
    void runnerAnswering503ThenCreatedStartsTheJobOnce() {
        store(StoredSettings.jobs(true, false, false, false, DefaultSchedule.DEFAULTS));
        runner.stubFor(post(jobsPath()).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        runner.stubFor(post(jobsPath()).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(jobDetails("Jb0002"))));

        assertHandled(send(event(LINKED, LINKED_AT)));

        runner.verify(2, postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("STARTED"))
                .containsEntry("jobId", AttributeValue.fromS("Jb0002"));
    }

    @Test
    void runnerUnavailableThroughEveryRetryFailsTheEventAndItsRetryStartsTheJob() {
        store(StoredSettings.jobs(true, false, false, false, scheduleEnabled(ENABLED_AT)));
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(500)));
        Map<String, Object> event = event(LINKED, LINKED_AT);

        Response failed = send(event);

        assertThat(failureMessage(failed)).isEqualTo("the job runner answered 500");
        runner.verify(5, postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("FAILED"))
                .as("the schedule does not wait for the runner").containsEntry("scheduleOutcome",
                        AttributeValue.fromS("CREATED"));

        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails("Jb0003"))));
        scheduler.stubFor(post(schedulePath()).willReturn(SchedulerAnswers.conflict()));
        assertHandled(send(event));

        runner.verify(6, postRequestedFor(urlPathEqualTo(jobsPath())));
        scheduler.verify(2, postRequestedFor(urlPathEqualTo(schedulePath())));
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("STARTED"))
                .containsEntry("jobId", AttributeValue.fromS("Jb0003"));
    }

    @Test
    void tableUnreachableFailsTheEventBeforeAnythingStartsAndItsRetryStartsEverythingOnce() {
        store(StoredSettings.jobs(true, true, false, false, scheduleEnabled(ENABLED_AT)));
        Map<String, Object> event = event(LINKED, LINKED_AT);
        StoreFaults table = LocalStoresResource.tableFaults();
        table.everything(StoreFaults.connectionReset());
        try {
            assertThat(failureMessage(send(event))).contains("Connection reset");
        } finally {
            table.clear();
        }
        assertThat(runner.getAllServeEvents()).isEmpty();
        assertThat(scheduler.getAllServeEvents()).isEmpty();

        assertHandled(send(event));
        assertHandled(send(event));

        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("STARTED"));
    }

    @Test
    void briefTableThrottlingIsAbsorbedAndStartsEverythingOnce() {
        store(StoredSettings.jobs(true, true, false, false, scheduleEnabled(ENABLED_AT)));
        StoreFaults table = LocalStoresResource.tableFaults();
        table.firstTimes(2, StoreFaults.dynamoAction("UpdateItem"), StoreFaults.throttled());
        try {
            assertHandled(send(event(LINKED, LINKED_AT)));
            assertThat(table.seen(StoreFaults.dynamoRequest("UpdateItem"))).hasSizeGreaterThan(2);
        } finally {
            table.clear();
        }

        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
        scheduler.verify(1, postRequestedFor(urlPathEqualTo(schedulePath())));
    }

    @Test
    void runnerRefusalIsRecordedWithWhatItSaidAndNeverRetried() {
        store(StoredSettings.jobs(true, false, false, false, DefaultSchedule.DEFAULTS));
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"tenant cust-0042 has no such flow\"}")));
        Map<String, Object> event = event(LINKED, LINKED_AT);

        assertHandled(send(event));
        assertHandled(send(event));

        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(linkItem()).containsEntry("jobsState", AttributeValue.fromS("REJECTED"));
        assertThat(linkItem().get("jobsNote").s()).contains("404", "tenant cust-0042 has no such flow");
    }

    @Test
    void runnerRefusalEchoingTheApiKeyIsRecordedAndLoggedWithTheKeyRedacted() {
        store(StoredSettings.jobs(true, false, false, false, DefaultSchedule.DEFAULTS));
        String key = JobApis.JOBS_API_KEY;
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(401)
                .withBody("unknown key " + key + "\u2066\u200d")));

        try (CapturedLog runnerLog = CapturedLog.of(JobRunner.class, "env_id");
                CapturedLog linkLog = CapturedLog.of(LinkService.class, "env_id")) {
            assertHandled(send(event(LINKED, LINKED_AT)));

            assertThat(runnerLog.linesWhere(envId)).isNotEmpty().allSatisfy(line -> assertThat(line.message()
                    + line.mdc()).doesNotContain(key));
            assertThat(linkLog.linesWhere(envId)).allSatisfy(line -> assertThat(line.message() + line.mdc())
                    .doesNotContain(key));
        }
        assertThat(linkItem().get("jobsNote").s()).doesNotContain(key).contains("401", "unknown key ****", "??");
    }

    @Test
    void jobStartLeftInDoubtByAStoppedAttemptIsNotRepeated() {
        store(StoredSettings.jobs(true, false, false, false, DefaultSchedule.DEFAULTS));
        Map<String, Object> event = event(LINKED, LINKED_AT);
        claimJobsAsAnAttemptThatStoppedWould();

        assertHandled(send(event));

        assertThat(runner.getAllServeEvents()).isEmpty();
        assertThat(item("EVENT#" + event.get("id"))).containsEntry("eventState", AttributeValue.fromS("DONE"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "id                 | <absent>                   | id is missing",
        "detail-type        | <absent>                   | detail-type is missing",
        "detail-type        | Connector Deleted          | detail-type must be 'Connector Linked' or",
        "detail             | <absent>                   | detail is missing",
        "detail             | not an object              | detail must be a JSON object",
        "detail.env_id      | <absent>                   | detail.env_id is missing",
        "detail.env_id      | ../../admin                | detail.env_id must be",
        "detail.flow_id     | Fs/../../x                 | detail.flow_id must be",
        "detail.flow_id     | <absent>                   | detail.flow_id is missing",
        "detail.tenant      | cust%2F0042                | detail.tenant must be",
        "detail.tenant      | <absent>                   | detail.tenant is missing",
        "detail.linked_at   | <absent>                   | detail.linked_at is missing",
        "detail.linked_at   | yesterday                  | detail.linked_at must be an ISO-8601 timestamp",
        "detail.linked_at   | 2026-12-03T09:14:58        | detail.linked_at must be an ISO-8601 timestamp"})
    void malformedEventIsRejectedNamingTheFieldAndNothingIsDone(String field, String value, String message) {
        store(StoredSettings.jobs(true, true, true, true, scheduleEnabled(ENABLED_AT)));
        Map<String, Object> event = event(LINKED, LINKED_AT);
        set(event, field, value);

        Response answer = send(event);

        assertThat(failureMessage(answer)).startsWith(message);
        runner.verify(0, anyRequestedFor(anyUrl()));
        scheduler.verify(0, anyRequestedFor(anyUrl()));
        assertThat(dynamo().getItem(b -> b.tableName(LocalStores.TABLE)
                .key(SettingsTable.key(envId, linkKey()))).hasItem()).isFalse();
    }

    /** What the unlink function records when an unlink lands while this link is being handled. */
    private void recordUnlinkBehindTheFunctionsBack() {
        dynamo().updateItem(b -> b.tableName(LocalStores.TABLE)
                .key(SettingsTable.key(envId, linkKey()))
                .updateExpression("SET linkState = :unlinked")
                .expressionAttributeValues(Map.of(":unlinked", AttributeValue.fromS("UNLINKED"))));
    }

    private void claimJobsAsAnAttemptThatStoppedWould() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(SettingsTable.key(envId, linkKey()));
        item.put("linkState", AttributeValue.fromS("LINKED"));
        item.put("linkedAt", AttributeValue.fromN(Long.toString(LINKED_AT.toEpochMilli())));
        item.put("jobsState", AttributeValue.fromS("STARTING"));
        item.put("jobsLinkedAt", AttributeValue.fromN(Long.toString(LINKED_AT.toEpochMilli())));
        dynamo().putItem(b -> b.tableName(LocalStores.TABLE).item(item));
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> event, String field, String value) {
        Map<String, Object> parent = event;
        String name = field;
        if (field.startsWith("detail.")) {
            parent = (Map<String, Object>) event.get("detail");
            name = field.substring("detail.".length());
        }
        if (value.equals("<absent>")) {
            parent.remove(name);
        } else {
            parent.put(name, value);
        }
    }

    private void store(JobSettings jobs) {
        StoredSettings.store(settings, envId, jobs);
    }

    private static DefaultSchedule scheduleEnabled(Instant enabledAt) {
        return StoredSettings.scheduleEnabledAt(EXPRESSION, enabledAt);
    }

    private Map<String, Object> event(String detailType, Instant linkedAt) {
        return LinkEvents.event(envId, detailType, linkedAt);
    }

    private static Response send(Map<String, Object> event) {
        return LambdaInvoker.invoke(event);
    }

    /** The link function answers nothing: the event server reports an empty answer as 204. */
    private static void assertHandled(Response answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(204);
    }

    /** The invocation failed, and this is the error message Lambda reports for it. */
    private static String failureMessage(Response answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(500);
        return answer.jsonPath().getString("errorMessage");
    }

    private static ServeEvent onlyRequest(WireMockServer server) {
        assertThat(server.getAllServeEvents()).hasSize(1);
        return server.getAllServeEvents().get(0);
    }

    private Map<String, AttributeValue> linkItem() {
        return item(linkKey());
    }

    private static String linkKey() {
        return "LINK#" + FLOW + "#" + TENANT;
    }

    private Map<String, AttributeValue> item(String sortKey) {
        return dynamo().getItem(b -> b.tableName(LocalStores.TABLE).key(SettingsTable.key(envId, sortKey))
                .consistentRead(true)).item();
    }

    private static DynamoDbClient dynamo() {
        return LocalStoresResource.stores().dynamoClient();
    }

    private String scheduleName() {
        return ScheduleName.of(new JobTarget(envId, FLOW, TENANT));
    }

    private String schedulePath() {
        return "/schedules/" + scheduleName();
    }

    private String jobsPath() {
        return JobApis.JOBS_API_BASE_PATH + "/" + envId + "/" + FLOW + "/" + TENANT + "/jobs";
    }

    private String discoverPath() {
        return JobApis.JOBS_API_BASE_PATH + "/" + envId + "/" + FLOW + "/" + TENANT + "/discover";
    }

    private String jobDetails(String jobId) {
        return "{\"job_id\": \"" + jobId + "\", \"env_id\": \"" + envId + "\", \"flow_id\": \"" + FLOW + "\","
                + " \"tenant\": \"" + TENANT + "\", \"status\": \"JOB_CREATED\", \"task_id\": \"t-1\"}";
    }
}
