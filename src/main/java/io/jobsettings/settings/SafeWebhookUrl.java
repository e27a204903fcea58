package io.jobsettings.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Constraint checked by {@link SafeWebhookUrlValidator}. */
@Documented
@Constraint(validatedBy = SafeWebhookUrlValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeWebhookUrl {
    String message() default "must be a safe https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
