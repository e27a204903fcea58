package io.jobsettings.bench;

import java.util.ArrayList;
import java.util.List;

/** Repeated measurements of one figure; the median speaks for them, so one noisy run cannot move the result. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int size() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        return median(values);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Each sample divided by the baseline's sample taken beside it (the same round, the same JVM): on a noisy machine
     * two figures measured back to back vary together, so their ratios vary less than either.
     */
    Samples ratiosTo(Samples baseline) {
        if (baseline.size() != size()) {
            throw new IllegalStateException(size() + " samples cannot be paired with " + baseline.size());
        }
        Samples ratios = new Samples();
        for (int i = 0; i < size(); i++) {
            ratios.add(values.get(i) / baseline.values.get(i));
        }
        return ratios;
    }

    /** The samples as "12, 14, 13", for the log beside the table. */
    String spread(String format) {
        return String.join(", ", values.stream().map(v -> String.format(format, v)).toList());
    }
}
