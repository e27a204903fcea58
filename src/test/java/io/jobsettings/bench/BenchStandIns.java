package io.jobsettings.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The three notification channels of the completion handler, each its own WireMock server answering every POST
 * after the same delay: a webhook receiver, Slack and Datadog. Also rewrites the sample events to point at them.
 */
final class BenchStandIns implements AutoCloseable {

    /** Where the sample events send notifications in the local run. */
    private static final String LOCAL_STAND_INS = "http://127.0.0.1:9100";
    private static final String SAMPLE_FLOW = "FsLpQ0xgK";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final WireMockServer webhook;
    private final WireMockServer slack;
    private final WireMockServer datadog;

    private BenchStandIns(WireMockServer webhook, WireMockServer slack, WireMockServer datadog) {
        this.webhook = webhook;
        this.slack = slack;
        this.datadog = datadog;
    }

    static BenchStandIns start(int delayMillis) {
        return new BenchStandIns(answering(200, delayMillis), answering(200, delayMillis),
                answering(202, delayMillis));
    }

    /** DATADOG_API_URL for the functions: Datadog's API base, here. */
    Map<String, String> environment() {
        return Map.of("DATADOG_API_URL", url(datadog) + "/datadog");
    }

    /** The sample settings that send every notification to the local stand-ins, pointed at these instead. */
    String settingsEvent(Path root) throws IOException {
        String event = Files.readString(root.resolve("events/settings-put-local-stand-ins.json"));
        return event.replace(LOCAL_STAND_INS + "/hooks", url(webhook) + "/hooks")
                .replace(LOCAL_STAND_INS + "/slack", url(slack) + "/slack");
    }

    /** How many notifications each channel received so far: webhook, Slack, Datadog. */
    List<Integer> received() {
        return List.of(webhook.getAllServeEvents().size(), slack.getAllServeEvents().size(),
                datadog.getAllServeEvents().size());
    }

    /**
     * A sample event made new: another flow and fresh event ids, so that what a handler remembers of earlier
     * events (links acted on, notifications delivered) does not turn the next run into a no-op.
     */
    static byte[] fresh(byte[] event, String tag) {
        String text = new String(event, java.nio.charset.StandardCharsets.UTF_8)
                .replace(SAMPLE_FLOW, SAMPLE_FLOW + tag)
                .replaceAll(UUID_PATTERN, UUID.randomUUID().toString());
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        webhook.stop();
        slack.stop();
        datadog.stop();
    }

    private static WireMockServer answering(int status, int delayMillis) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().containerThreads(16));
        server.start();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status).withBody("{\"status\":\"ok\"}")
                .withFixedDelay(delayMillis)));
        return server;
    }

    private static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
