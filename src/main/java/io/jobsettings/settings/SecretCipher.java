package io.jobsettings.settings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals stored secrets with AES-256-GCM under {@code SECRETS_KEY}. The environment and the secret's place in the
 * document are bound in as associated data, so a sealed value copied to another environment or field will not open.
 */
@Singleton
public class SecretCipher {

    // Limitation: one key at a time; rotating SECRETS_KEY needs every stored secret re-sealed, which no tool does yet.
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(@ConfigProperty(name = "secrets.key") Optional<String> encodedKey) {
        this.key = new SecretKeySpec(decodeKey(encodedKey), "AES");
    }

    /** The key's bytes; fails with one line that names the variable when it is missing or malformed. */
    public static byte[] decodeKey(Optional<String> encodedKey) {
        String encoded = encodedKey.filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("missing required environment variable SECRETS_KEY"));
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.strip());
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below without echoing the value
        }
        throw new IllegalStateException("environment variable SECRETS_KEY must be the base64 of 32 random bytes");
    }

    public String seal(String plaintext, String envId, String pointer) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, envId, pointer);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));

            byte[] envelope = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, envelope, 0, IV_BYTES);
            System.arraycopy(sealed, 0, envelope, IV_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(envelope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret of " + envId + " at " + pointer, e);
        }
    }

    public String open(String sealedValue, String envId, String pointer) {
        if (!sealedValue.startsWith(VERSION)) {
            throw new IllegalStateException("stored secret of " + envId + " at " + pointer + " is not sealed");
        }
        try {
            byte[] envelope = Base64.getDecoder().decode(sealedValue.substring(VERSION.length()));
            byte[] iv = java.util.Arrays.copyOf(envelope, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, envId, pointer);
            byte[] plain = cipher.doFinal(envelope, IV_BYTES, envelope.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored secret of " + envId + " at " + pointer
                    + " does not open with SECRETS_KEY: was the key changed?", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String envId, String pointer) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((envId + "\n" + pointer).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
