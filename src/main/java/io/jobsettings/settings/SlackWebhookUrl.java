package io.jobsettings.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Constraint checked by {@link SlackWebhookUrlValidator}. */
@Documented
@Constraint(validatedBy = SlackWebhookUrlValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SlackWebhookUrl {
    String message() default "must be a Slack incoming-webhook URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
