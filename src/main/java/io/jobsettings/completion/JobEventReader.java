package io.jobsettings.completion;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.platform.json.QuotedValue;

/**
 * Turns the body of a completion queue message into Job Details. The body is an EventBridge event: either
 * {@code Job Status Changed} from {@code jobs.runner} carrying the Job Details, or {@code Object Created} from
 * {@code aws.s3} naming the {@code job-details.json} a job wrote, which is then read.
 */
@Singleton
public class JobEventReader {

    static final String STATUS_CHANGED = "Job Status Changed";
    static final String RUNNER = "jobs.runner";
    static final String OBJECT_CREATED = "Object Created";
    static final String S3 = "aws.s3";
    /** EventBridge events are at most 256 KiB; anything larger did not come from the rules feeding this queue. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final JobDetailsJson json;
    private final JobDetailsObjects objects;

    public JobEventReader(JobDetailsJson json, JobDetailsObjects objects) {
        this.json = json;
        this.objects = objects;
    }

    public JobDetails read(String body) throws RefusedMessage {
        if (body != null && !QuotedValue.isWellFormed(body)) {
            throw new RefusedMessage("the message body holds half of a character (a lone UTF-16 surrogate), "
                    + "which SQS never delivers");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new RefusedMessage("the message body is empty");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RefusedMessage("the message body is " + bytes.length + " bytes, more than an EventBridge "
                    + "event can be (" + MAX_BODY_BYTES + ")");
        }
        JsonNode event = json.parse(bytes, "the message body");
        String detailType = event.path("detail-type").asText("");
        String source = event.path("source").asText("");

        if (detailType.equals(STATUS_CHANGED) && source.equals(RUNNER)) {
            return details(event.path("detail"));
        }
        if (detailType.equals(OBJECT_CREATED) && source.equals(S3)) {
            return fromObject(objects.read(event.path("detail")));
        }
        throw new RefusedMessage("the event is neither '" + STATUS_CHANGED + "' from " + RUNNER + " nor '"
                + OBJECT_CREATED + "' from " + S3 + " (detail-type " + QuotedValue.of(detailType) + ", source "
                + QuotedValue.of(source) + ")");
    }

    private static JobDetails fromObject(JobDetailsObjects.Found found) throws RefusedMessage {
        JobDetails job = details(found.document());
        if (!job.s3Root().equals(found.s3Root())) {
            throw new RefusedMessage("the Job Details name s3_root " + QuotedValue.of(job.s3Root())
                    + " but were read from under " + QuotedValue.of(found.s3Root()));
        }
        return job;
    }

    private static JobDetails details(JsonNode document) throws RefusedMessage {
        try {
            return JobDetails.of(document);
        } catch (JobDetails.Invalid invalid) {
            throw new RefusedMessage(invalid.getMessage());
        }
    }
}
