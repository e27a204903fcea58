package io.jobsettings.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Constraint checked by {@link WebhookSecretValidator}. */
@Documented
@Constraint(validatedBy = WebhookSecretValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WebhookSecret {
    String message() default "must be whsec_ followed by the base64 of 24 to 64 random bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
