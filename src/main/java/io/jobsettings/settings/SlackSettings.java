package io.jobsettings.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Slack incoming webhook that hears about failed jobs. The whole URL is a secret. */
@RegisterForReflection
public record SlackSettings(
        @NotNull(message = "is required: the Slack incoming-webhook URL")
        @Size(max = 512, message = "must be at most 512 characters")
        @SlackWebhookUrl String webhookUrl) {
}
