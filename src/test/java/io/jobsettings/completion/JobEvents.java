package io.jobsettings.completion;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;

/** Job Details and the EventBridge events that carry or name them, as the job runner and S3 produce them. */
final class JobEvents {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JobEvents() {
    }

    /** Job Details of a fresh job (its own job_id and s3_root) in {@code envId}, with a field we do not know. */
    static ObjectNode job(String envId, String status) {
        String jobId = "J" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode job = MAPPER.createObjectNode();
        job.put("job_id", jobId);
        job.put("env_id", envId);
        job.put("flow_id", "FsLpQ0xgK");
        job.put("job_name", "cust-0042-nightly");
        job.put("tenant", "cust-0042");
        job.put("started_by", "cust-0042");
        job.put("s3_root", "cust-0042/flows/FsLpQ0xgK/jobs/2026/12/1/03/10/" + jobId);
        job.put("start_time", "2026-12-03T10:15:01.002Z");
        job.put("last_updated", "2026-12-03T10:16:12.877Z");
        job.putObject("state");
        job.put("tap", "salesforce");
        job.put("target", "postgres");
        job.putNull("connector_id");
        job.put("status", status);
        job.put("scheduled_job", true);
        job.put("sync_type", "incremental_sync");
        job.put("message", status.endsWith("_FAILED")
                ? "Source returned 401 Unauthorized: the refresh token has expired." : "Job finished");
        job.put("task_type", "STANDARD");
        job.putObject("metrics").putObject("recordCount").put("Account", 12);
        return job;
    }

    static String statusChanged(ObjectNode job) {
        ObjectNode event = envelope("Job Status Changed", "jobs.runner");
        event.set("detail", job);
        return event.toString();
    }

    static String objectCreated(String bucket, String key) {
        ObjectNode event = envelope("Object Created", "aws.s3");
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        detail.putObject("object").put("key", key).put("size", 1187);
        detail.put("reason", "PutObject");
        return event.toString();
    }

    static ObjectNode envelope(String detailType, String source) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", "123456789012");
        event.put("time", "2026-12-03T10:16:13Z");
        event.put("region", "us-east-1");
        event.putArray("resources");
        return event;
    }

    /** Writes {@code content} to the platform's jobs bucket, as a job run does. */
    static void putJobObject(String key, String content) {
        LocalStoresResource.stores().s3().putObject(LocalStores.JOBS_BUCKET, key,
                content.getBytes(StandardCharsets.UTF_8));
    }
}
