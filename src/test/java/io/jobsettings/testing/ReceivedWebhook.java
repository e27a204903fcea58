package io.jobsettings.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A webhook request as a receiver checks it: both signatures are recomputed here from the bytes received, the way
 * a receiver following the Standard Webhooks specification (or the older X-Hub-Signature scheme) would.
 */
public final class ReceivedWebhook {

    private ReceivedWebhook() {
    }

    public static void assertSignedWith(LoggedRequest request, String secret) {
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        byte[] body = request.getBody();
        assertThat(id).as("webhook-id").isNotBlank();
        assertThat(timestamp).as("webhook-timestamp").matches("\\d{10}");

        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        String expected = "v1," + Base64.getEncoder().encodeToString(hmac("HmacSHA256", key, signed));
        assertThat(request.getHeader("webhook-signature")).as("webhook-signature").isEqualTo(expected);

        String hub = "sha1=" + HexFormat.of().formatHex(
                hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), body));
        assertThat(request.getHeader("X-Hub-Signature")).as("X-Hub-Signature").isEqualTo(hub);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
