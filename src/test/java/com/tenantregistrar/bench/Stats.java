package com.tenantregistrar.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, spread and percentiles of repeated measurements. */
record Stats(List<Double> sorted) {

    static Stats of(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return new Stats(List.copyOf(copy));
    }

    double percentile(double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted.get(0);
    }

    double max() {
        return sorted.get(sorted.size() - 1);
    }

    /** "median unit (min–max, n=runs)". */
    String describe(int decimals, String unit) {
        String number = "%." + decimals + "f";
        return String.format(number + " %s (" + number + "–" + number + ", n=%d)", median(), unit, min(), max(),
                sorted.size());
    }
}
