package io.jobsettings.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The job runner's record of one job. It is passed on as it came: every member, known or not, is kept in order,
 * and only the few this function set acts on have accessors.
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
