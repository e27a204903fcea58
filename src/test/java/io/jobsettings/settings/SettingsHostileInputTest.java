package io.jobsettings.settings;

import static io.jobsettings.settings.SettingsApiTest.get;
import static io.jobsettings.settings.SettingsApiTest.path;
import static io.jobsettings.settings.SettingsDocuments.FULL;
import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.jobsettings.testing.CapturedLog;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.SecretsInUse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a careless or hostile caller sends the settings API beyond the validation rules: odd Unicode and traversal
 * in the environment id, values that fit the size limit but not the rules, header values with line breaks, and
 * events that are not HTTP API events at all. Each gets a named refusal and the stored document stays as it was.
 */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsHostileInputTest {

    private String envId;
    private String before;

    @BeforeEach
    void storeValidSettings() {
        envId = uniqueEnvId("hostile");
        assertThat(as(envId, "PUT", path(envId)).json(FULL).send().status()).isEqualTo(200);
        before = get(envId).body();
    }

    static Stream<Arguments> disguisedEnvironmentIds() {
        return Stream.of(
                Arguments.of("right-to-left override", "\u202e%s"),
                Arguments.of("zero-width space", "%s\u200b"),
                Arguments.of("zero-width joiner inside", "prod\u200d.%s"),
                Arguments.of("NUL", "%s\u0000"),
                Arguments.of("lone surrogate", "%s\ud800"),
                Arguments.of("emoji (surrogate pair)", "%s\ud83d\ude00"),
                Arguments.of("fullwidth letters", "\uff50\uff52\uff4f\uff44.%s"),
                Arguments.of("combining accent", "%se\u0301"),
                Arguments.of("encoded traversal", "%%2e%%2e%%2f%s"),
                Arguments.of("backslash traversal", "..\\%s"),
                Arguments.of("CR LF", "%s\r\nx-injected: 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("disguisedEnvironmentIds")
    void disguisedEnvironmentIdIsRefusedAndTheRealOneIsUntouched(String what, String template) {
        String disguised = template.formatted(envId);

        Answer answer = as(disguised + " " + envId, "PUT", "/environments/" + disguised + "/settings")
                .json("{}").send();

        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("environment id");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void ifMatchWithALineBreakIsNotAVersionAndChangesNothing() {
        Answer answer = as(envId, "PATCH", path(envId)).header("if-match", "\"1\"\r\nx-injected: yes")
                .mergePatch("{\"jobs\": {\"forceFullSync\": false}}").send();

        assertThat(answer.status()).as(answer.body()).isIn(400, 412);
        assertThat(answer.headers()).doesNotContainKey("x-injected");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void contentTypeWithALineBreakIsRefusedAndChangesNothing() {
        Answer answer = as(envId, "PUT", path(envId)).header("content-type", "application/json\r\nx-injected: yes")
                .body("{}").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(415);
        assertThat(answer.headers()).doesNotContainKey("x-injected");
        assertThat(answer.json().getString("detail")).doesNotContain("\r", "\n");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    static Stream<Arguments> hugeFieldsUnder64KiB() {
        return Stream.of(
                Arguments.of("{\"webhook\": {\"url\": \"https://hooks.acme.example/" + "a".repeat(60_000) + "\"}}",
                        "/webhook/"),
                Arguments.of("{\"jobs\": {\"defaultSchedule\": {\"expression\": \"cron(" + "1,".repeat(20_000)
                        + "1 3 * * ? *)\"}}}", "/jobs/defaultSchedule/expression"),
                Arguments.of("{\"datadog\": {\"apiKey\": \"" + "f".repeat(60_000) + "\"}}", "/datadog/apiKey"),
                Arguments.of("{\"storage\": {\"snapshots\": {\"prefix\": \"" + "p/".repeat(30_000) + "\"}}}",
                        "/storage/snapshots"),
                Arguments.of("{\"storage\": {\"cache\": {\"bucket\": \"b-1\", \"region\": \"eu" + "-a".repeat(30_000)
                        + "-1\"}}}", "/storage/cache"),
                Arguments.of("{\"" + "k".repeat(60_000) + "\": 1}", ""));
    }

    @ParameterizedTest
    @MethodSource("hugeFieldsUnder64KiB")
    void hugeFieldThatFitsTheBodyLimitIsNamedAndChangesNothing(String patch, String pointerStart) {
        Answer answer = as(envId, "PATCH", path(envId)).mergePatch(patch).send();

        assertThat(answer.status()).isEqualTo(400);
        if (pointerStart.isEmpty()) {
            assertThat(answer.json().getString("detail")).contains("size limit");
        } else {
            assertThat(answer.json().getList("errors.pointer", String.class)).isNotEmpty()
                    .allMatch(pointer -> pointer.startsWith(pointerStart));
        }
        assertThat(answer.body()).hasSizeLessThan(4_000);
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {31, 33, 2_000})
    void deepNestingInsideAKnownMemberIsRefusedAndChangesNothing(int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);

        Answer answer = as(envId, "PATCH", path(envId)).mergePatch("{\"webhook\": {\"events\": " + nested + "}}")
                .send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail") + answer.body()).containsAnyOf("/webhook/events", "nest");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void duplicateKeysInsideANestedMemberAreNamedAndChangeNothing() {
        Answer answer = as(envId, "PATCH", path(envId))
                .mergePatch("{\"jobs\": {\"forceFullSync\": false, \"forceFullSync\": true}}").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("forceFullSync");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    static Stream<Arguments> syntaxErrors() {
        String expectedName = "was expecting double-quote to start field name";
        return Stream.of(
                Arguments.of("{'jobs': 1}", "at line 1, column 2: Unexpected character (code 39): " + expectedName),
                Arguments.of("{\"jobs\": {\"forceFullSync\": true,}}",
                        "at line 1, column 33: Unexpected character (code 125): " + expectedName),
                Arguments.of("\uFEFF{\"jobs\": {}}",
                        "the body starts with a byte order mark, which JSON text must not (RFC 8259, section 8.1)"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxErrorSaysWhatWasExpectedWithoutQuotingTheCharacterAndChangesNothing(String body, String detail) {
        Answer answer = as(envId, "PATCH", path(envId)).mergePatch(body).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).endsWith(detail);
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void textAfterTheBodysObjectIsNamedWithWhereItStartsAndChangesNothing() {
        Answer answer = as(envId, "PATCH", path(envId))
                .mergePatch("{\"jobs\": {\"forceFullSync\": true}} {\"jobs\": {\"forceDiscover\": true}}").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail"))
                .isEqualTo("the body is not valid JSON at line 1, column 35: text follows the JSON object");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    /**
     * The runtime cannot turn these into an HTTP API event and fails the invocation itself; what it says and logs
     * must not carry the input, which here is a secret.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"whsec_c3RvbGVuLXN0b2xlbi1zdG9sZW4tc3RvbGVu\"",
        "whsec_c3RvbGVuLXN0b2xlbi1zdG9sZW4tc3RvbGVu", "[\"whsec_c3RvbGVuLXN0b2xlbi1zdG9sZW4tc3RvbGVu\"]"})
    void eventTheRuntimeCannotReadIsRefusedWithoutEchoingIt(String event) {
        SecretsInUse.remember("c3RvbGVuLXN0b2xlbi1zdG9sZW4tc3RvbGVu");

        Response response = LambdaInvoker.invokeRaw(event);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.asString()).doesNotContain("c3RvbGVuLXN0b2xlbi1zdG9sZW4tc3RvbGVu");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    static Stream<Arguments> eventsOfAnotherKind() {
        return Stream.of(
                Arguments.of("SQS batch", "{\"Records\": [{\"messageId\": \"m1\", \"body\": \"{}\","
                        + " \"eventSource\": \"aws:sqs\"}]}"),
                Arguments.of("EventBridge link event", "{\"version\": \"0\", \"id\": \"e1\", \"detail-type\":"
                        + " \"Connector Linked\", \"source\": \"jobs.connectors\", \"detail\": {\"env_id\": \"x\"}}"),
                Arguments.of("launch request", "{\"env_id\": \"prod.acme.example\", \"flow_id\": \"F\","
                        + " \"tenant\": \"t\"}"),
                Arguments.of("REST API (payload 1.0) event", "{\"resource\": \"/x\", \"httpMethod\": \"GET\","
                        + " \"path\": \"/environments/a/settings\"}"),
                Arguments.of("empty object", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsOfAnotherKind")
    void eventOfAnotherKindGetsAProblemAnswerNotACrash(String what, String event) {
        Response response = LambdaInvoker.invokeRaw(event);

        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(200);
        Answer answer = HttpApiCall.read(response);
        assertThat(answer.status()).as(what + ": " + answer.body()).isBetween(400, 404);
        assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
        assertThat(answer.json().getString("detail")).isNotBlank();
    }

    @Test
    void unknownRouteQuotesItsPathBoundedAndSanitisedInTheAnswerAndTheLog() {
        String hostilePath = "/environments/" + envId + "/\u202e\u200b" + "a".repeat(5_000) + "\r\nx-injected: 1";

        Answer answer;
        List<CapturedLog.Line> lines;
        try (CapturedLog log = CapturedLog.of(SettingsHandler.class, "status")) {
            answer = as(envId, "GET", hostilePath).send();
            lines = log.linesWhere("404");
        }

        assertThat(answer.status()).isEqualTo(404);
        String detail = answer.json().getString("detail");
        assertThat(detail).startsWith("no route for 'GET' '/environments/").hasSizeLessThan(120)
                .doesNotContain("\u202e", "\u200b", "\r", "\n", "a".repeat(100));
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.mdc().toString())
                .doesNotContain("\u202e", "\u200b", "\r", "\n", "a".repeat(100)));
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void invalidEnvironmentIdIsNotPutInTheLogKeys() {
        List<CapturedLog.Line> lines;
        try (CapturedLog log = CapturedLog.of(SettingsHandler.class, "status")) {
            as(envId, "GET", "/environments/\u202e" + envId + "\r\n/settings").send();
            lines = log.linesWhere("400");
        }

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.mdc()).doesNotContainKey("env_id"));
        assertThat(get(envId).body()).isEqualTo(before);
    }

    static Stream<Arguments> hugeMemberNames() {
        String name = "k".repeat(30_000);
        String cut = "k".repeat(24) + "…";
        return Stream.of(
                Arguments.of("PATCH", "/settings", "{\"" + name + "\": 1}", "/" + cut),
                Arguments.of("PATCH", "/settings", "{\"jobs\": {\"" + name + "\": 1}}", "/jobs/" + cut),
                Arguments.of("POST", "/settings/test", "{\"" + name + "\": 1}", "/" + cut),
                Arguments.of("PATCH", "/settings", "{\"" + name + "\": 1, \"" + name + "\": 2}", ""));
    }

    @ParameterizedTest
    @MethodSource("hugeMemberNames")
    void hugeUnknownMemberNameIsCutInThePointerAndTheLog(String method, String route, String body, String pointer) {
        Answer answer;
        List<CapturedLog.Line> lines;
        try (CapturedLog log = CapturedLog.of(SettingsHandler.class, "status")) {
            HttpApiCall call = as(envId, method, "/environments/" + envId + route);
            answer = (method.equals("POST") ? call.json(body) : call.mergePatch(body)).send();
            lines = log.linesWhere("400");
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).hasSizeLessThan(400).doesNotContain("k".repeat(40));
        if (!pointer.isEmpty()) {
            assertThat(answer.json().getString("errors[0].pointer")).isEqualTo(pointer);
        }
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.mdc().toString())
                .doesNotContain("k".repeat(40)));
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void claimOfDisguisedIdsGrantsNothingAndTheRealIdStillWorks() {
        String disguises = "\u202e" + envId + "\u0000," + envId + "\u200b ../" + envId;

        Answer onlyDisguises = HttpApiCall.as(disguises, "GET", path(envId)).send();
        Answer withTheRealOne = HttpApiCall.as(disguises + " " + envId, "GET", path(envId)).send();

        assertThat(onlyDisguises.status()).isEqualTo(403);
        assertThat(onlyDisguises.body()).doesNotContain("webhook");
        assertThat(withTheRealOne.status()).isEqualTo(200);
        assertThat(withTheRealOne.json().getString("envId")).isEqualTo(envId);
    }
}
