package io.jobsettings.settings;

import static io.jobsettings.settings.SampleEventsTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The samples the README uses with the local run's stand-ins, sent as they are. */
@QuarkusTest
@TestProfile(InsecureTargetsProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LocalSampleEventsTest {

    @Test
    void settingsPointingAtTheLocalStandInsAreStoredAndTheirTestSendIsReported() throws IOException {
        Answer put = send("events/settings-put-local-stand-ins.json");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().getString("webhook.url")).isEqualTo("http://127.0.0.1:9100/hooks/prod.acme.example");

        Answer test = send("events/settings-test-webhook.json");

        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().getString("target")).isEqualTo("webhook");
        assertThat(test.body()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void sampleDeliveriesRequestListsTheSampleJobsDeliveries() throws IOException {
        Answer deliveries = send("events/settings-deliveries-get.json");

        assertThat(deliveries.status()).as(deliveries.body()).isEqualTo(200);
        assertThat(deliveries.json().getString("envId")).isEqualTo("prod.acme.example");
        assertThat(deliveries.json().getList("deliveries")).isNotNull();
    }
}
