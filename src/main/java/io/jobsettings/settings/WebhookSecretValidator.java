package io.jobsettings.settings;

import java.util.Base64;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** A Standard Webhooks secret: {@code whsec_} and the base64 of 24 to 64 random bytes. */
public class WebhookSecretValidator implements ConstraintValidator<WebhookSecret, String> {

    public static final String PREFIX = "whsec_";

    @Override
    public boolean isValid(String secret, ConstraintValidatorContext context) {
        if (secret == null) {
            return true;
        }
        if (!secret.startsWith(PREFIX) || secret.length() > PREFIX.length() + 100) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
