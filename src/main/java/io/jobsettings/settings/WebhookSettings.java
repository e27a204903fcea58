package io.jobsettings.settings;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.UniqueElements;

import io.jobsettings.job.JobStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The job webhook. {@code events} null means every status is sent. */
@RegisterForReflection
public record WebhookSettings(
        @NotBlank(message = "is required: the https URL that receives job events")
        @Size(max = 2048, message = "must be at most 2048 characters")
        @SafeWebhookUrl String url,
        @NotNull(message = "is required: whsec_ and the base64 of 24 to 64 random bytes") @WebhookSecret String secret,
        @Size(min = 1, message = "must list at least one status; leave it out to send every status")
        @UniqueElements(message = "must list each status once")
        List<@NotNull(message = "must be a job status, not null") JobStatus> events) {

    public boolean wants(JobStatus status) {
        return events == null || events.contains(status);
    }
}
