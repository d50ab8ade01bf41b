package org.gorlj.nn;

import java.util.Locale;

/**
 * Compares {@link Activation#applyInPlace} with {@link Activation#apply(float)} on every one of the
 * 2^32 floats (NaNs compared as NaN) and prints the number of differences; for SiLU it also counts
 * the floats that the SIMD path would round differently without its midpoint check. Arguments:
 * activation names (default {@code silu}). Takes a few minutes per activation on one core.
 */
public final class ActivationExhaustiveCheck {
    private static final int CHUNK = 1 << 16;

    private ActivationExhaustiveCheck() {}

    /** Prints one line per activation: floats checked, differences, differences without the check. */
    public static void main(String[] args) {
        String[] names = args.length > 0 ? args : new String[] {"silu"};
        for (String name : names) {
            Activation act = Activation.parse(name);
            float[] fast = new float[CHUNK];
            float[] unchecked = new float[CHUNK];
            long differences = 0;
            long uncheckedDifferences = 0;
            long t0 = System.nanoTime();
            for (long start = 0; start < 1L << 32; start += CHUNK) {
                for (int k = 0; k < CHUNK; k++) {
                    fast[k] = Float.intBitsToFloat((int) (start + k));
                }
                System.arraycopy(fast, 0, unchecked, 0, CHUNK);
                act.applyInPlace(fast, CHUNK);
                if (act == Activation.SILU) {
                    VectorActivations.silu(unchecked, CHUNK, -1);
                }
                for (int k = 0; k < CHUNK; k++) {
                    float x = Float.intBitsToFloat((int) (start + k));
                    int expected = Float.floatToIntBits(act.apply(x));
                    if (Float.floatToIntBits(fast[k]) != expected) {
                        if (differences++ < 10) {
                            System.out.printf(Locale.ROOT, "%s differs at %a (bits %08x)%n", name, x, start + k);
                        }
                    }
                    if (act == Activation.SILU && Float.floatToIntBits(unchecked[k]) != expected) {
                        if (uncheckedDifferences++ < 20) {
                            System.out.printf(
                                    Locale.ROOT, "  without the check: differs at %a (bits %08x)%n", x, start + k);
                        }
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: 2^32 floats, %d differences, %d without the midpoint check, %.0f s%n",
                    name,
                    differences,
                    uncheckedDifferences,
                    (System.nanoTime() - t0) * 1e-9);
        }
    }
}
