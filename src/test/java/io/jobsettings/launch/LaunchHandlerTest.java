package io.jobsettings.launch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.settings.DefaultSchedule;
import io.jobsettings.settings.SettingsStore;
import io.jobsettings.job.JobRunner;
import io.jobsettings.testing.CapturedLog;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LaunchProfile;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.StoreFaults;
import io.jobsettings.testing.StoredSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(LaunchProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LaunchHandlerTest {

    private static final String FLOW = "FsLpQ0xgK";
    private static final String TENANT = "cust-0042";
    /** How long a hanging runner keeps each request: longer than the read timeout, so every try times out. */
    private static final int RUNNER_HANG_MS = JobApis.RUNNER_READ_TIMEOUT_MS + 3_000;
    /** The launch function's timeout in template.yaml. */
    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    SettingsStore settings;

    @Inject
    ObjectMapper mapper;

    private final WireMockServer runner = JobApis.jobRunner();
    private String envId;

    @BeforeEach
    void freshStandIns() {
        JobApis.reset();
        envId = HttpApiCall.uniqueEnvId("launch");
    }

    @ParameterizedTest(name = "forceFullSync={0} forceDiscover={1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void launchAppliesTheEnvironmentsForcingSettings(boolean forceFullSync, boolean forceDiscover) {
        StoredSettings.store(settings, envId, StoredSettings.jobs(false, false, forceFullSync, forceDiscover,
                DefaultSchedule.DEFAULTS));
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails())));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath()))
                .withHeader("x-api-key", equalTo(JobApis.JOBS_API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"job_name\": \"cust-0042-schedule\", \"reset_source_state\": "
                        + forceFullSync + ", \"discover\": " + forceDiscover + ", \"sync_type\": \"auto_sync\"}")));
        assertThat(runner.getAllServeEvents()).hasSize(1);
    }

    @Test
    void launchAnswersTheCreatedJobWithEveryFieldTheRunnerSent() throws IOException {
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails())));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(mapper.readTree(answer.asString())).isEqualTo(mapper.readTree(jobDetails()));
    }

    @Test
    void environmentThatNeverStoredSettingsLaunchesAPlainSync() {
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails())));

        Response answer = launch(request(null));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())).withRequestBody(equalToJson(
                "{\"job_name\": \"cust-0042-manual\", \"reset_source_state\": false, \"discover\": false,"
                        + " \"sync_type\": \"auto_sync\"}")));
    }

    @Test
    void runnerAnswering503ThenCreatedIsAskedTwiceAndTheJobIsAnswered() throws IOException {
        failFirstThenCreate(aResponse().withStatus(503).withBody("try later"));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(mapper.readTree(answer.asString()).get("job_id").asText()).isEqualTo("aB3kZ9");
        runner.verify(2, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerAnswering429ThenCreatedIsAskedTwice() {
        failFirstThenCreate(aResponse().withStatus(429).withHeader("Retry-After", "0"));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        runner.verify(2, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerAskingForAShortPauseIsAskedAgainNoSoonerThanItSaid() {
        failFirstThenCreate(aResponse().withStatus(429).withHeader("Retry-After", "2"));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        List<LoggedRequest> calls = runner.findAll(postRequestedFor(urlPathEqualTo(jobsPath())));
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void runnerAskingForALongPauseIsNotAskedAgainAndTheLaunchFailsForItsRetry() {
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        Response answer = launch(request("schedule"));

        assertThat(failureMessage(answer)).isEqualTo(
                "the job runner answered 503 and asked to wait 120 s; the event is left for its retry");
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void tableUnreachableFailsTheLaunchBeforeTheRunnerIsCalledAndTheNextLaunchIsNormal() {
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails())));
        StoreFaults table = LocalStoresResource.tableFaults();
        table.everything(StoreFaults.connectionReset());
        try {
            assertThat(failureMessage(launch(request("schedule")))).contains("Connection reset");
        } finally {
            table.clear();
        }
        assertThat(runner.getAllServeEvents()).isEmpty();

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerDroppingTheConnectionIsAskedAgain() {
        failFirstThenCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        runner.verify(2, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerUnavailableOnEveryAttemptFailsTheLaunchAfterFiveAttempts() {
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(502)));

        Response answer = launch(request("schedule"));

        assertThat(failureMessage(answer)).isEqualTo("the job runner answered 502");
        runner.verify(5, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerAnsweringSlowlyButInsideTheReadTimeoutIsWaitedForAndItsJobAnswered() throws IOException {
        int slowMs = JobApis.RUNNER_READ_TIMEOUT_MS / 3;
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails()).withFixedDelay(slowMs)));
        long started = System.nanoTime();

        Response answer = launch(request("schedule"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(slowMs));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(mapper.readTree(answer.asString())).isEqualTo(mapper.readTree(jobDetails()));
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    // The runner takes no idempotency key: the try that timed out may have created a job no one hears of.
    @Test
    void runnerAnsweringAfterTheReadTimeoutIsAskedAgainAndTheSecondJobAnswered() throws IOException {
        failFirstThenCreate(okJson(jobDetails().replace("aB3kZ9", "Late01")).withFixedDelay(RUNNER_HANG_MS));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(mapper.readTree(answer.asString()).get("job_id").asText()).isEqualTo("aB3kZ9");
        runner.verify(2, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerHangingOnEveryTryFailsTheLaunchNamingTheTimeoutBeforeTheLambdaTimeoutAndTheNextLaunchIsNormal() {
        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails()).withFixedDelay(RUNNER_HANG_MS)));
        long started = System.nanoTime();

        Response failed = launch(request("schedule"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LAMBDA_TIMEOUT);
        assertThat(failureMessage(failed)).isEqualTo("the job runner did not answer within its read timeout of "
                + JobApis.RUNNER_READ_TIMEOUT_MS + " ms");
        runner.verify(5, postRequestedFor(urlPathEqualTo(jobsPath())));

        runner.stubFor(post(jobsPath()).willReturn(okJson(jobDetails())));
        Response next = launch(request("schedule"));

        assertThat(next.statusCode()).as(next.asString()).isEqualTo(200);
        runner.verify(6, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerRefusalIsReportedWithWhatTheRunnerSaidAndNotRetried() {
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"flow FsLpQ0xgK has no target configured\"}")));

        Response answer = launch(request("schedule"));

        assertThat(failureMessage(answer)).isEqualTo(
                "the job runner answered 422: {\"error\": \"flow FsLpQ0xgK has no target configured\"}");
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerRefusalEchoingTheApiKeyIsReportedAndLoggedWithTheKeyRedacted() {
        String key = JobApis.JOBS_API_KEY;
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"key " + key + " is not allowed\", \"sent\": \"x-api-key=" + key
                        + "\", \"note\": \"\u202eevil\u200b\"}")));

        String message;
        try (CapturedLog runnerLog = CapturedLog.of(JobRunner.class, "env_id");
                CapturedLog handlerLog = CapturedLog.of(LaunchHandler.class, "env_id")) {
            message = failureMessage(launch(request("schedule")));

            assertThat(runnerLog.linesWhere(envId)).isNotEmpty().allSatisfy(line -> assertThat(line.message()
                    + line.mdc()).doesNotContain(key));
            assertThat(handlerLog.linesWhere(envId)).allSatisfy(line -> assertThat(line.message() + line.mdc())
                    .doesNotContain(key));
        }
        assertThat(message).startsWith("the job runner answered 403: ").doesNotContain(key)
                .contains("key **** is not allowed", "x-api-key=****", "?evil?");
    }

    @Test
    void successEchoingTheApiKeyIsAnsweredAndLoggedWithTheKeyRedacted() {
        String key = JobApis.JOBS_API_KEY;
        runner.stubFor(post(jobsPath()).willReturn(okJson("{\"job_id\": \"J-" + key + "\", \"status\": \"JOB_CREATED\","
                + " \"debug\": {\"auth\": [\"x-api-key " + key + "\"]}}")));

        Response answer;
        try (CapturedLog runnerLog = CapturedLog.of(JobRunner.class, "env_id");
                CapturedLog handlerLog = CapturedLog.of(LaunchHandler.class, "env_id")) {
            answer = launch(request("schedule"));

            assertThat(runnerLog.linesWhere(envId)).isNotEmpty().allSatisfy(line -> assertThat(line.message()
                    + line.mdc()).doesNotContain(key));
            assertThat(handlerLog.linesWhere(envId)).isNotEmpty().allSatisfy(line -> assertThat(line.message()
                    + line.mdc()).doesNotContain(key));
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString()).doesNotContain(key);
        assertThat(answer.jsonPath().getString("job_id")).isEqualTo("J-****");
        assertThat(answer.jsonPath().getString("debug.auth[0]")).isEqualTo("x-api-key ****");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            job_id with CR LF | {"job_id": "J1\\r\\nFAKE LOG LINE", "status": "JOB_CREATED"} | job_id or status holds
            job_id with a direction override | {"job_id": "J1\\u202e", "status": "JOB_CREATED"} | job_id or status holds
            status with a zero-width space | {"job_id": "J1", "status": "JOB_CREATED\\u200b"} | job_id or status holds
            job_id of 201 characters | {"job_id": "%s", "status": "JOB_CREATED"} | job_id is longer than 200
            status of 65 characters | {"job_id": "J1", "status": "%s"} | status is longer than 64
            """)
    void createdJobWithAnIdUnfitForLogsAndKeysIsReportedOnceAndNotAskedAgain(String what, String body,
            String reason) {
        String answered = body.contains("%s") ? String.format(body, "J".repeat(what.contains("201") ? 201 : 65))
                : body;
        runner.stubFor(post(jobsPath()).willReturn(okJson(answered)));

        Response answer = launch(request("schedule"));

        assertThat(failureMessage(answer)).startsWith("the job runner answered 200: an answer that is not Job Details")
                .contains(reason);
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void createdJobsNumbersAreAnsweredToTheLastDigit() {
        runner.stubFor(post(jobsPath()).willReturn(okJson("{\"job_id\": \"J1\", \"status\": \"JOB_CREATED\","
                + " \"exact\": 123456789.123456789123456789, \"tiny\": 1e-400, \"huge\": 1e999}")));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString()).contains("\"exact\":123456789.123456789123456789")
                .doesNotContain("Infinity").doesNotContain("\"tiny\":0.0");
    }

    @Test
    void createdJobTooLargeToAnswerWholeIsAnsweredAsItsIdAndStatus() {
        runner.stubFor(post(jobsPath()).willReturn(okJson("{\"job_id\": \"J1\", \"status\": \"JOB_CREATED\","
                + " \"state\": \"" + "s".repeat(LaunchHandler.MAX_ANSWER_BYTES) + "\"}")));

        Response answer = launch(request("schedule"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getMap("")).containsOnlyKeys("job_id", "status", "answer_cut")
                .containsEntry("job_id", "J1").containsEntry("status", "JOB_CREATED");
        assertThat(answer.jsonPath().getString("answer_cut")).startsWith("the job runner answered 1048");
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @Test
    void runnerAnsweringSomethingThatIsNotJobDetailsIsNotAskedAgain() {
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("<html>created</html>")));

        Response answer = launch(request("schedule"));

        assertThat(failureMessage(answer)).contains("not Job Details");
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            text/plain       | nope
            application/json | []
            application/json | {"ok": true}
            application/json | null
            application/json | ''
            application/json | {"job_id": 42, "status": "JOB_CREATED"}
            application/json | {"job_id": "J1", "status": true}
            application/json | {"job_id": "   ", "status": "JOB_CREATED"}
            application/json | {"job_id": "first", "job_id": "second", "status": "JOB_CREATED"}
            application/json | {"job_id": "J1", "status": "JOB_CREATED"} {"job_id": "J2"}
            """)
    void successThatIsNotJobDetailsIsReportedOnceAndStartsNoSecondJob(String contentType, String body) {
        runner.stubFor(post(jobsPath()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", contentType).withBody(body)));

        Response answer = launch(request("schedule"));

        assertThat(failureMessage(answer)).contains("not Job Details");
        runner.verify(1, postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "env_id, , env_id is missing",
        "env_id, ../admin, env_id must be",
        "flow_id, a/b, flow_id must be",
        "tenant, %2e%2e, tenant must be",
        "tenant, '', tenant must be a non-empty string",
        "reason, Nightly Run, reason must be"})
    void malformedRequestIsRejectedNamingTheFieldAndStartsNothing(String field, String value, String message) {
        Map<String, Object> request = request("schedule");
        request.put(field, value);

        Response answer = launch(request);

        assertThat(failureMessage(answer)).startsWith(message);
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    @Test
    void sampleScheduledLaunchStartsOneSyncForTheSampleTenant() throws IOException {
        StoredSettings.store(settings, "prod.acme.example", StoredSettings.jobs(true, true, false, true,
                DefaultSchedule.DEFAULTS));
        runner.stubFor(post(urlPathMatching("/v1/.*")).willReturn(okJson(jobDetails())));

        Response answer = LambdaInvoker.invokeRaw(Files.readString(Path.of("events/launch-scheduled.json")));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        runner.verify(1, postRequestedFor(urlPathEqualTo("/v1/prod.acme.example/FsLpQ0xgK/cust-0042/jobs"))
                .withRequestBody(equalToJson("{\"job_name\": \"cust-0042-schedule\", \"reset_source_state\": false,"
                        + " \"discover\": true, \"sync_type\": \"auto_sync\"}")));
        assertThat(runner.getAllServeEvents()).hasSize(1);
    }

    private void failFirstThenCreate(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        runner.stubFor(post(jobsPath()).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(failure).willSetStateTo("recovered"));
        runner.stubFor(post(jobsPath()).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(jobDetails())));
    }

    /** The invocation failed, and this is the error message Lambda hands back to the invoker. */
    private static String failureMessage(Response answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(500);
        return answer.jsonPath().getString("errorMessage");
    }

    private Response launch(Map<String, Object> request) {
        return LambdaInvoker.invoke(request);
    }

    private Map<String, Object> request(String reason) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("env_id", envId);
        request.put("flow_id", FLOW);
        request.put("tenant", TENANT);
        if (reason != null) {
            request.put("reason", reason);
        }
        return request;
    }

    private String jobsPath() {
        return JobApis.JOBS_API_BASE_PATH + "/" + envId + "/" + FLOW + "/" + TENANT + "/jobs";
    }

    /** Job Details as the runner answers a start, with members this function set knows nothing about. */
    private String jobDetails() {
        return "{\"job_id\": \"aB3kZ9\", \"env_id\": \"" + envId + "\", \"flow_id\": \"" + FLOW + "\","
                + " \"tenant\": \"" + TENANT + "\", \"job_name\": \"cust-0042-schedule\", \"status\": \"JOB_CREATED\","
                + " \"s3_root\": \"cust-0042/flows/FsLpQ0xgK/jobs/2026/12/1/03/09/aB3kZ9\", \"connector_id\": null,"
                + " \"task_id\": \"4f0c9b7e2a1d4e6f8a3b5c7d9e1f2a3b\","
                + " \"queue\": {\"position\": 3, \"tags\": [\"a\"]}}";
    }

}
