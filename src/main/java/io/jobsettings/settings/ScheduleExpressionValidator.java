package io.jobsettings.settings;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Accepts EventBridge Scheduler cron and rate expressions; explains what is wrong with the others. */
public class ScheduleExpressionValidator implements ConstraintValidator<ScheduleExpression, String> {

    @Override
    public boolean isValid(String expression, ConstraintValidatorContext context) {
        if (expression == null) {
            return true;
        }
        return ScheduleExpressions.problemWith(expression)
                .map(problem -> replaceMessage(context, problem))
                .orElse(true);
    }

    static boolean replaceMessage(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
