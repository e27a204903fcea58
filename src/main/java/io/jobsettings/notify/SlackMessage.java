package io.jobsettings.notify;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatus;
import io.jobsettings.platform.TextCut;

/**
 * The Slack alert for a failed job: a plain {@code text} for notifications and {@code blocks} that name the job,
 * tenant, flow, failed stage and message. Every piece is escaped for Slack's mrkdwn and kept within its limits
 * (header 150 characters, a section field 2,000, a section 3,000).
 */
final class SlackMessage {

    private static final int HEADER_CHARS = 150;
    private static final int FIELD_CHARS = 300;
    private static final int MESSAGE_CHARS = 2800;
    private static final int TEXT_CHARS = 1000;
    private static final int CONTEXT_CHARS = 1000;

    private SlackMessage() {
    }

    static ObjectNode forFailure(JobDetails job, boolean rolledBack, ObjectMapper mapper) {
        String stage = stageOf(job.status());
        String name = job.jobName().orElse(job.jobId());
        String message = job.message().filter(m -> !m.isBlank()).orElse("(the job runner gave no message)");

        ObjectNode payload = mapper.createObjectNode();
        payload.put("text", mrkdwn("Job " + name + " of tenant " + job.tenant() + " (flow " + job.flowId()
                + ") failed at the " + stage + " stage: " + message, TEXT_CHARS));

        ArrayNode blocks = payload.putArray("blocks");
        header(blocks, "Job failed at the " + stage + " stage");
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Job", name + " (" + job.jobId() + ")");
        field(fields, "Tenant", job.tenant());
        field(fields, "Flow", job.flowId());
        field(fields, "Failed stage", stage + " (" + job.status().name() + ")");
        section(blocks, "*Message*\n" + mrkdwn(message, MESSAGE_CHARS));
        if (rolledBack) {
            section(blocks, "*Rolled back*\nNothing this job wrote was kept; the previous snapshot stays current.");
        }
        context(blocks, "Environment " + job.envId() + " · s3_root " + job.s3Root());
        return payload;
    }

    static ObjectNode forTest(String envId, ObjectMapper mapper) {
        String text = "Test message from the job settings API for environment " + envId
                + ": alerts about failed jobs will arrive in this channel. No job failed.";
        ObjectNode payload = mapper.createObjectNode();
        payload.put("text", mrkdwn(text, TEXT_CHARS));
        ArrayNode blocks = payload.putArray("blocks");
        header(blocks, "Test alert: no job failed");
        section(blocks, mrkdwn(text, MESSAGE_CHARS));
        return payload;
    }

    /** The stage a failure status names: DISCOVER_FAILED is the discover stage, ETL_FAILED the ETL stage. */
    static String stageOf(JobStatus status) {
        String stage = status.name().substring(0, status.name().indexOf('_'));
        return stage.equals("ETL") ? stage : stage.toLowerCase(Locale.ROOT);
    }

    private static void header(ArrayNode blocks, String text) {
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", TextCut.toLength(text, HEADER_CHARS));
    }

    private static void field(ArrayNode fields, String label, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + mrkdwn(value, FIELD_CHARS));
    }

    private static void section(ArrayNode blocks, String mrkdwnText) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwnText);
    }

    private static void context(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", mrkdwn(text, CONTEXT_CHARS));
    }

    /** Escapes the three characters Slack's mrkdwn reserves, then cuts without splitting an escape. */
    static String mrkdwn(String raw, int max) {
        String escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String cut = TextCut.toLength(escaped, max);
        if (cut.length() == escaped.length()) {
            return cut;
        }
        String kept = cut.substring(0, cut.length() - TextCut.MARK.length());
        int amp = kept.lastIndexOf('&');
        if (amp >= 0 && kept.indexOf(';', amp) < 0) {
            kept = kept.substring(0, amp);
        }
        return kept + TextCut.MARK;
    }
}
