package io.jobsettings.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.FatalStartupException;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.jobsettings.testing.LocalStores;

/**
 * What the completion function talks to in the local run: one WireMock server standing in for webhook receivers
 * ({@code /hooks/...}), Slack ({@code /slack/...}) and Datadog ({@code /datadog/api/v1/events}), whose journal
 * ({@code /__admin/requests}) shows every notification received; and the sample job's {@code job-details.json} in
 * the jobs bucket, which the sample S3 event names.
 */
final class LocalStandIns {

    /** 99 above LOCAL_PORT, so 9100 by default: the port the sample settings for the stand-ins name. */
    static final int PORT = LocalFunctionSet.FIRST_PORT + 99;
    static final int SAMPLE_PORT = 9100;
    static final String BASE_URL = "http://127.0.0.1:" + PORT;
    static final String SAMPLE_JOB_DETAILS_KEY =
            "cust-0042/flows/FsLpQ0xgK/jobs/2026/12/1/03/09/aB3kZ9/job-details.json";

    private LocalStandIns() {
    }

    static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(PORT));
        try {
            server.start();
        } catch (FatalStartupException e) {
            throw new IllegalStateException("port " + PORT + " (the stand-ins, LOCAL_PORT + 99) is in use; "
                    + "start with LOCAL_PORT=<another port>", e);
        }
        server.stubFor(post(urlPathMatching("/hooks/.*"))
                .willReturn(aResponse().withStatus(200).withBody("received")));
        server.stubFor(post(urlPathMatching("/slack/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlEqualTo("/datadog/api/v1/events"))
                .willReturn(aResponse().withStatus(202).withBody("{\"status\":\"ok\"}")));
        return server;
    }

    static void putSampleJobDetails(Path root, LocalStores stores) throws IOException {
        byte[] details = Files.readAllBytes(root.resolve("events/job-details-completed.json"));
        stores.s3().putObject(LocalStores.JOBS_BUCKET, SAMPLE_JOB_DETAILS_KEY, details);
    }
}
