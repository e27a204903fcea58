package io.jobsettings.bench;

/**
 * One row of the results table: a figure, the baseline measured in the same run, their ratio and the goal for it.
 * A figure that could not be measured says why instead.
 */
record Figure(String name, String value, String baseline, Double ratio, Goal goal, String note) {

    /** What the ratio must be to meet the goal; {@link #NONE} for figures reported for information. */
    record Goal(String text, double limit, boolean atMost) {

        static final Goal NONE = new Goal("-", 0, true);

        static Goal atMost(double limit) {
            return new Goal("<= " + limit, limit, true);
        }

        static Goal atLeast(double limit) {
            return new Goal(">= " + limit, limit, false);
        }

        boolean isSet() {
            return this != NONE;
        }

        boolean metBy(double ratio) {
            return atMost ? ratio <= limit : ratio >= limit;
        }
    }

    static Figure measured(String name, String value, String baseline, double ratio, Goal goal) {
        return new Figure(name, value, baseline, ratio, goal, "");
    }

    static Figure notMeasured(String name, Goal goal, String reason) {
        return new Figure(name, "not measured: " + reason, "-", null, goal, "");
    }

    Figure withNote(String text) {
        return new Figure(name, value, baseline, ratio, goal, text);
    }

    String ratioText() {
        return ratio == null ? "-" : String.format("%.2f", ratio);
    }

    /** "met", "missed by 0.40" or "" when there is no goal or no figure. */
    String verdict() {
        if (ratio == null || !goal.isSet()) {
            return "";
        }
        if (goal.metBy(ratio)) {
            return "met";
        }
        return String.format("missed by %.2f", Math.abs(ratio - goal.limit()));
    }
}
