package org.gorlj.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap confidence interval of a sample's mean: the {@code (1 - level) / 2} and
 * {@code (1 + level) / 2} quantiles ({@link Descriptive#quantileOfSorted}) of the means of resamples
 * drawn with replacement. With {@code n^n <= }{@link #RESAMPLES} (n at most 5 values) every one of
 * the {@code n^n} equally likely resamples is enumerated, so the interval is the exact bootstrap
 * interval; otherwise {@link #RESAMPLES} resamples are drawn by a {@link SplittableRandom} seeded
 * with {@link #SEED}, so the interval of a sample is always the same.
 */
public final class Bootstrap {
    /** Resamples drawn when enumeration would take more. */
    public static final int RESAMPLES = 10_000;
    /** Seed of the resampler. */
    public static final long SEED = 20_251_203L;
    /** Confidence level of {@link #interval95}. */
    public static final double LEVEL_95 = 0.95;

    private Bootstrap() {}

    /** The 95 % percentile bootstrap interval of the mean of {@code values}. */
    public static Interval interval95(double[] values) {
        return interval(values, LEVEL_95);
    }

    /**
     * The two-sided percentile bootstrap interval of the mean of {@code values} at {@code level} in
     * (0, 1); the lower end at level 0.90 is the one-sided 95 % lower bound.
     */
    public static Interval interval(double[] values, double level) {
        Descriptive.requireValues(values);
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level " + level + " is not in (0, 1)");
        }
        return Math.pow(values.length, values.length) <= RESAMPLES
                ? exact(values, level)
                : sampled(values, level, RESAMPLES, SEED);
    }

    /** The interval from all {@code n^n} resamples, each weighted equally. */
    static Interval exact(double[] values, double level) {
        int n = values.length;
        int count = Math.toIntExact((long) Math.pow(n, n));
        double[] means = new double[count];
        int[] index = new int[n];
        for (int k = 0; k < count; k++) {
            double sum = 0;
            for (int i : index) {
                sum += values[i];
            }
            means[k] = sum / n;
            for (int pos = 0; pos < n && ++index[pos] == n; pos++) { // next index tuple, like an odometer
                index[pos] = 0;
            }
        }
        return percentiles(means, level);
    }

    /** The interval from {@code resamples} resamples drawn by a generator seeded with {@code seed}. */
    static Interval sampled(double[] values, double level, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = values.length;
        double[] means = new double[resamples];
        for (int k = 0; k < resamples; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[k] = sum / n;
        }
        return percentiles(means, level);
    }

    /**
     * The two quantiles; the upper one as the lower tail's quantile of the negated means, so that a
     * symmetric distribution gets an exactly symmetric interval (no rounding of (1 + level) / 2).
     */
    private static Interval percentiles(double[] means, double level) {
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        int m = means.length;
        double[] negated = new double[m];
        for (int i = 0; i < m; i++) {
            negated[i] = -means[m - 1 - i];
        }
        return new Interval(
                Descriptive.quantileOfSorted(means, tail),
                0.0 - Descriptive.quantileOfSorted(negated, tail)); // 0.0 - x: +0.0, not -0.0, for x = 0
    }
}
