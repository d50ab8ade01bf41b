package org.gorlj.env;

import java.util.Arrays;

/**
 * A box in R^n with per-dimension bounds (possibly infinite), as Gymnasium's {@code Box}.
 *
 * @param low lower bounds
 * @param high upper bounds
 */
public record BoxSpace(double[] low, double[] high) {

    /** A box over copies of the bounds, which must have one size and {@code low[i] <= high[i]} (no NaN). */
    public BoxSpace {
        if (low.length != high.length) {
            throw new IllegalArgumentException("low and high differ in size");
        }
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("low > high at " + i);
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /** A box with the same bounds in every dimension. */
    public static BoxSpace uniform(int dim, double low, double high) {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new BoxSpace(lo, hi);
    }

    /** An unbounded box. */
    public static BoxSpace unbounded(int dim) {
        return uniform(dim, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Number of dimensions. */
    public int dim() {
        return low.length;
    }

    /** True when {@code x} lies inside the box. */
    public boolean contains(double[] x) {
        if (x.length != dim()) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    /** Lower bound of dimension i. */
    public double low(int i) {
        return low[i];
    }

    /** Upper bound of dimension i. */
    public double high(int i) {
        return high[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxSpace b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ")";
    }
}
