package org.orchestration.bench;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics over repeated measurements: median and spread rather than means. */
public record Stats(int n, double min, double p50, double p95, double p99, double max, double iqr) {

    public static Stats of(Collection<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(v.length, v[0], quantile(v, 0.50), quantile(v, 0.95), quantile(v, 0.99), v[v.length - 1],
                quantile(v, 0.75) - quantile(v, 0.25));
    }

    public static Stats of(double[] values) {
        return of(Arrays.stream(values).boxed().toList());
    }

    /** Linear interpolation between closest ranks on sorted data. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
