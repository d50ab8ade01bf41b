package org.gorlj.generative;

/**
 * The 8-dimensional sinusoidal time embedding of the GoRL decoders:
 * {@code [cos(t 2^k) for k = 0..3, sin(t 2^k) for k = 0..3]}, with t in [0, 1].
 */
public final class TimeEmbedding {
    /** Width of the embedding. */
    public static final int DIM = 8;

    private static final int FREQUENCIES = DIM / 2;

    private TimeEmbedding() {}

    /** Writes the embedding of {@code t} into {@code out[offset .. offset + DIM)}. */
    public static void write(double t, float[] out, int offset) {
        for (int k = 0; k < FREQUENCIES; k++) {
            double f = t * (1 << k);
            out[offset + k] = (float) StrictMath.cos(f);
            out[offset + FREQUENCIES + k] = (float) StrictMath.sin(f);
        }
    }
}
