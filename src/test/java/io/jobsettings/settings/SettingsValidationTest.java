package io.jobsettings.settings;

import static io.jobsettings.settings.SettingsApiTest.get;
import static io.jobsettings.settings.SettingsApiTest.path;
import static io.jobsettings.settings.SettingsDocuments.FULL;
import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every bad body gets a problem answer that names what is wrong, and the stored settings stay as they were. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsValidationTest {

    private String envId;
    private String before;

    @BeforeEach
    void storeValidSettings() {
        envId = uniqueEnvId("validation");
        assertThat(as(envId, "PUT", path(envId)).json(FULL).send().status()).isEqualTo(200);
        before = get(envId).body();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"jobs": {"forceFullSync": "yes"}} | /jobs/forceFullSync | must be true or false
            {"jobs": {"forceFullSync": 1}} | /jobs/forceFullSync | must be true or false
            {"jobs": {"forceFulSync": true}} | /jobs/forceFulSync | is not a known member
            {"colour": "blue"} | /colour | is not a known member
            {"jobs": []} | /jobs | must be an object
            {"datadog": {"site": "EU9"}} | /datadog/site | must be one of US1
            {"datadog": {"site": 3}} | /datadog/site | must be one of US1
            {"webhook": {"url": 5}} | /webhook/url | must be a string
            {"webhook": {"events": ["JOB_DONE"]}} | /webhook/events/0 | must be one of JOB_CREATED
            {"webhook": {"url": "http://hooks.acme.example/jobs"}} | /webhook/url | must be an https URL
            {"webhook": {"url": "https://127.0.0.1/jobs"}} | /webhook/url | loopback
            {"webhook": {"url": "https://10.1.2.3/jobs"}} | /webhook/url | private
            {"webhook": {"url": "https://169.254.169.254/latest"}} | /webhook/url | metadata
            {"webhook": {"url": "https://[::ffff:127.0.0.1]/jobs"}} | /webhook/url | loopback
            {"webhook": {"url": "https://[fd00:ec2::254]/jobs"}} | /webhook/url | metadata
            {"webhook": {"url": "https://2130706433/jobs"}} | /webhook/url | non-standard form
            {"webhook": {"url": "https://0177.0.0.1/jobs"}} | /webhook/url | non-standard form
            {"webhook": {"url": "https://0x7f.1/jobs"}} | /webhook/url | must name a host: a domain name or an IP
            {"webhook": {"url": "https://localhost/jobs"}} | /webhook/url | local
            {"webhook": {"url": "https://user:pw@hooks.acme.example/"}} | /webhook/url | user name
            {"webhook": {"url": "not a url"}} | /webhook/url | URL
            {"webhook": {"url": "https://hooks.acme.example:99999/x"}} | /webhook/url | port from 1 to 65535
            {"webhook": {"url": "https://hooks.acme.example:0/x"}} | /webhook/url | port from 1 to 65535
            {"webhook": {"url": "https://hooks.acme.example:+443/x"}} | /webhook/url | port from 1 to 65535
            {"webhook": {"url": "https://hooks.acme.example:99999999999999999999/x"}} | /webhook/url | port from 1
            {"webhook": {"secret": "s3cr3t"}} | /webhook/secret | whsec_
            {"webhook": {"secret": "whsec_c2hvcnQ="}} | /webhook/secret | whsec_
            {"webhook": {"events": []}} | /webhook/events | at least one
            {"webhook": {"events": ["SYNC_FAILED", "SYNC_FAILED"]}} | /webhook/events | each status once
            {"slack": {"webhookUrl": "https://evil.example/services/T/B/x"}} | /slack/webhookUrl | incoming-webhook
            {"datadog": {"apiKey": "short"}} | /datadog/apiKey | 32 hexadecimal
            {"storage": {"snapshots": {"bucket": "Not_A_Bucket"}}} | /storage/snapshots/bucket | S3 bucket name
            {"storage": {"snapshots": {"region": "mars"}}} | /storage/snapshots/region | AWS region
            {"storage": {"snapshots": {"prefix": "../other/"}}} | /storage/snapshots/prefix | '..'
            {"storage": {"snapshots": {"prefix": "/abs/"}}} | /storage/snapshots/prefix | leading '/'
            {"version": {"$gt": 0}} | /version | is set by the server and ignored when sent back as read
            {"updatedAt": [1, 2, 3]} | /updatedAt | is set by the server and ignored when sent back as read
            {"jobs": {"defaultSchedule": {"enabledAt": 5}}} | /jobs/defaultSchedule/enabledAt | is set by the server
            {"storage": {"snapshots": {"accessKeyId": "lower"}}} | /storage/snapshots/accessKeyId | access key id
            {"storage": {"cache": {"bucket": "b-1"}}} | /storage/cache/region | is required: the bucket's AWS region
            {"storage": {"cache": {"bucket": "b-1"}}} | /storage/cache/accessKeyId | is required
            {"webhook": {"events": [null]}} | /webhook/events/0 | must be a job status, not null
            {"storage": {"snapshots": {"bucket": "192.168.5.4"}}} | /storage/snapshots/bucket | an IP address
            {"storage": {"snapshots": {"bucket": "acme-s3alias"}}} | /storage/snapshots/bucket | suffix '-s3alias'
            {"storage": {"snapshots": {"bucket": "sthree-acme"}}} | /storage/snapshots/bucket | prefix 'sthree-'
            {"envId": "other.acme.example"} | /envId | must match
            """)
    void invalidMemberIsNamedByPointerAndNothingChanges(String patch, String pointer, String message) {
        Answer answer = as(envId, "PATCH", path(envId)).mergePatch(patch).send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
        assertThat(answer.json().getInt("status")).isEqualTo(400);
        List<Map<String, String>> errors = answer.json().getList("errors");
        assertThat(errors).allSatisfy(error -> assertThat(error.get("message"))
                .doesNotContain("must not be", "size must", "Value ", "range [", "Failed to parse"));
        assertThat(errors).anySatisfy(error -> {
            assertThat(error.get("pointer")).isEqualTo(pointer);
            assertThat(error.get("message")).contains(message);
        });
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            every day | must be cron(
            cron(0 3 * * * *) | invalid cron
            cron(0 3 * *) | six fields
            cron(61 3 * * ? *) | invalid cron
            cron(0 3 * * ? 99999999999) | the year field takes values from 1970 to 2199
            cron(0/99999999999 3 * * ? *) | the minutes field takes steps from 1 to 60
            cron(61 3 * * ? *) | the minutes field takes values from 0 to 59, not '61'
            cron(0 ٣ * * ? *) | the hours field holds '٣', which it does not allow
            cron(０ 3 * * ? *) | the minutes field holds '０', which it does not allow
            rate(5 minute) | plural
            rate(0 minutes) | at least 1
            rate(99999999999999999999 days) | rate() takes a whole number from 1 to 999999 and a unit
            rate(-1 days) | rate() takes a whole number from 1 to 999999 and a unit
            rate(5 weeks) | a unit of minute(s), hour(s) or day(s)
            """)
    void invalidScheduleExpressionIsExplainedAndNothingChanges(String expression, String message) {
        invalidMemberIsNamedByPointerAndNothingChanges(
                "{\"jobs\": {\"defaultSchedule\": {\"expression\": \"" + expression + "\"}}}",
                "/jobs/defaultSchedule/expression", message);
    }

    @Test
    void prefixOfValidSegmentsThatIsTooLongGetsOnlyTheLengthError() {
        Answer answer = as(envId, "PATCH", path(envId)).mergePatch("{\"storage\": {\"snapshots\": {\"prefix\": \""
                + "x/".repeat(257) + "\"}}}").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getList("errors", Map.class)).filteredOn(error -> error.get("pointer")
                .equals("/storage/snapshots/prefix")).singleElement()
                .satisfies(error -> assertThat(error.get("message")).isEqualTo("must be at most 512 characters"));
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void everyInvalidValueIsReportedInOneAnswer() {
        Answer answer = as(envId, "PATCH", path(envId)).mergePatch("""
                {"datadog": {"apiKey": "nope"}, "webhook": {"url": "http://x.example"},
                 "storage": {"snapshots": {"region": "mars"}}}""").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getList("errors.pointer", String.class))
                .contains("/datadog/apiKey", "/webhook/url", "/storage/snapshots/region");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jobs\": ",
        "{\"jobs\": {}} trailing",
        "[1, 2]",
        "\"just a string\"",
        "null",
        "{\"jobs\": {\"forceFullSync\": true, \"forceFullSync\": false}}",
        "\u0000\u0001binary"})
    void malformedBodyGets400AndNothingChanges(String body) {
        Answer answer = as(envId, "PUT", path(envId)).json(body).send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).isNotBlank();
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void duplicateKeyIsNamed() {
        Answer answer = as(envId, "PUT", path(envId))
                .json("{\"jobs\": {\"forceFullSync\": true, \"forceFullSync\": false}}").send();

        assertThat(answer.json().getString("detail")).contains("Duplicate field 'forceFullSync'");
    }

    @Test
    void emptyBodyIsNamedAsEmpty() {
        Answer answer = as(envId, "PUT", path(envId)).json("").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("empty");
    }

    @Test
    void deeplyNestedBodyGets400() {
        String nested = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);

        Answer answer = as(envId, "PUT", path(envId)).json(nested).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("nested deeper");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void bodyOver64KiBGets413AndNothingChanges() {
        String huge = "{\"colour\": \"" + "x".repeat(64 * 1024) + "\"}";

        Answer answer = as(envId, "PUT", path(envId)).json(huge).send();

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().getString("detail")).contains("64 KiB");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void base64BodyOver64KiBGets413() {
        Answer answer = as(envId, "PUT", path(envId)).base64Json("{\"c\": \"" + "y".repeat(70_000) + "\"}").send();

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void bodyMarkedBase64ThatIsNotBase64Gets400() {
        Map<String, Object> event = as(envId, "PUT", path(envId)).json("{}").event();
        event.put("isBase64Encoded", true);
        event.put("body", "%%% not base64 %%%");

        Answer answer = io.jobsettings.testing.HttpApiCall.read(io.jobsettings.testing.LambdaInvoker.invoke(event));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE with BOM", "UTF-16LE", "UTF-32BE", "Latin-1"})
    void bodyThatIsNotUtf8Gets400AndNothingChanges(String encoding) {
        String json = "{\"jobs\": {\"forceFullSync\": true},"
                + " \"webhook\": {\"url\": \"https://h\u00e9.example/\"}}";
        byte[] bytes = switch (encoding) {
            case "UTF-16LE with BOM" -> ("\ufeff" + json).getBytes(StandardCharsets.UTF_16LE);
            case "UTF-16LE" -> json.getBytes(StandardCharsets.UTF_16LE);
            case "UTF-32BE" -> json.getBytes(Charset.forName("UTF-32BE"));
            default -> json.getBytes(StandardCharsets.ISO_8859_1);
        };
        Map<String, Object> event = as(envId, "PATCH", path(envId)).mergePatch("{}").event();
        event.put("isBase64Encoded", true);
        event.put("body", Base64.getEncoder().encodeToString(bytes));

        Answer answer = io.jobsettings.testing.HttpApiCall.read(io.jobsettings.testing.LambdaInvoker.invoke(event));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void wrongContentTypeGets415() {
        Answer answer = as(envId, "PUT", path(envId)).header("content-type", "text/plain")
                .body("{\"jobs\": {}}").send();

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().getString("detail")).contains("application/json");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void contentTypeWithACharsetOtherThanUtf8Gets415() {
        Answer answer = as(envId, "PUT", path(envId)).header("content-type", "application/json; charset=iso-8859-1")
                .body("{\"jobs\": {}}").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(415);
        assertThat(answer.json().getString("detail"))
                .isEqualTo("JSON bodies must be UTF-8 (RFC 8259), not 'iso-8859-1'");
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void slackUrlIsAcceptedWhateverTheCaseOfItsHost() {
        Answer answer = as(envId, "PATCH", path(envId))
                .mergePatch("{\"slack\": {\"webhookUrl\": \"HTTPS://HOOKS.SLACK.COM/services/T0/B0/x1\"}}").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void slackMaskShowsThePathUpToTheTokenAndSentBackKeepsTheStoredUrl() {
        String mask = "https://hooks.slack.com/services/T00000000/B00000000/****abcd";
        assertThat(new io.restassured.path.json.JsonPath(before).getString("slack.webhookUrl")).isEqualTo(mask);

        Answer answer = as(envId, "PATCH", path(envId))
                .mergePatch("{\"slack\": {\"webhookUrl\": \"" + mask + "\"}}").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(SettingsApiTest.storedPlain(envId))
                .containsEntry("/slack/webhookUrl", SettingsDocuments.SLACK_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/services/T99999999/B00000000/****abcd",
        "https://hooks.slack.com/services/****abcd", "https://HOOKS.SLACK.COM/services/T00000000/B00000000/****abcd",
        "https://hooks.slack.com/services/T00000000/B00000000/****abce"})
    void slackMaskWithAnotherPrefixOrEndIsRefusedAndNothingChanges(String mask) {
        Answer answer = as(envId, "PATCH", path(envId))
                .mergePatch("{\"slack\": {\"webhookUrl\": \"" + mask + "\"}}").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().getString("errors[0].pointer")).isEqualTo("/slack/webhookUrl");
        assertThat(get(envId).body()).isEqualTo(before);
        assertThat(SettingsApiTest.storedPlain(envId))
                .containsEntry("/slack/webhookUrl", SettingsDocuments.SLACK_URL);
    }

    @Test
    void slackUrlWithAnUpperCaseHostIsMaskedWithItsOwnPrefixAndKeptWhenSentBack() {
        String url = "https://HOOKS.SLACK.COM/services/T0/B0/abcdefghijklXy7k";
        as(envId, "PATCH", path(envId)).mergePatch("{\"slack\": {\"webhookUrl\": \"" + url + "\"}}").send();
        String mask = get(envId).json().getString("slack.webhookUrl");

        Answer sentBack = as(envId, "PATCH", path(envId))
                .mergePatch("{\"slack\": {\"webhookUrl\": \"" + mask + "\"}}").send();

        assertThat(mask).isEqualTo("https://HOOKS.SLACK.COM/services/T0/B0/****Xy7k");
        assertThat(sentBack.status()).as(sentBack.body()).isEqualTo(200);
        assertThat(SettingsApiTest.storedPlain(envId)).containsEntry("/slack/webhookUrl", url);
    }

    @Test
    void mergePatchContentTypeIsForPatchOnly() {
        Answer answer = as(envId, "PUT", path(envId)).mergePatch("{}").send();

        assertThat(answer.status()).isEqualTo(415);
    }

    @Test
    void unresolvableWebhookHostIsAcceptedWhenSaved() {
        Answer answer = as(envId, "PATCH", path(envId))
                .mergePatch("{\"webhook\": {\"url\": \"https://not-yet-registered.acme.example/jobs\", "
                        + "\"secret\": \"" + SettingsDocuments.WEBHOOK_SECRET + "\"}}").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void validScheduleExpressionsAreAccepted() {
        for (String expression : List.of("cron(0 3 * * ? *)", "cron(15 10 ? * MON-FRI *)", "cron(0 0 L * ? 2027)",
                "rate(1 hour)", "rate(15 minutes)", "cron(0/5 8-17 ? * 2#1 *)")) {
            Answer answer = as(envId, "PATCH", path(envId)).mergePatch(
                    "{\"jobs\": {\"defaultSchedule\": {\"expression\": \"" + expression + "\"}}}").send();
            assertThat(answer.status()).as(expression + " " + answer.body()).isEqualTo(200);
        }
    }
}
