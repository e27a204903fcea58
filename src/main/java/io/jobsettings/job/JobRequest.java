package io.jobsettings.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a job start: what the job runner is asked to run. */
@RegisterForReflection
@JsonPropertyOrder({"job_name", "reset_source_state", "discover", "sync_type"})
public record JobRequest(
        @JsonProperty("job_name") String jobName,
        @JsonProperty("reset_source_state") boolean resetSourceState,
        @JsonProperty("discover") boolean discover,
        @JsonProperty("sync_type") String syncType) {

    /** The runner decides between a full and an incremental sync from the state it holds. */
    public static final String AUTO_SYNC = "auto_sync";
}
