package org.gorlj.stats;

/**
 * One number per seed, summarised: count, mean, sample standard deviation, interquartile mean and
 * the 95 % percentile bootstrap interval of the mean ({@link Descriptive}, {@link Bootstrap}).
 *
 * @param n number of values (seeds)
 * @param mean arithmetic mean
 * @param std sample standard deviation (NaN for one value)
 * @param iqm interquartile mean
 * @param ci95 95 % bootstrap confidence interval of the mean (a point for one value)
 */
public record SeedSummary(int n, double mean, double std, double iqm, Interval ci95) {
    /** The summary of a non-empty sample. */
    public static SeedSummary of(double[] values) {
        return new SeedSummary(
                values.length,
                Descriptive.mean(values),
                Descriptive.sampleStd(values),
                Descriptive.iqm(values),
                Bootstrap.interval95(values));
    }

    /**
     * The summary of the paired differences {@code a[i] - b[i]} (the same seed's number under arm A
     * and arm B): its mean is the mean difference, its interval the bootstrap interval of it.
     */
    public static SeedSummary paired(double[] a, double[] b) {
        return of(differences(a, b));
    }

    /** The paired differences {@code a[i] - b[i]}. */
    public static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in size: " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** Whether the interval excludes zero, i.e. shows a difference (for a summary of paired differences). */
    public boolean showsDifference() {
        return !ci95.contains(0);
    }
}
