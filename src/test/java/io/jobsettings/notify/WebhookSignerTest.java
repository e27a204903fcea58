package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.jobsettings.job.JobStatus;

class WebhookSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void reproducesTheStandardWebhooksPublishedVector() {
        String signature = new WebhookSigner(SECRET).signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY);

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void hubSignatureIsTheHexHmacSha1OfTheBodyKeyedByTheWholeSecretString() {
        // Computed independently: HMAC-SHA1 with the key "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" as UTF-8 bytes.
        assertThat(new WebhookSigner(SECRET).hubSignature(BODY))
                .isEqualTo("sha1=2da57a63580e1b8259222d7c976d87cd11bdfb5b");
    }

    @Test
    void messageIdIsStablePerJobStatusAndDiffersForJobsSharingAJobId() {
        String root = "cust-0042/flows/FsLpQ0xgK/jobs/2026/12/1/03/10/Qx81Lm";
        String rerunRoot = "cust-0042/flows/FsLpQ0xgK/jobs/2026/12/2/03/10/Qx81Lm";

        String id = WebhookSigner.messageId(root, JobStatus.SYNC_FAILED);

        assertThat(id).startsWith("msg_").isEqualTo(WebhookSigner.messageId(root, JobStatus.SYNC_FAILED));
        assertThat(id).isNotEqualTo(WebhookSigner.messageId(root, JobStatus.JOB_COMPLETED))
                .isNotEqualTo(WebhookSigner.messageId(rerunRoot, JobStatus.SYNC_FAILED));
    }

    @Test
    void signatureChangesWithEveryByteOfTheBody() {
        WebhookSigner signer = new WebhookSigner(SECRET);
        byte[] other = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

        assertThat(signer.signature("msg_1", 1614265330L, other))
                .isNotEqualTo(signer.signature("msg_1", 1614265330L, BODY));
    }
}
