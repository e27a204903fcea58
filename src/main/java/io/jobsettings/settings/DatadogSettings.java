package io.jobsettings.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where job events go in Datadog. */
@RegisterForReflection
public record DatadogSettings(
        @NotNull(message = "is required: one of US1, US3, US5, EU1, AP1, AP2, US1-FED") DatadogSite site,
        @NotNull(message = "is required: the Datadog API key")
        @Pattern(regexp = "[0-9a-fA-F]{32}", message = "must be a Datadog API key: 32 hexadecimal characters")
        String apiKey) {
}
