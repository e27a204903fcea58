package io.jobsettings.settings;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import io.jobsettings.platform.json.QuotedValue;

/** The EventBridge Scheduler expression syntax: {@code cron(min hour dom month dow year)} or {@code rate(N unit)}. */
public final class ScheduleExpressions {

    /** EventBridge Scheduler's own limit on an expression's length. */
    static final int MAX_LENGTH = 256;
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern SIX_FIELDS = Pattern.compile("\\S+( \\S+){5}");
    private static final Pattern RATE = Pattern.compile("rate\\(([0-9]{1,6}) (minute|minutes|hour|hours|day|days)\\)");
    private static final CronParser AWS_CRON = new CronParser(awsCronDefinition());

    private ScheduleExpressions() {
    }

    /** Empty when the expression is valid; otherwise what is wrong with it. */
    public static Optional<String> problemWith(String expression) {
        if (expression.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return cronProblem(cron.group(1));
        }
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            return rateProblem(Integer.parseInt(rate.group(1)), rate.group(2));
        }
        if (expression.startsWith("rate(")) {
            return Optional.of("rate() takes a whole number from 1 to 999999 and a unit of minute(s), hour(s) or"
                    + " day(s), as in rate(5 minutes)");
        }
        return Optional.of("must be cron(min hour day-of-month month day-of-week year) or rate(N unit)");
    }

    private static Optional<String> cronProblem(String fields) {
        if (!SIX_FIELDS.matcher(fields).matches()) {
            return Optional.of("cron() takes six fields separated by single spaces: "
                    + "minutes hours day-of-month month day-of-week year");
        }
        String[] values = fields.split(" ");
        for (CronField field : CronField.values()) {
            Optional<String> problem = field.problemWith(values[field.ordinal()]);
            if (problem.isPresent()) {
                return Optional.of("invalid cron expression: " + problem.get());
            }
        }
        boolean dayOfMonthUnset = values[CronField.DAY_OF_MONTH.ordinal()].equals("?");
        if (dayOfMonthUnset == values[CronField.DAY_OF_WEEK.ordinal()].equals("?")) {
            return Optional.of("invalid cron expression: exactly one of day-of-month and day-of-week must be '?'");
        }
        return parses(fields) ? Optional.empty() : Optional.of("invalid cron expression: " + malformedField(values));
    }

    private static boolean parses(String fields) {
        try {
            AWS_CRON.parse(fields);
            return true;
        } catch (RuntimeException e) {
            // cron-utils' own words are not passed on: they name neither our field nor the rule it broke.
            return false;
        }
    }

    /** Names the first field that fails on its own among otherwise plain fields. */
    private static String malformedField(String[] values) {
        for (CronField field : CronField.values()) {
            String[] probe = {"0", "0", "1", "*", "?", "*"};
            if (field == CronField.DAY_OF_WEEK || field == CronField.DAY_OF_MONTH && values[2].equals("?")) {
                probe[2] = "?";
                probe[4] = "*";
            }
            probe[field.ordinal()] = values[field.ordinal()];
            if (!parses(String.join(" ", probe))) {
                return "the " + field.label + " field " + QuotedValue.of(values[field.ordinal()])
                        + " is malformed: use a value, a list a,b, a range a-b, a step a/n or *";
            }
        }
        // Limitation: cron-utils accepts a few forms EventBridge Scheduler refuses; those are refused when the
        // schedule is created, not when the settings are stored.
        return "its fields do not form a schedule EventBridge Scheduler accepts";
    }

    private static Optional<String> rateProblem(int value, String unit) {
        if (value < 1) {
            return Optional.of("rate() needs a value of at least 1");
        }
        boolean singular = !unit.endsWith("s");
        if (singular != (value == 1)) {
            return Optional.of("rate() takes a singular unit for 1 and a plural unit otherwise, as in "
                    + "rate(1 hour) and rate(5 minutes)");
        }
        return Optional.empty();
    }

    /** Quartz-like fields without seconds, with a year, and '?' in exactly one of the two day fields. */
    private static CronDefinition awsCronDefinition() {
        return CronDefinitionBuilder.defineCron()
                .withMinutes().withValidRange(0, 59).withStrictRange().and()
                .withHours().withValidRange(0, 23).withStrictRange().and()
                .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark()
                .withStrictRange().and()
                .withMonth().withValidRange(1, 12).withStrictRange().and()
                .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
                .supportsQuestionMark().withStrictRange().and()
                .withYear().withValidRange(1970, 2199).withStrictRange().and()
                .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
                .instance();
    }
}
