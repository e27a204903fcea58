package io.jobsettings.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Constraint checked by {@link ScheduleExpressionValidator}. */
@Documented
@Constraint(validatedBy = ScheduleExpressionValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ScheduleExpression {
    String message() default "must be cron(min hour day-of-month month day-of-week year) or rate(N unit)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
