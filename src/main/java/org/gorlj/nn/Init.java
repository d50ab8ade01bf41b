package org.gorlj.nn;

import org.gorlj.util.Rng;

/**
 * Weight initialisers, drawing from a project {@link Rng} so that initial weights are
 * reproducible from the run seed. Matrices are row-major {@code [in][out]}.
 */
public enum Init {
    /** Orthogonal matrix times a gain, as CleanRL's {@code layer_init} (biases zero). */
    ORTHOGONAL,
    /** LeCun uniform, U(-sqrt(3/in), sqrt(3/in)) times the gain, as Flax/Brax default kernels. */
    LECUN_UNIFORM;

    /** A new {@code in x out} weight matrix with the given gain. */
    public float[] weights(int in, int out, double gain, Rng rng) {
        return switch (this) {
            case ORTHOGONAL -> orthogonal(in, out, gain, rng);
            case LECUN_UNIFORM -> {
                float[] w = new float[in * out];
                double limit = Math.sqrt(3.0 / in) * gain;
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) rng.uniform(-limit, limit);
                }
                yield w;
            }
        };
    }

    /**
     * A matrix with orthonormal rows or columns (whichever are fewer), from the QR decomposition
     * of a Gaussian matrix with the sign of R's diagonal folded in (so the draw is uniform).
     */
    static float[] orthogonal(int in, int out, double gain, Rng rng) {
        int rows = Math.max(in, out);
        int cols = Math.min(in, out);
        double[][] a = new double[cols][rows]; // cols vectors of length rows
        for (double[] v : a) {
            for (int i = 0; i < rows; i++) {
                v[i] = rng.nextGaussian();
            }
        }
        // Modified Gram-Schmidt: gives Q with R's diagonal positive, i.e. the sign-corrected QR.
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += a[j][i] * a[k][i];
                }
                for (int i = 0; i < rows; i++) {
                    a[j][i] -= dot * a[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < rows; i++) {
                norm += a[j][i] * a[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                a[j][i] /= norm;
            }
        }
        float[] w = new float[in * out];
        for (int r = 0; r < in; r++) {
            for (int c = 0; c < out; c++) {
                double v = in >= out ? a[c][r] : a[r][c];
                w[r * out + c] = (float) (gain * v);
            }
        }
        return w;
    }
}
