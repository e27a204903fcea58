package io.jobsettings.settings;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/** The EventBridge Scheduler expression syntax: {@code cron(min hour dom month dow year)} or {@code rate(N unit)}. */
public final class ScheduleExpressions {

    /** EventBridge Scheduler's own limit on an expression's length. */
    static final int MAX_LENGTH = 256;
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern SIX_FIELDS = Pattern.compile("\\S+( \\S+){5}");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d{1,6}) (minute|minutes|hour|hours|day|days)\\)");
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
        return Optional.of("must be cron(min hour day-of-month month day-of-week year) or rate(N unit)");
    }

    private static Optional<String> cronProblem(String fields) {
        if (!SIX_FIELDS.matcher(fields).matches()) {
            return Optional.of("cron() takes six fields separated by single spaces: "
                    + "minutes hours day-of-month month day-of-week year");
        }
        try {
            AWS_CRON.parse(fields);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid cron expression: " + parserSaid(e));
        } catch (RuntimeException e) {
            // Limitation: cron-utils throws other exceptions for some malformed fields (a '#' or '/' with nothing
            // after it) and accepts a few forms EventBridge refuses; both are reported or caught at this point.
            return Optional.of("invalid cron expression: a field is malformed");
        }
    }

    /**
     * cron-utils' own words name the field and the bound ("Value 75 not in range [0, 59]") and are kept; the one that
     * lists invalid characters and often lists none is said plainly.
     */
    private static String parserSaid(IllegalArgumentException e) {
        if (e instanceof NumberFormatException || e.getCause() instanceof NumberFormatException) {
            return "a number in it is too large for its field";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().replace("Failed to parse cron expression. ", "");
        if (message.isBlank() || message.startsWith("Invalid chars")) {
            return "a field holds a character or a value it does not allow";
        }
        String firstLine = message.lines().findFirst().orElse("");
        return firstLine.length() <= 160 ? firstLine : firstLine.substring(0, 160) + "…";
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
        CronDefinition quartz = CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ);
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
