package io.jobsettings.settings;

import java.time.Instant;

import jakarta.validation.Valid;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One environment's job settings: the document of the settings API, with secrets in plain text. Only
 * {@link SettingsView} turns it into an answer, and only {@link SettingsStore} writes it, sealing the secrets.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"envId", "version", "updatedAt", "jobs", "webhook", "datadog", "slack", "storage"})
public record Settings(
        String envId,
        long version,
        Instant updatedAt,
        @Valid JobSettings jobs,
        @Valid WebhookSettings webhook,
        @Valid DatadogSettings datadog,
        @Valid SlackSettings slack,
        @Valid StorageSettings storage) {

    public Settings {
        jobs = jobs != null ? jobs : JobSettings.DEFAULTS;
        storage = storage != null ? storage : StorageSettings.NONE;
    }

    /** What an environment that never stored settings has. */
    public static Settings defaults(String envId) {
        return new Settings(envId, 0, null, JobSettings.DEFAULTS, null, null, null, StorageSettings.NONE);
    }

    public Settings withServerFields(String envId, long version, Instant updatedAt, JobSettings jobs) {
        return new Settings(envId, version, updatedAt, jobs, webhook, datadog, slack, storage);
    }
}
