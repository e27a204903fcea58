package io.jobsettings.settings;

import static io.jobsettings.settings.SettingsDocuments.DATADOG_KEY;
import static io.jobsettings.settings.SettingsDocuments.FULL;
import static io.jobsettings.settings.SettingsDocuments.SECRET_ACCESS_KEY;
import static io.jobsettings.settings.SettingsDocuments.SLACK_URL;
import static io.jobsettings.settings.SettingsDocuments.WEBHOOK_SECRET;
import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsApiTest {

    @Test
    void environmentThatNeverStoredSettingsReadsAsDefaultsAtVersionZero() {
        String envId = uniqueEnvId("fresh");

        Answer answer = get(envId);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("etag")).isEqualTo("\"0\"");
        JsonPath document = answer.json();
        assertThat(document.getString("envId")).isEqualTo(envId);
        assertThat(document.getLong("version")).isZero();
        assertThat(document.getString("updatedAt")).isNull();
        assertThat(document.getMap("jobs")).containsEntry("forceFullSync", false)
                .containsEntry("forceDiscover", false).containsEntry("triggerJobOnLink", false)
                .containsEntry("triggerDiscoverOnLink", false).containsEntry("rollbackOnFailure", false)
                .containsEntry("saveSnapshotsOnFailure", false);
        assertThat(document.getMap("jobs.defaultSchedule")).containsEntry("enabled", false)
                .containsEntry("expression", "cron(0 3 * * ? *)").containsEntry("enabledAt", null);
        assertThat(document.getMap("")).containsEntry("webhook", null).containsEntry("datadog", null)
                .containsEntry("slack", null);
        assertThat(document.getMap("storage")).containsEntry("snapshots", null).containsEntry("cache", null);
    }

    @Test
    void putStoresTheWholeDocumentAndAnswersItWithSecretsMasked() {
        String envId = uniqueEnvId("put");

        Answer put = as(envId, "PUT", path(envId)).json(FULL).send();

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.header("etag")).isEqualTo("\"1\"");
        assertThat(put.header("content-type")).isEqualTo("application/json");
        JsonPath stored = put.json();
        assertThat(stored.getLong("version")).isEqualTo(1);
        assertThat(Instant.parse(stored.getString("updatedAt"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(stored.getBoolean("jobs.forceFullSync")).isTrue();
        assertThat(stored.getList("webhook.events")).containsExactly("JOB_COMPLETED", "SYNC_FAILED");
        assertThat(stored.getString("webhook.secret")).isEqualTo("whsec_****LaSw");
        assertThat(stored.getString("datadog.apiKey")).isEqualTo("****9f3a");
        assertThat(stored.getString("slack.webhookUrl")).isEqualTo(
                "https://hooks.slack.com/services/T00000000/B00000000/****abcd");
        assertThat(stored.getString("storage.snapshots.secretAccessKey")).isEqualTo("****wXyZ");
        assertThat(stored.getString("storage.snapshots.prefix")).isEqualTo("etl/");
        assertThat(put.body()).doesNotContain(WEBHOOK_SECRET, DATADOG_KEY, SLACK_URL, SECRET_ACCESS_KEY);
        assertThat(get(envId).body()).isEqualTo(put.body());
    }

    @Test
    void putReplacesTheWholeDocumentAndMembersLeftOutTakeTheirDefaults() {
        String envId = uniqueEnvId("replace");
        as(envId, "PUT", path(envId)).json(FULL).send();

        Answer put = as(envId, "PUT", path(envId)).json("{\"jobs\": {\"forceDiscover\": true}}").send();

        JsonPath stored = put.json();
        assertThat(put.status()).isEqualTo(200);
        assertThat(stored.getBoolean("jobs.forceDiscover")).isTrue();
        assertThat(stored.getBoolean("jobs.forceFullSync")).isFalse();
        assertThat(stored.getBoolean("jobs.defaultSchedule.enabled")).isFalse();
        assertThat(stored.getMap("")).containsEntry("webhook", null).containsEntry("datadog", null)
                .containsEntry("slack", null);
        assertThat(stored.getMap("storage")).containsEntry("snapshots", null);
    }

    @Test
    void documentReadWithGetCanBeSentBackWithPutAndKeepsEverySecret() {
        String envId = uniqueEnvId("roundtrip");
        as(envId, "PUT", path(envId)).json(FULL).send();
        Answer read = get(envId);

        Answer put = as(envId, "PUT", path(envId)).json(read.body()).send();

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().getLong("version")).as("nothing changed, so nothing was stored").isEqualTo(1);
        assertThat(storedPlain(envId)).containsEntry("/webhook/secret", WEBHOOK_SECRET)
                .containsEntry("/datadog/apiKey", DATADOG_KEY)
                .containsEntry("/slack/webhookUrl", SLACK_URL)
                .containsEntry("/storage/snapshots/secretAccessKey", SECRET_ACCESS_KEY);
    }

    @Test
    void patchMergesAndNullRemovesAMember() {
        String envId = uniqueEnvId("patch");
        as(envId, "PUT", path(envId)).json(FULL).send();

        Answer patch = as(envId, "PATCH", path(envId))
                .mergePatch("{\"jobs\": {\"forceFullSync\": false}, \"slack\": null}").send();

        assertThat(patch.status()).as(patch.body()).isEqualTo(200);
        JsonPath stored = patch.json();
        assertThat(stored.getBoolean("jobs.forceFullSync")).isFalse();
        assertThat(stored.getBoolean("jobs.forceDiscover")).isTrue();
        assertThat(stored.getMap("")).containsEntry("slack", null);
        assertThat(stored.getString("datadog.apiKey")).isEqualTo("****9f3a");
        assertThat(storedPlain(envId)).containsEntry("/datadog/apiKey", DATADOG_KEY)
                .doesNotContainKey("/slack/webhookUrl");
    }

    @Test
    void patchReplacingASecretStoresTheNewValue() {
        String envId = uniqueEnvId("rotate");
        as(envId, "PUT", path(envId)).json(FULL).send();
        String rotated = "fedcba9876543210fedcba98765432aa";

        Answer patch = as(envId, "PATCH", path(envId))
                .mergePatch("{\"datadog\": {\"apiKey\": \"" + rotated + "\"}}").send();

        assertThat(patch.json().getString("datadog.apiKey")).isEqualTo("****32aa");
        assertThat(storedPlain(envId)).containsEntry("/datadog/apiKey", rotated);
    }

    @Test
    void maskThatDoesNotMatchTheStoredSecretIsRefusedAndNothingChanges() {
        String envId = uniqueEnvId("badmask");
        as(envId, "PUT", path(envId)).json(FULL).send();
        String before = get(envId).body();

        Answer patch = as(envId, "PATCH", path(envId)).mergePatch("{\"datadog\": {\"apiKey\": \"****0000\"}}").send();

        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().getString("errors[0].pointer")).isEqualTo("/datadog/apiKey");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void maskedSecretDoesNotFollowItsTargetToANewPlace() {
        String envId = uniqueEnvId("moved-target");
        as(envId, "PUT", path(envId)).json(FULL).send();
        String before = get(envId).body();

        Answer moved = as(envId, "PATCH", path(envId)).mergePatch("""
                {"webhook": {"url": "https://93.184.216.99/elsewhere", "secret": "whsec_****LaSw"},
                 "storage": {"snapshots": {"bucket": "someone-elses-bucket"}}}""").send();

        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().getList("errors.pointer", String.class))
                .containsExactly("/storage/snapshots/secretAccessKey", "/webhook/secret");
        assertThat(moved.json().getString("errors[1].message")).contains("/webhook/url changed");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void writeThatChangesNothingKeepsTheVersion() {
        String envId = uniqueEnvId("no-change");
        as(envId, "PUT", path(envId)).json(FULL).send();

        Answer same = as(envId, "PATCH", path(envId)).mergePatch("{\"jobs\": {\"forceFullSync\": true}}").send();

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("etag")).isEqualTo("\"1\"");
    }

    @Test
    void deleteGoesBackToDefaultsErasesSecretsAndMovesTheVersionOn() {
        String envId = uniqueEnvId("delete");
        as(envId, "PUT", path(envId)).json(FULL).send();

        Answer delete = as(envId, "DELETE", path(envId)).send();

        assertThat(delete.status()).isEqualTo(204);
        assertThat(delete.body()).isNull();
        assertThat(delete.header("etag")).isEqualTo("\"2\"");
        JsonPath after = get(envId).json();
        assertThat(after.getLong("version")).isEqualTo(2);
        assertThat(after.getMap("")).containsEntry("webhook", null).containsEntry("datadog", null);
        assertThat(storedItem(envId).get("document").s()).doesNotContain("v1:");
    }

    @Test
    void deleteOfAnEnvironmentThatNeverStoredSettingsStoresNothing() {
        String envId = uniqueEnvId("delete-unstored");

        Answer delete = as(envId, "DELETE", path(envId)).send();

        assertThat(delete.status()).as(delete.body()).isEqualTo(204);
        assertThat(delete.header("etag")).isEqualTo("\"0\"");
        assertThat(storedItem(envId)).isEmpty();
        assertThat(get(envId).json().getLong("version")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void ifMatchStarWhenNothingIsStoredGets412AndStoresNothing(String method) {
        String envId = uniqueEnvId("star-unstored");

        Answer answer = as(envId, method, path(envId)).header("if-match", "*")
                .mergePatch("{\"jobs\": {\"forceFullSync\": true}}")
                .header("content-type", method.equals("PUT") ? "application/json" : "application/merge-patch+json")
                .send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(412);
        assertThat(storedItem(envId)).isEmpty();
    }

    @Test
    void staleIfMatchGets412AndChangesNothing() {
        String envId = uniqueEnvId("stale");
        as(envId, "PUT", path(envId)).json(FULL).send();
        as(envId, "PATCH", path(envId)).mergePatch("{\"jobs\": {\"forceDiscover\": false}}").send();
        String before = get(envId).body();

        Answer stale = as(envId, "PATCH", path(envId)).header("If-Match", "\"1\"")
                .mergePatch("{\"jobs\": {\"forceFullSync\": false}}").send();

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("content-type")).isEqualTo("application/problem+json");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void currentIfMatchIsAcceptedWhateverTheHeaderNameCase() {
        String envId = uniqueEnvId("ifmatch");
        as(envId, "PUT", path(envId)).json(FULL).send();

        Answer patch = as(envId, "PATCH", path(envId)).header("IF-MATCH", "\"1\"")
                .header("Content-Type", "application/merge-patch+json")
                .body("{\"jobs\": {\"forceFullSync\": false}}").send();

        assertThat(patch.status()).as(patch.body()).isEqualTo(200);
        assertThat(patch.header("etag")).isEqualTo("\"2\"");
    }

    @Test
    void staleIfMatchOnDeleteGets412() {
        String envId = uniqueEnvId("stale-delete");
        as(envId, "PUT", path(envId)).json(FULL).send();

        Answer delete = as(envId, "DELETE", path(envId)).header("if-match", "\"7\"").send();

        assertThat(delete.status()).isEqualTo(412);
        assertThat(get(envId).json().getLong("version")).isEqualTo(1);
    }

    @Test
    void base64EncodedBodyIsDecodedFirst() {
        String envId = uniqueEnvId("base64");

        Answer put = as(envId, "PUT", path(envId)).base64Json("{\"jobs\": {\"forceDiscover\": true}}").send();

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().getBoolean("jobs.forceDiscover")).isTrue();
    }

    @Test
    void enabledAtIsSetWhenTheScheduleTurnsOnKeptWhileOnAndClearedWhenOff() {
        String envId = uniqueEnvId("enabled-at");
        String on = "{\"jobs\": {\"defaultSchedule\": {\"enabled\": true}}}";

        String firstEnabledAt = as(envId, "PATCH", path(envId)).mergePatch(on).send()
                .json().getString("jobs.defaultSchedule.enabledAt");
        String keptEnabledAt = as(envId, "PATCH", path(envId))
                .mergePatch("{\"jobs\": {\"defaultSchedule\": {\"expression\": \"rate(1 day)\"}}}").send()
                .json().getString("jobs.defaultSchedule.enabledAt");
        Answer off = as(envId, "PATCH", path(envId))
                .mergePatch("{\"jobs\": {\"defaultSchedule\": {\"enabled\": false}}}").send();

        assertThat(firstEnabledAt).isNotNull();
        assertThat(keptEnabledAt).isEqualTo(firstEnabledAt);
        assertThat(off.json().getString("jobs.defaultSchedule.enabledAt")).isNull();
    }

    @Test
    void enabledAtSentByTheCallerIsIgnored() {
        String envId = uniqueEnvId("enabled-at-sent");

        Answer put = as(envId, "PUT", path(envId)).json("{\"jobs\": {\"defaultSchedule\": "
                + "{\"enabled\": true, \"enabledAt\": \"2001-01-01T00:00:00Z\"}}}").send();

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(Instant.parse(put.json().getString("jobs.defaultSchedule.enabledAt")))
                .isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void serverOwnedVersionAndUpdatedAtInABodyAreIgnored() {
        String envId = uniqueEnvId("server-owned");

        Answer put = as(envId, "PUT", path(envId))
                .json("{\"envId\": \"" + envId + "\", \"version\": 99, \"updatedAt\": \"x\"}").send();

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().getLong("version")).isEqualTo(1);
    }

    @Test
    void secretsAreEncryptedAtRestAndBoundToTheirEnvironment() {
        String envId = uniqueEnvId("at-rest");
        as(envId, "PUT", path(envId)).json(FULL).send();

        String stored = storedItem(envId).get("document").s();

        assertThat(stored).doesNotContain(WEBHOOK_SECRET.substring(6), DATADOG_KEY, SLACK_URL, SECRET_ACCESS_KEY);
        assertThat(stored).contains("\"secret\":\"v1:");
        String otherEnv = uniqueEnvId("copied");
        try (DynamoDbClient dynamo = LocalStoresResource.stores().dynamoClient()) {
            Map<String, AttributeValue> copy = new java.util.HashMap<>(storedItem(envId));
            copy.put("pk", AttributeValue.fromS("ENV#" + otherEnv));
            dynamo.putItem(b -> b.tableName(LocalStores.TABLE).item(copy));
        }
        Answer copied = get(otherEnv);
        assertThat(copied.status()).isEqualTo(500);
        assertThat(copied.body()).doesNotContain(DATADOG_KEY);
    }

    static String path(String envId) {
        return "/environments/" + envId + "/settings";
    }

    static Answer get(String envId) {
        return as(envId, "GET", path(envId)).send();
    }

    static Map<String, AttributeValue> storedItem(String envId) {
        try (DynamoDbClient dynamo = LocalStoresResource.stores().dynamoClient()) {
            return dynamo.getItem(b -> b.tableName(LocalStores.TABLE).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("ENV#" + envId),
                            "sk", AttributeValue.fromS("SETTINGS")))).item();
        }
    }

    /** The secrets as the function set reads them back, by pointer. */
    static Map<String, String> storedPlain(String envId) {
        SettingsStore store = io.quarkus.arc.Arc.container().instance(SettingsStore.class).get();
        SettingsView view = io.quarkus.arc.Arc.container().instance(SettingsView.class).get();
        var plain = view.plain(store.read(envId));
        Map<String, String> secrets = new java.util.HashMap<>();
        for (String pointer : SecretFields.POINTERS) {
            if (plain.at(pointer).isTextual()) {
                secrets.put(pointer, plain.at(pointer).textValue());
            }
        }
        return secrets;
    }
}
