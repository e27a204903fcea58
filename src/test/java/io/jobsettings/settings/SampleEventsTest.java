package io.jobsettings.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SampleEventsTest {

    @Test
    void sampleSettingsPutThenGetReturnsTheStoredSettingsWithEverySecretMasked() throws IOException {
        Answer put = send("events/settings-put.json");
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        Answer get = send("events/settings-get.json");
        assertThat(get.status()).as(get.body()).isEqualTo(200);
        JsonPath document = get.json();
        assertThat(document.getString("envId")).isEqualTo("prod.acme.example");
        assertThat(document.getBoolean("jobs.forceDiscover")).isTrue();
        assertThat(document.getBoolean("jobs.defaultSchedule.enabled")).isTrue();
        assertThat(document.getString("jobs.defaultSchedule.enabledAt")).isNotNull();
        assertThat(document.getString("webhook.secret")).isEqualTo("whsec_****LaSw");
        assertThat(document.getString("datadog.apiKey")).isEqualTo("****9f3a");
        assertThat(document.getString("slack.webhookUrl"))
                .isEqualTo("https://hooks.slack.com/services/T00000000/B00000000/****XXXX");
        assertThat(document.getString("storage.snapshots.secretAccessKey")).isEqualTo("****wXyZ");
        assertThat(get.body()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "0123456789abcdef0123456789ab9f3a",
                "XXXXXXXXXXXXXXXXXXXXXXXX", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEwXyZ");
        assertThat(get.header("etag")).isEqualTo("\"" + document.getLong("version") + "\"");
    }

    @Test
    void samplePatchAppliesWhenItsIfMatchIsCurrentAndOtherwiseChangesNothing() throws IOException {
        send("events/settings-put.json");
        String before = send("events/settings-get.json").body();

        Answer patch = send("events/settings-patch.json");

        if (patch.status() == 200) {
            assertThat(patch.json().getBoolean("jobs.forceFullSync")).isTrue();
            assertThat(patch.json().getMap("")).containsEntry("slack", null);
        } else {
            assertThat(patch.status()).as(patch.body()).isEqualTo(412);
            assertThat(send("events/settings-get.json").body()).isEqualTo(before);
        }
    }

    static Answer send(String eventFile) throws IOException {
        return HttpApiCall.read(LambdaInvoker.invokeRaw(Files.readString(Path.of(eventFile))));
    }
}
