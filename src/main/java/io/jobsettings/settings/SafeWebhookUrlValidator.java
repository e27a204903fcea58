package io.jobsettings.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.jobsettings.notify.TargetAddressPolicy;

/**
 * A webhook URL must be https and must not reach into the platform's network. A host name that does not resolve
 * yet is accepted: it is checked again before every send.
 */
@ApplicationScoped
public class SafeWebhookUrlValidator implements ConstraintValidator<SafeWebhookUrl, String> {

    @Inject
    TargetAddressPolicy policy;

    @Override
    public boolean isValid(String url, ConstraintValidatorContext context) {
        if (url == null) {
            return true;
        }
        return policy.check(url).problem()
                .map(problem -> ScheduleExpressionValidator.replaceMessage(context, problem))
                .orElse(true);
    }
}
