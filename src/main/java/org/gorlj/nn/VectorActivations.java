package org.gorlj.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD evaluation of the SiLU activation over an array that gives, for every float, the same float
 * as the scalar {@link Activation#apply(float)}: {@code (float) (x / (1.0 + Math.exp(-x)))}.
 *
 * <p>A vector of floats is widened to doubles and evaluated with an exp of relative error below
 * 2^-46 (range reduction by ln 2 in two parts, then the degree-11 Taylor polynomial on
 * |r| <= ln(2) / 2: remainder below 2^-46.6, roundings below 2^-48), followed by the same
 * division. Math.exp is within 1 ulp (2^-52 relative), and each side rounds twice more (2^-53
 * each), so the two quotients differ by less than 2^-45.9 relative, i.e. by fewer than 2^8 units
 * in the last place of the double quotient. Rounding the quotient to float
 * can then differ only if it lies within that distance of a midpoint between two floats; those
 * lanes (their double's low 29 bits within {@link #MARGIN} of the midpoint, about one lane in
 * 2^16) are recomputed by the scalar formula, as are lanes outside the fast path's range
 * (|x| > 80, NaN, a quotient below 2^-125 where floats are subnormal).
 */
final class VectorActivations {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as {@link #DOUBLES} has lanes, in half its width. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts (fdlibm's): the high part has 21 trailing zero bits, so k * LN2_HI is exact. */
    private static final double LN2_HI = 0x1.62e42feep-1;

    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** 1.5 * 2^52: adding it rounds a double below 2^51 in magnitude to an integer in the low bits. */
    private static final double ROUNDER = 0x1.8p52;

    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** The fast path's range of x; exp(80) is far inside the double range. */
    private static final double MAX_ABS_X = 80;
    /** Quotients below this are near or in the float subnormals, whose midpoints lie elsewhere. */
    private static final double MIN_ABS_QUOTIENT = 0x1p-125;
    /** The 29 low bits of a double that rounding to float drops, and their value at a midpoint. */
    private static final long DROPPED_BITS = (1L << 29) - 1;

    private static final long MIDPOINT = 1L << 28;
    /** Distance to a midpoint, in units of the double's last place, below which a lane is redone. */
    static final long MARGIN = 1L << 12;
    /** 1 / n! for n = 11 down to 0 (Horner order). */
    private static final double[] TAYLOR = taylorCoefficients(11);

    private VectorActivations() {}

    private static double[] taylorCoefficients(int degree) {
        double[] c = new double[degree + 1];
        double factorial = 1;
        for (int n = 0; n <= degree; n++) {
            if (n > 0) {
                factorial *= n;
            }
            c[degree - n] = 1 / factorial;
        }
        return c;
    }

    /** Applies SiLU to {@code a[0 .. n)} in place. */
    static void silu(float[] a, int n) {
        silu(a, n, MARGIN);
    }

    /**
     * Applies SiLU to {@code a[0 .. n)} in place, redoing lanes within {@code margin} of a float
     * midpoint (a negative margin redoes none: for tests that show the check is needed).
     */
    static void silu(float[] a, int n, long margin) {
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FLOATS, a, i)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector q = x.div(exp(x.neg()).add(1.0));
            ((FloatVector) q.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(a, i);
            VectorMask<Double> redo = x.abs()
                    .compare(VectorOperators.LE, MAX_ABS_X)
                    .and(q.abs().compare(VectorOperators.GE, MIN_ABS_QUOTIENT))
                    .not()
                    .or(nearMidpoint(q, margin));
            if (redo.anyTrue()) {
                for (int l = 0; l < lanes; l++) {
                    if (redo.laneIsSet(l)) {
                        a[i + l] = Activation.SILU.apply((float) x.lane(l));
                    }
                }
            }
        }
        for (; i < n; i++) {
            a[i] = Activation.SILU.apply(a[i]);
        }
    }

    /** Lanes whose double lies within {@code margin} last-place units of a midpoint between floats. */
    private static VectorMask<Double> nearMidpoint(DoubleVector q, long margin) {
        LongVector dropped = q.reinterpretAsLongs().and(DROPPED_BITS);
        return dropped.sub(MIDPOINT).abs().compare(VectorOperators.LE, margin).cast(DOUBLES);
    }

    /** exp(y) for |y| <= 80 with relative error below 2^-46 (other lanes: unspecified). */
    private static DoubleVector exp(DoubleVector y) {
        DoubleVector shifted = y.mul(LOG2E).add(ROUNDER);
        DoubleVector k = shifted.sub(ROUNDER);
        DoubleVector r = y.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector p = DoubleVector.broadcast(DOUBLES, TAYLOR[0]);
        for (int c = 1; c < TAYLOR.length; c++) {
            p = p.mul(r).add(TAYLOR[c]);
        }
        DoubleVector twoToK = shifted.reinterpretAsLongs()
                .sub(ROUNDER_BITS - 1023)
                .lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return p.mul(twoToK);
    }
}
