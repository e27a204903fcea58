package io.jobsettings.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatus;
import io.jobsettings.platform.TextCut;

/**
 * The Datadog event for a job that ended: title {@code hotglue-job-event}, {@code alert_type} success or error,
 * tags for env, flow, tenant and status, one aggregation key per job, and a text that fits Datadog's 4,000
 * characters. When the Job Details are too long, the text gives up detail in steps that keep it readable (the
 * state first, then long strings, then indentation, then fields the contract does not name) before it cuts, at a
 * line break and with a note, as a last resort.
 */
final class DatadogEvent {

    static final String TITLE = "hotglue-job-event";
    static final int TEXT_LIMIT = 4000;

    private static final int TAG_CHARS = 200;
    private static final int AGGREGATION_KEY_CHARS = 100;
    private static final int MESSAGE_CHARS = 600;
    private static final int LONG_STRING_CHARS = 200;
    private static final String OPEN = "%%% \n";
    private static final String CLOSE = "\n %%%";
    private static final Pattern FENCE_START = Pattern.compile("%%(?=%)");
    private static final String CUT_NOTE = "\n… (cut to fit Datadog's 4,000 characters)";
    private static final Set<String> CONTRACT_FIELDS = Set.of("job_id", "env_id", "flow_id", "tenant", "job_name",
            "started_by", "status", "message", "start_time", "last_updated", "s3_root", "tap", "target", "sync_type",
            "scheduled_job", "metrics");

    private DatadogEvent() {
    }

    static ObjectNode forJob(JobDetails job, ObjectMapper mapper) {
        return forJob(job, false, mapper);
    }

    /** The event for a job; a rolled-back job says so in its text and carries a {@code rolled_back} tag. */
    static ObjectNode forJob(JobDetails job, boolean rolledBack, ObjectMapper mapper) {
        ObjectNode event = mapper.createObjectNode();
        event.put("title", TITLE);
        event.put("text", text(job, rolledBack, mapper));
        event.put("alert_type", job.status() == JobStatus.JOB_COMPLETED ? "success" : "error");
        ArrayNode tags = event.putArray("tags");
        tags.add(tag("env", job.envId()));
        tags.add(tag("flow", job.flowId()));
        tags.add(tag("tenant", job.tenant()));
        tags.add(tag("status", job.status().name()));
        if (rolledBack) {
            tags.add("rolled_back:true");
        }
        event.put("aggregation_key", aggregationKey(job));
        return event;
    }

    static ObjectNode forTest(String envId, String testId, ObjectMapper mapper) {
        ObjectNode event = mapper.createObjectNode();
        event.put("title", TITLE);
        event.put("text", OPEN + withoutFence("Test event from the job settings API for environment " + envId
                + ": job events will arrive here. No job ran.") + CLOSE);
        event.put("alert_type", "info");
        event.putArray("tags").add(tag("env", envId)).add("test:true");
        event.put("aggregation_key", "test-" + testId);
        return event;
    }

    static String text(JobDetails job, ObjectMapper mapper) {
        return text(job, false, mapper);
    }

    static String text(JobDetails job, boolean rolledBack, ObjectMapper mapper) {
        String summary = withoutFence("Job " + job.jobName().orElse(job.jobId()) + " (job_id " + job.jobId()
                + ") of tenant " + job.tenant() + ", flow " + job.flowId() + ", environment " + job.envId() + ": "
                + job.status() + (rolledBack ? "\nRolled back: nothing this job wrote was kept." : "")
                + job.message().map(m -> "\nMessage: " + TextCut.toLength(m, MESSAGE_CHARS)).orElse("")) + "\n```\n";
        String end = "\n```" + CLOSE;
        int budget = TEXT_LIMIT - OPEN.length() - summary.length() - end.length();
        return OPEN + summary + detailsWithin(job.document(), budget, mapper) + end;
    }

    /** The Job Details as JSON in at most {@code budget} characters, as complete as that allows. */
    static String detailsWithin(ObjectNode document, int budget, ObjectMapper mapper) {
        ObjectNode details = document.deepCopy();
        List<UnaryOperator<ObjectNode>> givingUp = List.of(
                DatadogEvent::omitState, DatadogEvent::shortenLongStrings, DatadogEvent::onlyContractFields);
        String pretty = json(details, mapper, true);
        if (pretty.length() <= budget) {
            return pretty;
        }
        for (UnaryOperator<ObjectNode> step : givingUp) {
            details = step.apply(details);
            String compact = json(details, mapper, false);
            if (compact.length() <= budget) {
                String readable = json(details, mapper, true);
                return readable.length() <= budget ? readable : compact;
            }
        }
        return cutAtLine(json(details, mapper, true), budget);
    }

    private static ObjectNode omitState(ObjectNode details) {
        JsonNode state = details.get("state");
        if (state != null && state.toString().length() > LONG_STRING_CHARS) {
            details.put("state", "(omitted: " + state.toString().length() + " characters)");
        }
        return details;
    }

    private static ObjectNode shortenLongStrings(ObjectNode details) {
        shorten(details);
        return details;
    }

    private static void shorten(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(TextCut.toLength(field.getValue().textValue(), LONG_STRING_CHARS)));
                } else {
                    shorten(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(TextCut.toLength(array.get(i).textValue(), LONG_STRING_CHARS)));
                } else {
                    shorten(array.get(i));
                }
            }
        }
    }

    private static ObjectNode onlyContractFields(ObjectNode details) {
        List<String> others = new ArrayList<>();
        details.fieldNames().forEachRemaining(name -> {
            if (!CONTRACT_FIELDS.contains(name)) {
                others.add(name);
            }
        });
        details.remove(others);
        if (!others.isEmpty()) {
            details.put("omitted_fields", others.size());
        }
        return details;
    }

    private static String cutAtLine(String json, int budget) {
        int room = budget - CUT_NOTE.length();
        int lineEnd = json.lastIndexOf('\n', room);
        String kept = lineEnd > 0 ? json.substring(0, lineEnd) : TextCut.toLength(json, Math.max(room, 1));
        return kept + CUT_NOTE;
    }

    /**
     * The text with every {@code %%%} broken by a space after its second sign, so that job data cannot end the
     * markdown block early and have what follows read as Datadog markup of its own; no run of three signs is left.
     */
    // Limitation: Datadog shows a %%% that was in the job data as %% %; there is no escape it honours inside the
    // block, so the data cannot be shown exactly as it came.
    static String withoutFence(String text) {
        return FENCE_START.matcher(text).replaceAll("%% ");
    }

    /** The details as JSON, fences broken, so that every length measured is the length sent. */
    private static String json(ObjectNode details, ObjectMapper mapper, boolean pretty) {
        try {
            return withoutFence(pretty ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(details)
                    : mapper.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A Datadog tag: characters Datadog does not keep become underscores, and it stays within 200 characters. */
    static String tag(String name, String value) {
        String tag = name + ":" + value.replaceAll("[^A-Za-z0-9_\\-:./]", "_");
        return tag.length() <= TAG_CHARS ? tag : tag.substring(0, TAG_CHARS);
    }

    /** One key per job run: job_id for people, a digest of s3_root so two jobs sharing a job_id stay apart. */
    static String aggregationKey(JobDetails job) {
        String digest = sha256Hex(job.s3Root()).substring(0, 16);
        String readable = job.jobId().length() > 80 ? job.jobId().substring(0, 80) : job.jobId();
        return TextCut.toLength(readable + "-" + digest, AGGREGATION_KEY_CHARS);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
