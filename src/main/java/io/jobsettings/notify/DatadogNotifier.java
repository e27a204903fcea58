package io.jobsettings.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.settings.Settings;

/**
 * Datadog events for jobs that ended, sent to the intake of the environment's Datadog site with its API key.
 * {@code DATADOG_API_URL} replaces the site's {@code https://api...} base for local runs and tests.
 */
@Singleton
public class DatadogNotifier implements Notifier {

    private static final String EVENTS_PATH = "/api/v1/events";

    private final GuardedHttpClient http;
    private final ObjectMapper mapper;
    private final Optional<String> apiUrlOverride;

    public DatadogNotifier(GuardedHttpClient http, ObjectMapper mapper,
            @ConfigProperty(name = "datadog.api.url") Optional<String> apiUrlOverride) {
        this.http = http;
        this.mapper = mapper;
        this.apiUrlOverride = apiUrlOverride.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    @Override
    public Channel channel() {
        return Channel.DATADOG;
    }

    @Override
    public boolean isConfigured(Settings settings) {
        return settings.datadog() != null;
    }

    @Override
    public boolean wants(JobDetails job, Settings settings) {
        return isConfigured(settings) && job.status().isTerminal();
    }

    @Override
    public DeliveryResult send(JobDetails job, Settings settings) {
        return post(settings, DatadogEvent.forJob(job, Notifier.rolledBack(job, settings), mapper));
    }

    @Override
    public DeliveryResult sendTest(Settings settings) {
        return post(settings, DatadogEvent.forTest(settings.envId(), UUID.randomUUID().toString(), mapper));
    }

    private DeliveryResult post(Settings settings, ObjectNode event) {
        String base = apiUrlOverride.orElse("https://" + settings.datadog().site().apiHost());
        try {
            byte[] body = mapper.writeValueAsBytes(event);
            String apiKey = settings.datadog().apiKey();
            return DeliveryResult.of(http.postJson(base + EVENTS_PATH, Map.of("DD-API-KEY", apiKey), body,
                    List.of(apiKey)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
