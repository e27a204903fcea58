package io.jobsettings.link;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.jobsettings.settings.DefaultSchedule;
import io.jobsettings.settings.Settings;
import io.jobsettings.settings.SettingsDocumentReader;
import io.jobsettings.settings.SettingsStore;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LinkProfile;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.StoredSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The sample events in {@code events/}, sent as they are, against the sample settings. */
@QuarkusTest
@TestProfile(LinkProfile.class)
@QuarkusTestResource(LocalStoresResource.class)
class LinkSampleEventsTest {

    private static final String ENV_ID = "prod.acme.example";
    private static final String JOBS = "/v1/prod.acme.example/FsLpQ0xgK/cust-0042/jobs";
    /** The schedule name of the sample link: pinned, since a changed name would orphan deployed schedules. */
    private static final String SCHEDULE = "/schedules/link-sync-6e64a34ba168f5777733ca4da095b711e65f3a86";
    /** Before the sample's linked_at, so the sample link gets its schedule whatever day the test runs. */
    private static final Instant ENABLED_AT = Instant.parse("2026-12-01T00:00:00Z");

    @Inject
    SettingsStore store;

    @Inject
    SettingsDocumentReader reader;

    @Inject
    ObjectMapper mapper;

    private final WireMockServer runner = JobApis.jobRunner();
    private final WireMockServer scheduler = JobApis.scheduler();

    @Test
    void sampleLinkStartsOneDiscoverThenFullSyncAndOneScheduleOnceAndTheUnlinkRemovesTheSchedule()
            throws IOException {
        JobApis.reset();
        storeSampleSettings();
        runner.stubFor(post(urlPathMatching("/v1/.*")).willReturn(okJson("{\"job_id\": \"aB3kZ9\","
                + " \"status\": \"JOB_CREATED\"}")));
        scheduler.stubFor(post(SCHEDULE).willReturn(okJson("{\"ScheduleArn\": \"arn:aws:scheduler:us-east-1:"
                + "123456789012:schedule/job-settings-test/link-sync-6e64a34ba168f5777733ca4da095b711e65f3a86\"}")));
        scheduler.stubFor(delete(urlPathEqualTo(SCHEDULE)).willReturn(okJson("{}")));

        assertThat(send("events/link-connector-linked.json").statusCode()).isEqualTo(204);
        assertThat(send("events/link-connector-linked.json").statusCode()).isEqualTo(204);

        runner.verify(1, postRequestedFor(urlPathEqualTo(JOBS))
                .withHeader("x-api-key", equalTo(JobApis.JOBS_API_KEY))
                .withRequestBody(equalToJson("{\"job_name\": \"cust-0042-link\", \"reset_source_state\": true,"
                        + " \"discover\": true, \"sync_type\": \"auto_sync\"}")));
        runner.verify(1, anyRequestedFor(anyUrl()));
        scheduler.verify(1, postRequestedFor(urlPathEqualTo(SCHEDULE)));
        scheduler.verify(1, anyRequestedFor(anyUrl()));
        JsonNode created = mapper.readTree(scheduler.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(created.get("ScheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");

        assertThat(send("events/link-connector-unlinked.json").statusCode()).isEqualTo(204);

        scheduler.verify(1, deleteRequestedFor(urlPathEqualTo(SCHEDULE))
                .withQueryParam("groupName", equalTo(JobApis.SCHEDULE_GROUP)));
        runner.verify(1, anyRequestedFor(anyUrl()));
    }

    /** The settings of the sample PUT, read as the settings API reads them, turned on before the sample link. */
    private void storeSampleSettings() throws IOException {
        JsonNode put = mapper.readTree(Files.readString(Path.of("events/settings-put.json")));
        JsonNode body = mapper.readTree(put.get("body").asText());
        Settings sample = reader.replacement(ENV_ID, body, store.read(ENV_ID));
        DefaultSchedule schedule = sample.jobs().defaultSchedule();
        DefaultSchedule enabled = new DefaultSchedule(schedule.enabled(), schedule.expression(), ENABLED_AT);
        Settings turnedOnBeforeTheLink = sample.withServerFields(ENV_ID, 0, null,
                sample.jobs().withDefaultSchedule(enabled));
        StoredSettings.store(store, turnedOnBeforeTheLink);
    }

    private static Response send(String eventFile) throws IOException {
        return LambdaInvoker.invokeRaw(Files.readString(Path.of(eventFile)));
    }
}
