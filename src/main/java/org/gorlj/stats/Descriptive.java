package org.gorlj.stats;

import java.util.Arrays;

/** Descriptive statistics of a sample (e.g. one number per seed). Empty samples are refused. */
public final class Descriptive {
    private Descriptive() {}

    /** The arithmetic mean. */
    public static double mean(double[] values) {
        requireValues(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sample standard deviation (denominator {@code n - 1}); NaN for one value. */
    public static double sampleStd(double[] values) {
        double mean = mean(values);
        if (values.length == 1) {
            return Double.NaN;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /**
     * The interquartile mean: the mean of the middle 50 % of the sample's mass. Each of the {@code n}
     * sorted values holds mass {@code 1/n} on {@code [i/n, (i+1)/n]}; the IQM weights each value by
     * the part of its mass inside {@code [0.25, 0.75]}, so edge values count fractionally when
     * {@code n} is not a multiple of 4 (n = 3: {@code (x1 + 4 x2 + x3) / 6}). For n a multiple of 4
     * it equals rliable's IQM (scipy's {@code trim_mean(x, 0.25)}, which drops whole values).
     */
    public static double iqm(double[] values) {
        requireValues(values);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double weight = Math.max(0, Math.min((i + 1.0) / n, 0.75) - Math.max((double) i / n, 0.25));
            sum += weight * sorted[i];
        }
        return sum / 0.5;
    }

    /** The share of values at or above {@code threshold}, in [0, 1]. */
    public static double successRate(double[] values, double threshold) {
        requireValues(values);
        return (double) Arrays.stream(values).filter(v -> v >= threshold).count() / values.length;
    }

    /**
     * The {@code p}-quantile of sorted values by linear interpolation between order statistics
     * (numpy's default): at position {@code h = (m - 1) p}, {@code x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}.
     */
    public static double quantileOfSorted(double[] sorted, double p) {
        requireValues(sorted);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static void requireValues(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}
