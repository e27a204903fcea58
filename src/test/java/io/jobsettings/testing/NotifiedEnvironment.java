package io.jobsettings.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.notify.DeliveryLog;
import io.jobsettings.settings.SettingsService;

/**
 * An environment of its own whose webhook, Slack and Datadog settings point at the stand-ins, each answering
 * success until a test says otherwise.
 */
public final class NotifiedEnvironment {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String envId;
    private final String webhookSecret;
    private final String datadogKey;

    private NotifiedEnvironment(String envId) {
        this.envId = envId;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(secret);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        this.datadogKey = HexFormat.of().formatHex(key);
        SecretsInUse.remember(webhookSecret, datadogKey);
    }

    /** A new environment with all three channels; {@code webhookEvents} null means every status. */
    public static NotifiedEnvironment fresh(SettingsService settings, String purpose, List<String> webhookEvents) {
        return create(settings, HttpApiCall.uniqueEnvId(purpose), webhookEvents);
    }

    /** Stores settings with all three channels in {@code envId}, replacing what was there. */
    public static NotifiedEnvironment create(SettingsService settings, String envId, List<String> webhookEvents) {
        NotifiedEnvironment environment = new NotifiedEnvironment(envId);
        settings.replace(envId, environment.settingsDocument(webhookEvents), Optional.empty());
        environment.answerWebhook(aResponse().withStatus(200).withBody("thanks"));
        environment.answerSlack(aResponse().withStatus(200).withBody("ok"));
        environment.answerDatadog(aResponse().withStatus(202).withBody("{\"status\":\"ok\"}"));
        return environment;
    }

    private ObjectNode settingsDocument(List<String> webhookEvents) {
        ObjectNode document = MAPPER.createObjectNode();
        ObjectNode webhook = document.putObject("webhook")
                .put("url", StandIns.baseUrl() + StandIns.webhookPath(envId))
                .put("secret", webhookSecret);
        if (webhookEvents != null) {
            webhookEvents.forEach(webhook.putArray("events")::add);
        }
        document.putObject("datadog").put("site", "EU1").put("apiKey", datadogKey);
        document.putObject("slack").put("webhookUrl", slackWebhookUrl());
        return document;
    }

    public String envId() {
        return envId;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public String datadogKey() {
        return datadogKey;
    }

    public String slackWebhookUrl() {
        return StandIns.baseUrl() + StandIns.slackPath(envId);
    }

    public void answerWebhook(ResponseDefinitionBuilder answer) {
        StandIns.server().stubFor(webhookStub().willReturn(answer));
    }

    public void answerSlack(ResponseDefinitionBuilder answer) {
        StandIns.server().stubFor(post(urlEqualTo(StandIns.slackPath(envId))).willReturn(answer));
    }

    public void answerDatadog(ResponseDefinitionBuilder answer) {
        StandIns.server().stubFor(datadogStub().willReturn(answer));
    }

    /** What the delivery log holds about one channel of {@code job}. */
    public DeliveryLog.Delivery delivery(DeliveryLog log, ObjectNode job, String channel) {
        return log.history(envId, job.path("job_id").asText()).stream()
                .filter(delivery -> delivery.channel().equals(channel))
                .findFirst().orElseThrow(() -> new AssertionError("no " + channel + " delivery of " + job));
    }

    public List<LoggedRequest> webhookRequests() {
        return StandIns.server().findAll(postRequestedFor(urlEqualTo(StandIns.webhookPath(envId))));
    }

    public List<LoggedRequest> slackRequests() {
        return StandIns.server().findAll(postRequestedFor(urlEqualTo(StandIns.slackPath(envId))));
    }

    public List<LoggedRequest> datadogRequests() {
        RequestPatternBuilder ours = postRequestedFor(urlEqualTo(StandIns.DATADOG_EVENTS))
                .withRequestBody(matchingJsonPath("$.tags[?(@ == 'env:" + envId + "')]"));
        return StandIns.server().findAll(ours);
    }

    private MappingBuilder webhookStub() {
        return post(urlEqualTo(StandIns.webhookPath(envId)));
    }

    private MappingBuilder datadogStub() {
        return post(urlEqualTo(StandIns.DATADOG_EVENTS))
                .withRequestBody(matchingJsonPath("$.tags[?(@ == 'env:" + envId + "')]"));
    }
}
