package io.jobsettings.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server on loopback standing in for every webhook receiver, Slack and Datadog, started once per test
 * JVM. Tests keep apart by environment: webhooks under {@code /hooks/<envId>}, Slack under {@code /slack/<envId>/},
 * and Datadog events by their {@code env:<envId>} tag. Datadog's API base points here through DATADOG_API_URL.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    public static final String DATADOG_EVENTS = "/datadog/api/v1/events";

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .dynamicHttpsPort()
                    .containerThreads(32));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }

    public static String webhookPath(String envId) {
        return "/hooks/" + envId;
    }

    public static String slackPath(String envId) {
        return "/slack/" + envId + "/T0000/B0000/XXXXXXXX";
    }

    @Override
    public Map<String, String> start() {
        return Map.of("datadog.api.url", baseUrl() + "/datadog");
    }

    @Override
    public void stop() {
        // Shared by every profile; the shutdown hook stops it with the JVM.
    }
}
