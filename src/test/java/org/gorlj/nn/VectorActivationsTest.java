package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * The SIMD SiLU (and tanh) give the scalar formula's float for every input: edge cases, random bit patterns
 * over the whole float range, typical pre-activations, and a dense sweep; the exhaustive check over
 * all 2^32 floats is {@link ActivationExhaustiveCheck} (recorded in bench/throughput.md).
 */
class VectorActivationsTest {
    /**
     * Each value at every position of a few vectors' worth of array (the vector lanes and the scalar
     * tail), through SiLU in place and through tanh into another array.
     */
    private static void assertSameAsScalar(float[] values) {
        for (int shift = 0; shift < 3; shift++) {
            float[] a = new float[values.length + shift];
            System.arraycopy(values, 0, a, shift, values.length);
            for (VectorActivations.Function f : VectorActivations.Function.values()) {
                float[] expected = a.clone();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = f.scalar(expected[i]);
                }
                float[] got = a.clone();
                if (f == VectorActivations.Function.SILU) {
                    VectorActivations.silu(got, got.length);
                } else {
                    float[] src = got.clone();
                    VectorActivations.apply(f, src, got, got.length);
                }
                for (int i = 0; i < a.length; i++) {
                    assertThat(Float.floatToIntBits(got[i]))
                            .as("%s(%a): %a vs %a", f, a[i], got[i], expected[i])
                            .isEqualTo(Float.floatToIntBits(expected[i]));
                }
            }
        }
    }

    @Test
    void edgeCases() {
        float[] special = {
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            -Float.MIN_NORMAL,
            0x1p-125f,
            -0x1p-125f,
            0x1p-124f,
            -0x1p-124f,
            1e-30f,
            -1e-30f,
            1f,
            -1f,
            0.5f,
            -0.5f,
            80f,
            -80f,
            Math.nextUp(80f),
            Math.nextDown(-80f),
            Math.nextDown(80f),
            Math.nextUp(-80f),
            88.7f,
            -88.7f,
            103.9f,
            -103.9f,
            150f,
            -150f,
            1e30f,
            -1e30f,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.NaN,
            16.635532f,
            -16.635532f,
            17.5f,
            36.7f,
            -36.7f
        };
        assertSameAsScalar(special);
        java.util.List<Float> around = new java.util.ArrayList<>();
        for (float v : special) {
            float up = v;
            float down = v;
            for (int k = 0; k < 20; k++) {
                up = Math.nextUp(up);
                down = Math.nextDown(down);
                around.add(up);
                around.add(down);
            }
        }
        float[] a = new float[around.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = around.get(i);
        }
        assertSameAsScalar(a);
    }

    @Test
    void randomBitPatternsAndTypicalValues() {
        Rng rng = new Rng(21);
        float[] bits = new float[1 << 20];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.intBitsToFloat((int) rng.nextLong());
        }
        assertSameAsScalar(bits);
        float[] typical = new float[1 << 20];
        rng.fillGaussian(typical);
        for (int i = 0; i < typical.length; i++) {
            typical[i] *= (float) StrictMath.exp(4 * rng.nextDouble() - 2); // scales 0.14 .. 7.4
        }
        assertSameAsScalar(typical);
    }

    /** Floats of magnitude below 2, one in 2^10 bit patterns (2^21 values over every exponent), and their negatives. */
    @Test
    void sweep() {
        float[] a = new float[1 << 21];
        for (int k = 0; k < a.length / 2; k++) {
            float x = Float.intBitsToFloat((k << 10) + 37);
            a[2 * k] = x;
            a[2 * k + 1] = -x;
        }
        assertSameAsScalar(a);
    }

    /** The lanes the vector path hands to the scalar formula: with a margin that covers every double, all of them. */
    @Test
    void lanesRedoneByTheScalarFormulaAreStoredInPlace() {
        Rng rng = new Rng(22);
        float[] a = new float[1003];
        rng.fillGaussian(a);
        float[] expected = a.clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Activation.SILU.apply(expected[i]);
        }
        VectorActivations.silu(a, a.length, 1L << 29);
        assertThat(a).containsExactly(expected);
    }
}
