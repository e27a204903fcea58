package io.jobsettings.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.platform.ObjectKeyPath;
import io.jobsettings.platform.json.QuotedValue;

/**
 * The job runner's record of one job. The whole document is kept as it came, so fields this code does not know are
 * sent on unchanged; the accessors only read the fields the function set acts on.
 */
public final class JobDetails {

    /** A document that cannot be Job Details; the reason names what is wrong. */
    public static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Longest job_id, s3_root, env_id, flow_id or tenant accepted: they end up in table keys and tags. */
    public static final int MAX_ID_LENGTH = 200;

    private static final List<String> REQUIRED = List.of("job_id", "env_id", "flow_id", "tenant", "s3_root", "status");
    private static final Pattern ENV_ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");

    private final ObjectNode document;
    private final JobStatus status;

    private JobDetails(ObjectNode document, JobStatus status) {
        this.document = document;
        this.status = status;
    }

    /** Checks the fields the function set relies on; the document itself is neither copied nor changed. */
    public static JobDetails of(JsonNode document) throws Invalid {
        if (document == null || !document.isObject()) {
            throw new Invalid("the Job Details are not a JSON object");
        }
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            JsonNode value = document.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new Invalid("the Job Details' " + field + " is " + kindOf(value) + ", not a string");
            } else if (value == null || value.isNull() || value.textValue().isBlank()) {
                missing.add(field);
            } else if (value.textValue().length() > MAX_ID_LENGTH) {
                throw new Invalid("the Job Details' " + field + " is longer than " + MAX_ID_LENGTH + " characters");
            } else if (!QuotedValue.isPlain(value.textValue())) {
                throw new Invalid("the Job Details' " + field + " holds control or invisible characters");
            }
        }
        if (!missing.isEmpty()) {
            throw new Invalid("the Job Details lack " + String.join(", ", missing) + " (each a non-empty string)");
        }
        if (!ENV_ID.matcher(document.get("env_id").textValue()).matches()) {
            throw new Invalid("the Job Details' env_id is not a valid environment id");
        }
        String s3Root = document.get("s3_root").textValue();
        Optional<String> rootProblem = ObjectKeyPath.problemWith(s3Root);
        if (rootProblem.isPresent()) {
            throw new Invalid("the Job Details' s3_root " + QuotedValue.of(s3Root) + " " + rootProblem.get());
        }
        return new JobDetails((ObjectNode) document, statusOf(document.get("status").textValue()));
    }

    private static String kindOf(JsonNode value) {
        return value.isNumber() ? "a number" : value.isBoolean() ? "a boolean" : value.isArray() ? "an array"
                : "an object";
    }

    private static JobStatus statusOf(String status) throws Invalid {
        try {
            return JobStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new Invalid("the Job Details' status " + QuotedValue.of(status) + " is not a known job status");
        }
    }

    /** The document as it came; callers must not change it. */
    public ObjectNode document() {
        return document;
    }

    public JobStatus status() {
        return status;
    }

    public String jobId() {
        return text("job_id");
    }

    public String envId() {
        return text("env_id");
    }

    public String flowId() {
        return text("flow_id");
    }

    public String tenant() {
        return text("tenant");
    }

    /** Unique per job, unlike job_id: what identifies one job run everywhere in the function set. */
    public String s3Root() {
        return text("s3_root");
    }

    public Optional<String> jobName() {
        return optionalText("job_name");
    }

    public Optional<String> message() {
        return optionalText("message");
    }

    private String text(String field) {
        return document.get(field).textValue();
    }

    private Optional<String> optionalText(String field) {
        JsonNode value = document.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
