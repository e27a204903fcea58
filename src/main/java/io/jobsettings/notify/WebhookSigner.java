package io.jobsettings.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jobsettings.job.JobStatus;

/**
 * Signs webhook bodies the Standard Webhooks way ({@code webhook-signature}: {@code v1,} and the base64 HMAC-SHA256
 * of {@code id.timestamp.body}, keyed by the bytes the secret encodes after {@code whsec_}) and, for receivers
 * written against the older scheme, {@code X-Hub-Signature} ({@code sha1=} and the hex HMAC-SHA1 of the body, keyed
 * by the whole secret string).
 */
public final class WebhookSigner {

    static final String SECRET_PREFIX = "whsec_";

    private final byte[] standardKey;
    private final byte[] hubKey;

    public WebhookSigner(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        this.standardKey = Base64.getDecoder().decode(encoded);
        this.hubKey = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of {@code webhook-signature} for these exact body bytes. */
    public String signature(String id, long timestampSeconds, byte[] body) {
        Mac mac = mac("HmacSHA256", standardKey);
        mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** The value of {@code X-Hub-Signature} for these exact body bytes. */
    public String hubSignature(byte[] body) {
        return "sha1=" + HexFormat.of().formatHex(mac("HmacSHA1", hubKey).doFinal(body));
    }

    /**
     * The {@code webhook-id} of one job status: the same on every retry, and different for two jobs that share a
     * job_id, because it comes from the job's s3_root.
     */
    public static String messageId(String s3Root, JobStatus status) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((s3Root + "\n" + status.name()).getBytes(StandardCharsets.UTF_8));
            return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Mac mac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
