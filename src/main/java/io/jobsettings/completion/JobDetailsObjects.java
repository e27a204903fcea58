package io.jobsettings.completion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.platform.ObjectKeyPath;
import io.jobsettings.platform.json.QuotedValue;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads the {@code job-details.json} that a job wrote under its s3_root in the jobs bucket, and nothing else: an
 * object in another bucket, or under another name, is refused before anything is read.
 */
@Singleton
public class JobDetailsObjects {

    /** What was read, and the s3_root its key names. */
    public record Found(JsonNode document, String s3Root) {
    }

    static final String FILE_NAME = "job-details.json";
    static final int MAX_BYTES = 1024 * 1024;

    private final S3Client s3;
    private final Optional<String> jobsBucket;
    private final JobDetailsJson json;

    public JobDetailsObjects(S3Client s3, @ConfigProperty(name = "jobs.bucket") Optional<String> jobsBucket,
            JobDetailsJson json) {
        this.s3 = s3;
        this.jobsBucket = jobsBucket;
        this.json = json;
    }

    /**
     * Reads the object an S3 Object Created event's detail names; S3 trouble is thrown as it is, for a retry.
     * Object keys in EventBridge events from S3 are not URL-encoded, so the key is used as it comes.
     */
    // Limitation: the object holds the job's latest status when it is read, which may already be later than the
    // one that created the event; a status overwritten that quickly is only notified through the runner's event.
    public Found read(JsonNode detail) throws RefusedMessage {
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (jobsBucket.isEmpty() || !jobsBucket.get().equals(bucket)) {
            throw new RefusedMessage("the object is in bucket " + QuotedValue.of(bucket) + ", not in the jobs bucket");
        }
        String suffix = "/" + FILE_NAME;
        if (!key.endsWith(suffix) || key.length() == suffix.length()) {
            throw new RefusedMessage("the object key must be {s3_root}/" + FILE_NAME + ", not " + QuotedValue.of(key));
        }
        Optional<String> pathProblem = ObjectKeyPath.problemWith(key);
        if (pathProblem.isPresent()) {
            throw new RefusedMessage("the object key " + QuotedValue.of(key) + " " + pathProblem.get());
        }
        if (detail.path("object").path("size").asLong(0) > MAX_BYTES) {
            throw new RefusedMessage("the Job Details object is larger than " + MAX_BYTES + " bytes");
        }
        return new Found(json.parse(fetch(bucket, key), "the Job Details object"),
                key.substring(0, key.length() - suffix.length()));
    }

    private byte[] fetch(String bucket, String key) throws RefusedMessage {
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = object.response().contentLength();
            byte[] bytes = object.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES || (length != null && length > MAX_BYTES)) {
                throw new RefusedMessage("the Job Details object is larger than " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (NoSuchKeyException e) {
            throw new RefusedMessage("the Job Details object no longer exists");
        } catch (IOException e) {
            throw new UncheckedIOException("the Job Details object could not be read", e);
        }
    }
}
