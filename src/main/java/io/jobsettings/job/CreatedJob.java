package io.jobsettings.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jobsettings.platform.http.AnswerExcerpt;
import io.jobsettings.platform.json.QuotedValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The job runner's answer to a start: the new job's Job Details, read as a JSON tree so that every member, known or
 * not, is passed on as it came, numbers to the last digit; only the two this code logs and records have accessors.
 */
@RegisterForReflection
public final class CreatedJob {

    private static final int MAX_STATUS_CHARS = 64;

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    private CreatedJob() {
    }

    /** The runner's answer as it came: one JSON object. */
    public static CreatedJob of(ObjectNode answer) {
        CreatedJob job = new CreatedJob();
        answer.properties().forEach(member -> job.fields.put(member.getKey(), member.getValue()));
        return job;
    }

    @JsonAnyGetter
    public Map<String, JsonNode> fields() {
        return fields;
    }

    /**
     * Why these cannot be taken as a created job's Job Details, if so: the job_id and status go into logs, table
     * keys and records, so they must be plain, short text.
     */
    public Optional<String> problem() {
        JsonNode jobId = fields.get("job_id");
        if (jobId == null || jobId.isNull() || (jobId.isTextual() && jobId.textValue().isBlank())) {
            return Optional.of("no job_id in it");
        }
        JsonNode status = fields.get("status");
        if (!jobId.isTextual() || (status != null && !status.isNull() && !status.isTextual())) {
            return Optional.of("its job_id or status is not a string");
        }
        String id = jobId.textValue();
        if (id.length() > JobDetails.MAX_ID_LENGTH) {
            return Optional.of("its job_id is longer than " + JobDetails.MAX_ID_LENGTH + " characters");
        }
        String statusText = status == null || status.isNull() ? "" : status.textValue();
        if (!QuotedValue.isPlain(id) || !QuotedValue.isPlain(statusText)) {
            return Optional.of("its job_id or status holds control or invisible characters");
        }
        if (statusText.length() > MAX_STATUS_CHARS) {
            return Optional.of("its status is longer than " + MAX_STATUS_CHARS + " characters");
        }
        return Optional.empty();
    }

    /** The same answer with {@code secret} replaced by {@value AnswerExcerpt#REDACTED} in every text, at any depth. */
    public CreatedJob without(String secret) {
        CreatedJob redacted = new CreatedJob();
        fields.forEach((name, value) -> redacted.fields.put(name.replace(secret, AnswerExcerpt.REDACTED),
                without(secret, value)));
        return redacted;
    }

    private static JsonNode without(String secret, JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(value.textValue().replace(secret, AnswerExcerpt.REDACTED));
        }
        if (value instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(member -> copy.set(member.getKey().replace(secret, AnswerExcerpt.REDACTED),
                    without(secret, member.getValue())));
            return copy;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(member -> copy.add(without(secret, member)));
            return copy;
        }
        return value;
    }

    /** Only the job_id and status, with {@code note} saying why, for an answer too large to pass on whole. */
    public CreatedJob cutTo(String note) {
        CreatedJob cut = new CreatedJob();
        cut.fields.put("job_id", fields.get("job_id"));
        cut.fields.put("status", fields.get("status"));
        cut.fields.put("answer_cut", TextNode.valueOf(note));
        return cut;
    }

    public Optional<String> jobId() {
        return text("job_id");
    }

    public Optional<String> status() {
        return text("status");
    }

    private Optional<String> text(String name) {
        JsonNode value = fields.get(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
