package io.jobsettings.settings;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.jobsettings.notify.TargetAddressPolicy;

/** Only Slack's own incoming-webhook URLs, unless insecure targets are allowed for a local run. */
@ApplicationScoped
public class SlackWebhookUrlValidator implements ConstraintValidator<SlackWebhookUrl, String> {

    private static final Pattern SLACK_HOOK =
            Pattern.compile("(?i:https://hooks\\.slack\\.com)/services/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+");

    @Inject
    TargetAddressPolicy policy;

    @Override
    public boolean isValid(String url, ConstraintValidatorContext context) {
        if (url == null || SLACK_HOOK.matcher(url).matches()) {
            return true;
        }
        if (policy.allowsInsecure()) {
            return policy.check(url).problem()
                    .map(problem -> ScheduleExpressionValidator.replaceMessage(context, problem))
                    .orElse(true);
        }
        return ScheduleExpressionValidator.replaceMessage(context,
                "must be a Slack incoming-webhook URL: https://hooks.slack.com/services/T.../B.../...");
    }
}
