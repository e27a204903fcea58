package io.jobsettings.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a secret is shown: the last four characters behind {@code ****}, keeping a harmless recognisable prefix. A
 * write that sends the mask back means "keep the stored value".
 */
public final class SecretMask {

    public static final String MARK = "****";
    private static final int SHOWN = 4;
    private static final int SHORTEST_PARTLY_SHOWN = 12;
    /**
     * A Slack URL shows where it points: its workspace ({@code T...}) and channel ({@code B...}) ids, and nothing
     * after them, so a token followed by more path (a trailing slash, another segment) stays hidden.
     */
    private static final Pattern SLACK_PREFIX =
            Pattern.compile("(?i:https://hooks\\.slack\\.com)/services/(?:T[A-Z0-9]{1,20}/B[A-Z0-9]{1,20}/)?");

    private SecretMask() {
    }

    public static String mask(String secret) {
        Matcher slack = SLACK_PREFIX.matcher(secret);
        String prefix = secret.startsWith(WebhookSecretValidator.PREFIX) ? WebhookSecretValidator.PREFIX
                : slack.lookingAt() ? slack.group()
                : "";
        String rest = secret.substring(prefix.length());
        if (rest.length() < SHORTEST_PARTLY_SHOWN) {
            return prefix + MARK;
        }
        return prefix + MARK + rest.substring(rest.length() - SHOWN);
    }

    public static boolean looksMasked(String value) {
        return value.contains(MARK);
    }
}
