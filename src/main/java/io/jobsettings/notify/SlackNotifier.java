package io.jobsettings.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.settings.Settings;

/**
 * Slack alerts for jobs that failed. Slack's incoming webhooks answer errors such as {@code invalid_payload},
 * {@code channel_not_found}, {@code channel_is_archived} or {@code no_service} with a 4xx status: those are
 * permanent and not retried; 429 is transient and its Retry-After is kept, so no attempt comes earlier.
 */
@Singleton
public class SlackNotifier implements Notifier {

    private static final String SERVICES_PATH = "/services/";
    /** Workspace ({@code T...}) and channel ({@code B...}) ids: where the URL points, not the secret. */
    private static final Pattern SLACK_ID = Pattern.compile("[TB][A-Z0-9]{1,20}");

    private final GuardedHttpClient http;
    private final ObjectMapper mapper;

    public SlackNotifier(GuardedHttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public boolean isConfigured(Settings settings) {
        return settings.slack() != null;
    }

    @Override
    public boolean wants(JobDetails job, Settings settings) {
        return isConfigured(settings) && job.status().isFailure();
    }

    @Override
    public DeliveryResult send(JobDetails job, Settings settings) {
        return post(settings, SlackMessage.forFailure(job, Notifier.rolledBack(job, settings), mapper));
    }

    @Override
    public DeliveryResult sendTest(Settings settings) {
        return post(settings, SlackMessage.forTest(settings.envId(), mapper));
    }

    private DeliveryResult post(Settings settings, ObjectNode message) {
        try {
            byte[] body = mapper.writeValueAsBytes(message);
            String url = settings.slack().webhookUrl();
            return DeliveryResult.of(http.postJson(url, Map.of(), body, secretsOf(url)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * The whole URL is the secret, its token above all: an answer may echo either. The token is every path segment
     * after {@code /services/} but the workspace and channel ids, so one followed by more path is still found; a
     * URL without {@code /services/} (a local stand-in) has its last segment taken as the token.
     */
    static List<String> secretsOf(String webhookUrl) {
        int services = webhookUrl.indexOf(SERVICES_PATH);
        String path = services >= 0 ? webhookUrl.substring(services + SERVICES_PATH.length())
                : webhookUrl.substring(webhookUrl.replaceAll("/+$", "").lastIndexOf('/') + 1);
        List<String> secrets = new ArrayList<>(List.of(webhookUrl));
        Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty() && !SLACK_ID.matcher(segment).matches())
                .forEach(secrets::add);
        return secrets;
    }
}
