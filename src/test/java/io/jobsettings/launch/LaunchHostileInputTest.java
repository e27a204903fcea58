package io.jobsettings.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LaunchProfile;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Launch requests no scheduler would send: odd Unicode, huge and nested values, and other kinds of event. */
@QuarkusTest
@TestProfile(LaunchProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LaunchHostileInputTest {

    private final WireMockServer runner = JobApis.jobRunner();

    @BeforeEach
    void freshStandIns() {
        JobApis.reset();
    }

    static Stream<Arguments> hostileFields() {
        return Stream.of(
                Arguments.of("tenant", "\u202ecust-0042", "tenant must be"),
                Arguments.of("tenant", "cust-0042\u200b", "tenant must be"),
                Arguments.of("tenant", "cust\u00000042", "tenant must be"),
                Arguments.of("flow_id", "\uff26sLpQ0xgK", "flow_id must be"),
                Arguments.of("flow_id", "..%2f..%2fadmin", "flow_id must be"),
                Arguments.of("flow_id", "Fs\\..\\x", "flow_id must be"),
                Arguments.of("env_id", "prod.acme.example\r\nx-api-key: stolen", "env_id must be"),
                Arguments.of("env_id", "e".repeat(100_000), "env_id must be"),
                Arguments.of("reason", "r".repeat(100_000), "reason must be"),
                Arguments.of("env_id", List.of(List.of(List.of("nested"))), "env_id must be"),
                Arguments.of("tenant", Map.of("$ne", ""), "tenant must be"),
                Arguments.of("flow_id", 42, "flow_id must be"),
                Arguments.of("pad", "p".repeat(200_000), "'pad' is not a member of this event"),
                Arguments.of("pad", "p".repeat(5_000_000), "the launch request is more than 262144 bytes"),
                Arguments.of("Reason", "schedule", "'Reason' is not a member of this event"),
                Arguments.of("p".repeat(10_000), 1, "'pppp"),
                Arguments.of("whsec_c3RvbGVuLXN0b2xlbi1zdG9sZW4tc3RvbGVu", 1, "'whsec_c3Rv…' is not a member"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostileFields")
    void hostileFieldIsNamedAndStartsNothing(String field, Object value, String message) {
        Map<String, Object> request = new LinkedHashMap<>(Map.of("env_id", "prod.acme.example",
                "flow_id", "FsLpQ0xgK", "tenant", "cust-0042", "reason", "schedule"));
        request.put(field, value);

        Response answer = LambdaInvoker.invoke(request);

        assertThat(failureMessage(answer)).startsWith(message).hasSizeLessThan(500);
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    static Stream<Arguments> eventsOfAnotherKind() {
        return Stream.of(
                Arguments.of("SQS batch", "{\"Records\": [{\"messageId\": \"m1\", \"body\": \"{}\"}]}", "env_id"),
                Arguments.of("HTTP API event", "{\"version\": \"2.0\", \"routeKey\": \"$default\","
                        + " \"rawPath\": \"/environments/a/settings\", \"requestContext\": {}}", "env_id"),
                Arguments.of("link event", "{\"version\": \"0\", \"id\": \"e1\","
                        + " \"detail-type\": \"Connector Linked\", \"source\": \"jobs.connectors\","
                        + " \"detail\": {\"env_id\": \"prod.acme.example\","
                        + " \"flow_id\": \"FsLpQ0xgK\", \"tenant\": \"cust-0042\"}}", "env_id"),
                Arguments.of("array", "[1, 2]", ""),
                Arguments.of("string", "\"launch\"", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsOfAnotherKind")
    void eventOfAnotherKindFailsNamingWhatIsMissingAndStartsNothing(String what, String event, String field) {
        Response answer = LambdaInvoker.invokeRaw(event);

        assertThat(failureMessage(answer)).as(what).contains(field).doesNotContain("Exception");
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    static Stream<Arguments> unreadableRequests() {
        String valid = "{\"env_id\": \"prod.acme.example\", \"flow_id\": \"FsLpQ0xgK\","
                + " \"tenant\": \"cust-0042\"}";
        return Stream.of(
                Arguments.of("empty", "", "the launch request is empty"),
                Arguments.of("a key pasted as the request", "stolen-api-key-0000",
                        "the launch request is not valid JSON"),
                Arguments.of("cut short", valid.substring(0, 30), "the launch request is not valid JSON (line 1"),
                Arguments.of("two requests", valid + " " + valid, "the launch request is not valid JSON (line 1"),
                Arguments.of("env_id twice", valid.replace("{", "{\"env_id\": \"other.acme.example\", "),
                        "the launch request is not valid JSON: member 'env_id' appears twice"),
                Arguments.of("tenant twice, the last hostile", valid.replace("}", ", \"tenant\": \"../x\"}"),
                        "the launch request is not valid JSON: member 'tenant' appears twice"));
    }

    /** Not one JSON request: refused for what is wrong and where, never quoting the input, before any call. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRequests")
    void unreadableRequestIsRefusedWithoutEchoAndStartsNothing(String what, String request, String message) {
        Response answer = LambdaInvoker.invokeRaw(request);

        assertThat(failureMessage(answer)).as(what).startsWith(message).doesNotContain("stolen", "other.acme");
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    @Test
    void requestThatIsNotUtf8IsRefusedAndStartsNothing() {
        byte[] latin1 = ("{\"env_id\": \"prod.acme.example\", \"flow_id\": \"FsLpQ0xgK\","
                + " \"tenant\": \"cust-\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);

        Response answer = LambdaInvoker.invokeRaw(latin1);

        assertThat(failureMessage(answer)).startsWith("the launch request is not valid UTF-8");
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    @Test
    void loneSurrogateInATenantIsRefusedAndStartsNothing() {
        // Written as a JSON escape: a Java string holding a lone surrogate would be sent as '?' by the test client.
        String request = "{\"env_id\": \"prod.acme.example\", \"flow_id\": \"FsLpQ0xgK\","
                + " \"tenant\": \"cust-0042\\ud800\", \"reason\": \"schedule\"}";

        Response answer = LambdaInvoker.invokeRaw(request);

        assertThat(failureMessage(answer)).startsWith("tenant must be");
        assertThat(runner.getAllServeEvents()).isEmpty();
    }

    private static String failureMessage(Response answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(500);
        return answer.jsonPath().getString("errorMessage");
    }
}
