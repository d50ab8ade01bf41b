package org.gorlj.stats;

/**
 * A closed interval {@code [low, high]}, e.g. a confidence interval.
 *
 * @param low lower end
 * @param high upper end, at least {@code low}
 */
public record Interval(double low, double high) {
    /** Checks the ends. */
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] has low > high or a NaN end");
        }
    }

    /** Whether {@code x} lies in the interval, ends included. */
    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
