package io.jobsettings.link;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.jobsettings.platform.SettingsTable;
import io.jobsettings.settings.SettingsStore;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LinkProfile;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.StoredSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Link events no connectors service would send: odd Unicode, traversal and line breaks in the ids, huge, nested
 * and wrongly typed members, broken JSON, repeated keys, and events of other kinds. Each fails the invocation with
 * a short message naming the member, starts no job, creates no schedule and leaves the environment's settings and
 * link records as they were; the next valid event is handled as usual.
 */
@QuarkusTest
@TestProfile(LinkProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LinkHostileInputTest {

    private static final Instant ENABLED_AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant LINKED_AT = Instant.parse("2026-12-03T09:14:58Z");
    private static final String HUGE = "x".repeat(100_000);
    private static final int MAX_MESSAGE = 300;

    @Inject
    SettingsStore settings;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    SettingsTable table;

    @Inject
    ObjectMapper mapper;

    private final WireMockServer runner = JobApis.jobRunner();
    private final WireMockServer scheduler = JobApis.scheduler();
    private String envId;
    private List<Map<String, AttributeValue>> before;

    /** An environment that starts a job and creates a schedule on every link, and already has a tenant linked. */
    @BeforeEach
    void environmentWithALinkedTenant() {
        JobApis.reset();
        envId = HttpApiCall.uniqueEnvId("hostile-link");
        runner.stubFor(post(urlPathMatching(".*/jobs")).willReturn(okJson("{\"job_id\": \"Jb0001\","
                + " \"status\": \"JOB_CREATED\"}")));
        scheduler.stubFor(post(urlPathMatching("/schedules/.*")).willReturn(okJson("{\"ScheduleArn\": \"arn\"}")));
        scheduler.stubFor(delete(urlPathMatching("/schedules/.*")).willReturn(okJson("{}")));
        StoredSettings.store(settings, envId, StoredSettings.jobs(true, true, false, false,
                StoredSettings.scheduleEnabledAt("cron(15 4 * * ? *)", ENABLED_AT)));
        Map<String, Object> earlierTenant = LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT);
        detail(earlierTenant).put("tenant", "cust-0001");
        assertHandled(LambdaInvoker.invoke(earlierTenant));

        runner.resetRequests();
        scheduler.resetRequests();
        before = environmentItems();
        assertThat(before).hasSize(3);
    }

    static Stream<Arguments> hostileMembers() {
        return Stream.of(
                Arguments.of("detail.tenant", "\u202ecust-0042", "detail.tenant must be 1 to 128"),
                Arguments.of("detail.tenant", "cust-0042\u200b", "detail.tenant must be 1 to 128"),
                Arguments.of("detail.tenant", "cust\u00000042", "detail.tenant must be 1 to 128"),
                Arguments.of("detail.flow_id", "\uff26\uff53LpQ0xgK", "detail.flow_id must be 1 to 128"),
                Arguments.of("detail.env_id", "\uff50rod.acme.example", "detail.env_id must be 1 to 128"),
                Arguments.of("detail.flow_id", "..%2f..%2fadmin", "detail.flow_id must be 1 to 128"),
                Arguments.of("detail.tenant", "..\\..\\cust-0042", "detail.tenant must be 1 to 128"),
                Arguments.of("detail.env_id", "../prod.acme.example", "detail.env_id must be 1 to 128"),
                Arguments.of("detail.env_id", "prod.acme.example\r\nx-api-key: stolen", "detail.env_id must be"),
                Arguments.of("detail.env_id", HUGE, "detail.env_id must be 1 to 128"),
                Arguments.of("detail.tenant", HUGE, "detail.tenant must be 1 to 128"),
                Arguments.of("detail.linked_at", "2026-12-03T09:14:58Z" + HUGE, "detail.linked_at must be an ISO"),
                Arguments.of("detail.linked_at", "2999-01-01T00:00:00Z", "detail.linked_at must lie between"),
                Arguments.of("detail.linked_at", "+999999999-12-31T23:59:59Z", "detail.linked_at must lie between"),
                Arguments.of("detail.linked_at", "-999999999-01-01T00:00:00Z", "detail.linked_at must lie between"),
                Arguments.of("detail.linked_at", "1970-01-01T00:00:00Z", "detail.linked_at must lie between"),
                Arguments.of("id", HUGE, "id must be 1 to 128"),
                Arguments.of("id", "evt-1\r\nforged: yes", "id must be 1 to 128"),
                Arguments.of("detail-type", "Connector Linked" + HUGE, "detail-type must be 'Connector Linked'"),
                Arguments.of("detail.env_id", List.of(List.of(List.of("nested"))), "detail.env_id must be a non-"),
                Arguments.of("detail.tenant", Map.of("$ne", ""), "detail.tenant must be a non-empty string"),
                Arguments.of("detail.flow_id", Map.of("$gt", ""), "detail.flow_id must be a non-empty string"),
                Arguments.of("detail.flow_id", 42, "detail.flow_id must be a non-empty string"),
                Arguments.of("detail.env_id", true, "detail.env_id must be a non-empty string"),
                Arguments.of("detail.env_id", "", "detail.env_id must be a non-empty string"),
                Arguments.of("detail.linked_at", 1764753298000L, "detail.linked_at must be a non-empty string"),
                Arguments.of("id", 7, "id must be a non-empty string"),
                Arguments.of("detail-type", List.of("Connector Linked"), "detail-type must be a non-empty string"),
                Arguments.of("detail", List.of(Map.of("env_id", "prod.acme.example")), "detail must be a JSON"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostileMembers")
    void hostileMemberIsNamedAndNothingIsDone(String member, Object value, String message) {
        Map<String, Object> event = LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT);
        put(event, member, value);

        assertRefusedWithNothingDone(LambdaInvoker.invoke(event), message);
        assertStillHandlesAValidLink();
    }

    static Stream<Arguments> eventsOfAnotherKind() {
        return Stream.of(
                Arguments.of("empty object", "{}", "id is missing"),
                Arguments.of("JSON null", "null", "the event must be a JSON object"),
                Arguments.of("array", "[{\"id\": \"e1\"}]", "the event must be a JSON object"),
                Arguments.of("string", "\"Connector Linked\"", "the event must be a JSON object"),
                Arguments.of("number", "42", "the event must be a JSON object"),
                Arguments.of("SQS batch", "{\"Records\": [{\"messageId\": \"m1\", \"body\": \"{}\","
                        + " \"eventSource\": \"aws:sqs\"}]}", "id is missing"),
                Arguments.of("HTTP API event", "{\"version\": \"2.0\", \"routeKey\": \"$default\","
                        + " \"rawPath\": \"/environments/a/settings\", \"requestContext\": {}}", "id is missing"),
                Arguments.of("launch request", "{\"env_id\": \"prod.acme.example\", \"flow_id\": \"FsLpQ0xgK\","
                        + " \"tenant\": \"cust-0042\", \"reason\": \"schedule\"}", "id is missing"),
                Arguments.of("job status event", "{\"version\": \"0\", \"id\": \"e1\", \"detail-type\":"
                        + " \"Job Status Changed\", \"source\": \"jobs.runner\", \"detail\": {}}",
                        "detail-type must be 'Connector Linked' or 'Connector Unlinked'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsOfAnotherKind")
    void eventOfAnotherKindIsNamedAndNothingIsDone(String what, String event, String message) {
        assertRefusedWithNothingDone(LambdaInvoker.invokeRaw(event), message);
        assertStillHandlesAValidLink();
    }

    static Stream<Arguments> unreadableEvents() {
        return Stream.of(
                Arguments.of("empty event", "", "the event is empty"),
                Arguments.of("not JSON", "Connector Linked: cust-0042 x-api-key: stolen",
                        "the event is not valid JSON (line 1, column 1)"),
                Arguments.of("a secret pasted as the event", "whsec_stolenc2VjcmV0LXN0b2xlbi0wMDAwMDAwMDAw",
                        "the event is not valid JSON (line 1, column "),
                Arguments.of("a token pasted as the event", "stolen-ghp-token-0000000000",
                        "the event is not valid JSON (line 1, column "),
                Arguments.of("cut short", "{\"id\": \"e1\", \"detail\": {\"env_id\": \"stolen",
                        "the event is not valid JSON (line 1, column "),
                Arguments.of("single quotes", "{'id': 'stolen'}", "the event is not valid JSON (line 1, column 2)"),
                Arguments.of("trailing text", "{\"id\": \"e1\"} stolen",
                        "the event is not valid JSON (line 1, column "),
                Arguments.of("a second event after the first", "{\"id\": \"e1\"} {\"id\": \"e2\"}",
                        "the event is not valid JSON (line 1, column "),
                Arguments.of("nested 5,000 deep", "{\"detail\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                        "the event is nested more than 1000 levels deep"),
                Arguments.of("larger than EventBridge allows", "{\"resources\": [\"" + "x".repeat(300_000) + "\"]}",
                        "the event is more than 262144 bytes"));
    }

    /** These are not one JSON event: each is named for what is wrong and where, never quoting the input. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableEvents")
    void unreadableEventFailsWithoutEchoAndNothingIsDone(String what, String event, String message) {
        assertRefusedWithNothingDone(LambdaInvoker.invokeRaw(event), message);
        assertStillHandlesAValidLink();
    }

    @Test
    void eventThatIsNotUtf8IsNamedAndNothingIsDone() {
        byte[] latin1 = json(LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT))
                .replace(LinkEvents.TENANT, "cust-\u00e90042").getBytes(StandardCharsets.ISO_8859_1);

        assertRefusedWithNothingDone(LambdaInvoker.invokeRaw(latin1), "the event is not valid UTF-8");
        assertStillHandlesAValidLink();
    }

    static Stream<Arguments> otherSources() {
        return Stream.of(
                Arguments.of("someone.else", "source must be 'jobs.connectors'"),
                Arguments.of("jobs.connectors.evil", "source must be 'jobs.connectors'"),
                Arguments.of("jobs.connectors\r\nforged: yes", "source must be 'jobs.connectors'"),
                Arguments.of(null, "source is missing"));
    }

    @ParameterizedTest(name = "source = {0}")
    @MethodSource("otherSources")
    void linkFromAnotherSourceIsNamedAndNothingIsDone(String source, String message) {
        Map<String, Object> event = LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT);
        event.put("source", source);

        assertRefusedWithNothingDone(LambdaInvoker.invoke(event), message);
        assertStillHandlesAValidLink();
    }

    /** Sent as a JSON escape: a lone surrogate in a Java string would reach the function as '?' instead. */
    @Test
    void loneSurrogateInATenantIsNamedAndNothingIsDone() {
        String event = json(LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT))
                .replace("\"" + LinkEvents.TENANT + "\"", "\"" + LinkEvents.TENANT + "\\ud800\"");

        assertThat(event).contains("\\ud800");
        assertRefusedWithNothingDone(LambdaInvoker.invokeRaw(event), "detail.tenant must be 1 to 128");
        assertStillHandlesAValidLink();
    }

    @Test
    void nestingWithinTheReadersLimitInAnIdIsNamedAndNothingIsDone() {
        String event = json(LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT))
                .replace("\"" + LinkEvents.TENANT + "\"", "[".repeat(900) + "]".repeat(900));

        assertRefusedWithNothingDone(LambdaInvoker.invokeRaw(event), "detail.tenant must be a non-empty string");
        assertStillHandlesAValidLink();
    }

    /** EventBridge events carry members this function does not read; what they hold changes nothing. */
    @Test
    void hugeAndDeeplyNestedMembersTheFunctionDoesNotReadAreIgnored() {
        Map<String, Object> event = LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT);
        event.put("resources", List.of(HUGE));
        detail(event).put("connector_id", Map.of("$ne", ""));
        detail(event).put("tap", "..\\..\r\n\u202e" + HUGE);
        String nested = json(event).replace("\"version\":\"0\"", "\"version\":" + "[".repeat(900)
                + "]".repeat(900));

        assertHandled(LambdaInvoker.invokeRaw(nested));

        assertThat(runner.getAllServeEvents()).hasSize(1);
        assertThat(scheduler.getAllServeEvents()).hasSize(1);
    }

    static Stream<Arguments> repeatedMembers() {
        return Stream.of(
                Arguments.of("detail.env_id, hostile first", "\"env_id\":", "\"env_id\": \"../other\", \"env_id\":",
                        "'env_id'"),
                Arguments.of("detail.env_id, hostile last", "\"env_id\":\"ENV\"",
                        "\"env_id\":\"ENV\", \"env_id\": \"x\"", "'env_id'"),
                Arguments.of("id", "\"id\":", "\"id\": \"other-event\", \"id\":", "'id'"),
                Arguments.of("detail", "\"detail\":", "\"detail\": {}, \"detail\":", "'detail'"),
                Arguments.of("a member the function does not read", "\"region\":",
                        "\"region\": \"eu-west-1\", \"region\":", "'region'"));
    }

    /** A member sent twice is refused by name, wherever it is, rather than one of its values being dropped. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("repeatedMembers")
    void repeatedMemberIsNamedAndNothingIsDone(String what, String find, String replacement, String member) {
        String event = json(LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT))
                .replace(find.replace("ENV", envId), replacement.replace("ENV", envId));

        assertThat(event).as(what).contains(replacement.replace("ENV", envId));
        assertRefusedWithNothingDone(LambdaInvoker.invokeRaw(event),
                "the event is not valid JSON: member " + member + " appears twice");
        assertStillHandlesAValidLink();
    }

    /** Refused naming what is wrong, in a short message that neither echoes the value nor breaks a log line. */
    private void assertRefusedWithNothingDone(Response answer, String message) {
        String failure = failureMessage(answer);
        assertThat(failure).startsWith(message).hasSizeLessThan(MAX_MESSAGE)
                .doesNotContain("stolen", "forged", "xxxxxxxxxx");
        assertThat(failure).doesNotContain("\r", "\n");
        assertThat(runner.getAllServeEvents()).isEmpty();
        assertThat(scheduler.getAllServeEvents()).isEmpty();
        assertThat(environmentItems()).isEqualTo(before);
    }

    /** The function keeps answering: a valid link of another tenant still starts its job and gets its schedule. */
    private void assertStillHandlesAValidLink() {
        assertHandled(LambdaInvoker.invoke(LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT)));

        runner.verify(1, postRequestedFor(urlPathEqualTo(JobApis.JOBS_API_BASE_PATH + "/" + envId + "/"
                + LinkEvents.FLOW + "/" + LinkEvents.TENANT + "/jobs")));
        assertThat(runner.getAllServeEvents()).hasSize(1);
        assertThat(scheduler.getAllServeEvents()).hasSize(1);
    }

    /** Every item of the environment: its settings, and what was recorded for its links and link events. */
    private List<Map<String, AttributeValue>> environmentItems() {
        return dynamo.query(b -> b.tableName(table.name()).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", SettingsTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(SettingsTable.environmentKey(envId)))))
                .items();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    private static void put(Map<String, Object> event, String member, Object value) {
        if (member.startsWith("detail.")) {
            detail(event).put(member.substring("detail.".length()), value);
        } else {
            event.put(member, value);
        }
    }

    private String json(Map<String, Object> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
}
