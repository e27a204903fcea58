package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class WebhookSignerProperties {

    @Property(tries = 200)
    void signatureVerifiesWithAnIndependentHmac(@ForAll("secrets") String secret, @ForAll("ids") String id,
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long timestamp, @ForAll @Size(max = 512) byte[] body)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);

        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));

        assertThat(new WebhookSigner(secret).signature(id, timestamp, body)).isEqualTo(expected);
    }

    @Property(tries = 200)
    void hubSignatureVerifiesWithAnIndependentHmac(@ForAll("secrets") String secret,
            @ForAll @Size(max = 512) byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));

        assertThat(new WebhookSigner(secret).hubSignature(body))
                .isEqualTo("sha1=" + HexFormat.of().formatHex(mac.doFinal(body)));
    }

    @Property(tries = 200)
    void anyChangeToBodyIdOrTimestampChangesTheSignature(@ForAll("secrets") String secret, @ForAll("ids") String id,
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long timestamp,
            @ForAll @Size(min = 1, max = 256) byte[] body, @ForAll @IntRange(min = 0, max = 255) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        WebhookSigner signer = new WebhookSigner(secret);
        String original = signer.signature(id, timestamp, body);
        byte[] changed = body.clone();
        changed[position % body.length] ^= (byte) flip;

        assertThat(signer.signature(id, timestamp, changed)).isNotEqualTo(original);
        assertThat(signer.hubSignature(changed)).isNotEqualTo(signer.hubSignature(body));
        assertThat(signer.signature(id + "x", timestamp, body)).isNotEqualTo(original);
        assertThat(signer.signature(id, timestamp + 1, body)).isNotEqualTo(original);
    }

    @Property(tries = 100)
    void anotherSecretGivesAnotherSignature(@ForAll("secrets") String secret, @ForAll("secrets") String other,
            @ForAll @Size(max = 64) byte[] body) {
        Assume.that(!Arrays.equals(decoded(secret), decoded(other)));

        assertThat(new WebhookSigner(other).signature("msg_1", 1, body))
                .isNotEqualTo(new WebhookSigner(secret).signature("msg_1", 1, body));
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(24).ofMaxSize(64)
                .map(bytes -> "whsec_" + Base64.getEncoder().encodeToString(bytes));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40).map(s -> "msg_" + s);
    }

    private static byte[] decoded(String secret) {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
