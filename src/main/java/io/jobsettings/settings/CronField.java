package io.jobsettings.settings;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jobsettings.platform.json.QuotedValue;

/**
 * The six fields of an EventBridge Scheduler cron expression, with the characters and values each allows. Checked
 * here, in our words, before cron-utils sees them: its parser reads any Unicode digit as a number and its messages
 * name neither our field nor the rule.
 */
enum CronField {
    MINUTES("minutes", 0, 59, ""),
    HOURS("hours", 0, 23, ""),
    DAY_OF_MONTH("day-of-month", 1, 31, "?LW"),
    MONTH("month", 1, 12, "ABCDEFGJLMNOPRSTUVY"),
    DAY_OF_WEEK("day-of-week", 1, 7, "?L#ADEFHIMNORSTUW"),
    YEAR("year", 1970, 2199, "");

    private static final String EVERY_FIELD = "0123456789,-*/";
    private static final Pattern NUMBER = Pattern.compile("([/#]?)([0-9]+)");
    private static final int LONGEST_NUMBER = 4;
    private static final int LAST_WEEK_OF_MONTH = 5;

    final String label;
    private final int min;
    private final int max;
    private final String allowed;

    CronField(String label, int min, int max, String extra) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.allowed = EVERY_FIELD + extra;
    }

    /** Empty when every character and number of {@code value} fits this field; otherwise what does not. */
    Optional<String> problemWith(String value) {
        Optional<String> character = value.codePoints()
                .filter(point -> allowed.indexOf(Character.toUpperCase(point)) < 0 || point > 0x7e)
                .mapToObj(Character::toString)
                .findFirst();
        if (character.isPresent()) {
            return Optional.of("the " + label + " field holds " + QuotedValue.of(character.get())
                    + ", which it does not allow; it takes the ASCII digits 0-9" + named() + " and , - * /"
                    + (allowed.contains("?") ? " ?" : ""));
        }
        Matcher number = NUMBER.matcher(value);
        while (number.find()) {
            Optional<String> problem = numberProblem(number.group(1), number.group(2));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<String> numberProblem(String before, String digits) {
        int parsed = digits.length() > LONGEST_NUMBER ? Integer.MAX_VALUE : Integer.parseInt(digits);
        String shown = QuotedValue.of(digits);
        if (before.equals("/") && (parsed < 1 || parsed > max - min + 1)) {
            return Optional.of("the " + label + " field takes steps from 1 to " + (max - min + 1) + ", not " + shown);
        }
        if (before.equals("#") && (parsed < 1 || parsed > LAST_WEEK_OF_MONTH)) {
            return Optional.of("the " + label + " field takes #1 to #" + LAST_WEEK_OF_MONTH + ", not " + shown);
        }
        if (before.isEmpty() && (parsed < min || parsed > max)) {
            return Optional.of("the " + label + " field takes values from " + min + " to " + max + ", not " + shown);
        }
        return Optional.empty();
    }

    private String named() {
        return switch (this) {
            case MONTH -> ", the names JAN-DEC";
            case DAY_OF_WEEK -> ", the names SUN-SAT, L, #";
            case DAY_OF_MONTH -> ", L, W";
            default -> "";
        };
    }
}
