package io.jobsettings.notify;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatus;
import io.jobsettings.settings.Settings;
import io.jobsettings.settings.WebhookSettings;

/**
 * The job webhook: the Job Details exactly as the runner sent them, fields unknown to us included, signed with the
 * Standard Webhooks headers and with {@code X-Hub-Signature}. The bytes signed are the bytes sent, and the timestamp
 * is that of each attempt, while {@code webhook-id} stays the same for one job status on every retry.
 */
@Singleton
public class WebhookNotifier implements Notifier {

    private final GuardedHttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public WebhookNotifier(GuardedHttpClient http, ObjectMapper mapper) {
        this(http, mapper, Clock.systemUTC());
    }

    WebhookNotifier(GuardedHttpClient http, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public boolean isConfigured(Settings settings) {
        return settings.webhook() != null;
    }

    @Override
    public boolean wants(JobDetails job, Settings settings) {
        return isConfigured(settings) && settings.webhook().wants(job.status());
    }

    @Override
    public DeliveryResult send(JobDetails job, Settings settings) {
        String id = WebhookSigner.messageId(job.s3Root(), job.status());
        return post(settings.webhook(), id, bytesOf(job.document()));
    }

    @Override
    public DeliveryResult sendTest(Settings settings) {
        return post(settings.webhook(), "msg_test_" + UUID.randomUUID(), bytesOf(testEvent(settings.envId())));
    }

    private DeliveryResult post(WebhookSettings webhook, String id, byte[] body) {
        WebhookSigner signer = new WebhookSigner(webhook.secret());
        long timestamp = clock.instant().getEpochSecond();

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signer.signature(id, timestamp, body));
        headers.put("X-Hub-Signature", signer.hubSignature(body));
        // The signing key is the part after whsec_; a receiver may echo either form.
        String secret = webhook.secret();
        List<String> secrets = List.of(secret, secret.substring(secret.indexOf('_') + 1));
        return DeliveryResult.of(http.postJson(webhook.url(), headers, body, secrets));
    }

    /** Job Details of a job that never ran, marked as a test in its fields and its message. */
    private ObjectNode testEvent(String envId) {
        String now = clock.instant().toString();
        String testId = UUID.randomUUID().toString();
        ObjectNode event = mapper.createObjectNode();
        event.put("test", true);
        event.put("job_id", "test-" + testId.substring(0, 8));
        event.put("env_id", envId);
        event.put("flow_id", "test");
        event.put("tenant", "test");
        event.put("job_name", "test event");
        event.put("status", JobStatus.JOB_COMPLETED.name());
        event.put("message", "Test event sent from the job settings API to check this webhook; no job ran.");
        event.put("s3_root", "test/" + testId);
        event.put("start_time", now);
        event.put("last_updated", now);
        return event;
    }

    // Limitation: the body is written from the parsed Job Details, not copied from the object's bytes: members,
    // order and values are the runner's, but whitespace, string escapes and number spellings are Jackson's.
    private byte[] bytesOf(ObjectNode document) {
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
