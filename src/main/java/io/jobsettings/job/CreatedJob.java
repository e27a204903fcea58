package io.jobsettings.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.jobsettings.platform.http.AnswerExcerpt;
import io.jobsettings.platform.json.QuotedValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The job runner's answer to a start: the new job's Job Details. They are passed on as they came, every member,
 * known or not, kept in order; only the two this code logs and records have accessors.
 */
@RegisterForReflection
public class CreatedJob {

    private static final int MAX_STATUS_CHARS = 64;

    private final Map<String, Object> fields = new LinkedHashMap<>();

    @JsonAnySetter
    public void set(String name, Object value) {
        fields.put(name, value);
    }

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * Why these cannot be taken as a created job's Job Details, if so: the job_id and status go into logs, table
     * keys and records, so they must be plain, short text.
     */
    public Optional<String> problem() {
        Object jobId = fields.get("job_id");
        if (!(jobId instanceof String id) || id.isEmpty()) {
            return Optional.of("no job_id in it");
        }
        if (id.length() > JobDetails.MAX_ID_LENGTH) {
            return Optional.of("its job_id is longer than " + JobDetails.MAX_ID_LENGTH + " characters");
        }
        Object status = fields.get("status");
        if (!QuotedValue.isPlain(id) || (status instanceof String text && !QuotedValue.isPlain(text))) {
            return Optional.of("its job_id or status holds control or invisible characters");
        }
        if (status instanceof String text && text.length() > MAX_STATUS_CHARS) {
            return Optional.of("its status is longer than " + MAX_STATUS_CHARS + " characters");
        }
        return Optional.empty();
    }

    /** The same answer with {@code secret} replaced by {@value AnswerExcerpt#REDACTED} in every text, at any depth. */
    public CreatedJob without(String secret) {
        CreatedJob redacted = new CreatedJob();
        fields.forEach((name, value) -> redacted.set(name, without(secret, value)));
        return redacted;
    }

    private static Object without(String secret, Object value) {
        if (value instanceof String text) {
            return text.replace(secret, AnswerExcerpt.REDACTED);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((name, member) -> copy.put(without(secret, name), without(secret, member)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(member -> without(secret, member)).toList();
        }
        return value;
    }

    /** Only the job_id and status, with {@code note} saying why, for an answer too large to pass on whole. */
    public CreatedJob cutTo(String note) {
        CreatedJob cut = new CreatedJob();
        cut.set("job_id", fields.get("job_id"));
        cut.set("status", fields.get("status"));
        cut.set("answer_cut", note);
        return cut;
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
