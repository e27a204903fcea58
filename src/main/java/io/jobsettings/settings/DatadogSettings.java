package io.jobsettings.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where job events go in Datadog. */
@RegisterForReflection
public record DatadogSettings(
        @NotNull DatadogSite site,
        @NotNull @Pattern(regexp = "[0-9a-fA-F]{32}", message = "must be a Datadog API key: 32 hexadecimal characters")
        String apiKey) {
}
