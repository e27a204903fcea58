package io.jobsettings.settings;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The sync schedule created for each new link. {@code enabledAt} is the server's: links made before it get no
 * schedule, so turning the setting on never back-fills schedules for tenants linked long ago.
 */
@RegisterForReflection
public record DefaultSchedule(boolean enabled, @ScheduleExpression String expression, Instant enabledAt) {

    public static final String DEFAULT_EXPRESSION = "cron(0 3 * * ? *)";
    public static final DefaultSchedule DEFAULTS = new DefaultSchedule(false, DEFAULT_EXPRESSION, null);

    public DefaultSchedule {
        expression = expression != null ? expression : DEFAULT_EXPRESSION;
    }

    /** The schedule as stored after a write: enabledAt set when it turns on, kept while on, cleared when off. */
    public DefaultSchedule stampedAgainst(DefaultSchedule before, Instant now) {
        if (!enabled) {
            return new DefaultSchedule(false, expression, null);
        }
        Instant since = before.enabled() && before.enabledAt() != null ? before.enabledAt() : now;
        return new DefaultSchedule(true, expression, since);
    }
}
