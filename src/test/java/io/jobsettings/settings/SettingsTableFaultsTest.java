package io.jobsettings.settings;

import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static io.jobsettings.testing.StoreFaults.connectionReset;
import static io.jobsettings.testing.StoreFaults.dynamoAction;
import static io.jobsettings.testing.StoreFaults.throttled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.jobsettings.platform.SettingsTable;
import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.SecretsInUse;
import io.jobsettings.testing.StoreFaults;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The settings API while its table misbehaves, through a proxy in front of the real local table: throttling,
 * 5xx, reset connections, a table that hangs. Every answer is either the change made once, or a 503 with
 * Retry-After and the stored item exactly as it was; the request after the fault is answered normally.
 */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsTableFaultsTest {

    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static final String PATCH = "{\"jobs\": {\"forceFullSync\": true}, \"slack\": {\"webhookUrl\": \""
            + SLACK_URL + "\"}}";

    private final StoreFaults table = LocalStoresResource.tableFaults();
    private String envId;
    private Map<String, AttributeValue> before;

    @BeforeEach
    void storedSettings() {
        SecretsInUse.remember(SLACK_URL);
        envId = uniqueEnvId("table-faults");
        Answer stored = as(envId, "PUT", path()).json("{\"jobs\": {\"triggerJobOnLink\": true}}").send();
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        before = storedItem();
        table.clear();
    }

    @AfterEach
    void healTheTable() {
        table.clear();
    }

    @Test
    void briefThrottlingIsRetriedInsideTheRequestAndTheChangeIsStoredOnce() {
        table.firstTimes(2, dynamoAction("PutItem"), throttled());

        Answer answer = as(envId, "PATCH", path()).mergePatch(PATCH).send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getBoolean("jobs.forceFullSync")).isTrue();
        assertThat(table.seen(StoreFaults.dynamoRequest("PutItem"))).hasSize(3);
        assertThat(storedItem().get("version").n()).isEqualTo(nextVersion());
    }

    static Stream<Arguments> lastingFaults() {
        return Stream.of(
                Arguments.of("throttling", throttled(), "answered 400 ThrottlingException"),
                Arguments.of("internal error", WireMock.aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\": \"com.amazonaws.dynamodb.v20120810#InternalServerError\"}"),
                        "answered 500 InternalServerError"),
                Arguments.of("reset connection", connectionReset(), "did not answer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lastingFaults")
    void writeDuringALastingFaultIs503WithRetryAfterAndStoresNothing(String what, ResponseDefinitionBuilder fault,
            String detail) {
        table.always(dynamoAction("PutItem"), fault);

        Answer answer = as(envId, "PATCH", path()).mergePatch(PATCH).send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers()).containsEntry("retry-after", "2");
        assertThat(answer.json().getString("detail")).startsWith("the settings table " + detail);
        assertThat(answer.body()).doesNotContain("XXXXXXXXXXXXXXXXXXXXXXXX");
        assertThat(storedItem()).isEqualTo(before);
        assertTheNextRequestIsAnsweredNormally();
    }

    @Test
    void readWhileTheTableIsUnreachableIs503AndTheNextReadIsNormal() {
        table.everything(connectionReset());

        Answer answer = as(envId, "GET", path()).send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.json().getString("detail")).startsWith("the settings table did not answer");
        assertTheNextRequestIsAnsweredNormally();
    }

    @Test
    void tableThatHangsIsGivenUpOnBeforeTheGatewayWouldAndStoresNothing() {
        table.always(dynamoAction("PutItem"), WireMock.aResponse().withFixedDelay(60_000).withStatus(200));

        Answer answer = as(envId, "PATCH", path()).mergePatch(PATCH).send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.json().getString("detail")).startsWith("the settings table did not answer");
        assertThat(storedItem()).isEqualTo(before);
        assertTheNextRequestIsAnsweredNormally();
    }

    private void assertTheNextRequestIsAnsweredNormally() {
        table.clear();
        Answer next = as(envId, "PATCH", path()).mergePatch(PATCH).send();
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(storedItem().get("version").n()).isEqualTo(nextVersion());
    }

    private String nextVersion() {
        return String.valueOf(Long.parseLong(before.get("version").n()) + 1);
    }

    private String path() {
        return "/environments/" + envId + "/settings";
    }

    private Map<String, AttributeValue> storedItem() {
        try (DynamoDbClient dynamo = LocalStoresResource.stores().dynamoClient()) {
            return dynamo.getItem(b -> b.tableName(LocalStores.TABLE).consistentRead(true)
                    .key(SettingsTable.key(envId, SettingsTable.SETTINGS_SK))).item();
        }
    }
}
