package io.botfleet.observability;

import java.util.Arrays;

/** Percentiles by the nearest-rank method, as CloudWatch's pNN statistics read: a value that was observed. */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** The smallest value at least {@code p} percent of the values are at or below; NaN when there are none. */
    public double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
