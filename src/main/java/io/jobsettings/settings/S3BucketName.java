package io.jobsettings.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Constraint checked by {@link S3BucketNameValidator}. */
@Documented
@Constraint(validatedBy = S3BucketNameValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface S3BucketName {
    String message() default "must be an S3 bucket name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
