package io.jobsettings.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The job runner's answer to a start: the new job's Job Details. They are passed on as they came, every member,
 * known or not, kept in order; only the two this code logs and records have accessors.
 */
@RegisterForReflection
public class CreatedJob {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    @JsonAnySetter
    public void set(String name, Object value) {
        fields.put(name, value);
    }

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }

    public Optional<String> jobId() {
        return text("job_id");
    }

    public Optional<String> status() {
        return text("status");
    }

    private Optional<String> text(String name) {
        Object value = fields.get(name);
        return value instanceof String text ? Optional.of(text) : Optional.empty();
    }
}
