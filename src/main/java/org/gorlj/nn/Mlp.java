package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gorlj.util.Rng;

/**
 * A multi-layer perceptron whose weights live in a {@link ParamStore}: hidden layers with one
 * activation, a linear output layer. It evaluates on tensors (for training, with autograd) and,
 * through {@link #snapshot()}, in plain Java (fast batched inference for small networks, free of
 * per-call engine overhead).
 */
public final class Mlp {
    private final int[] sizes;
    private final Activation activation;
    private final NDArray[] weights;
    private final NDArray[] biases;

    /**
     * Creates the layers in {@code store} under {@code prefix}.
     *
     * @param sizes layer widths, input first and output last (e.g. {obs, 64, 64, act})
     * @param hiddenGain gain of the hidden layers' initialiser
     * @param outputGain gain of the output layer's initialiser (0 gives a zero output layer)
     */
    public Mlp(
            ParamStore store,
            String prefix,
            int[] sizes,
            Activation activation,
            Init init,
            double hiddenGain,
            double outputGain,
            Rng rng) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes");
        }
        this.sizes = sizes.clone();
        this.activation = activation;
        int layers = sizes.length - 1;
        this.weights = new NDArray[layers];
        this.biases = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double gain = l == layers - 1 ? outputGain : hiddenGain;
            float[] w = gain == 0 ? new float[in * out] : init.weights(in, out, gain, rng);
            weights[l] = store.add(prefix + ".w" + l, w, new Shape(in, out));
            biases[l] = store.add(prefix + ".b" + l, new float[out], new Shape(out));
        }
    }

    /** Input width. */
    public int inputSize() {
        return sizes[0];
    }

    /** Output width. */
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /** The output layer's bias parameter (to set an initial output offset). */
    public NDArray outputBias() {
        return biases[biases.length - 1];
    }

    /** The output layer's weight parameter, {@code [in, out]}. */
    public NDArray outputWeights() {
        return weights[weights.length - 1];
    }

    /** Layer widths, input first. */
    public int[] sizes() {
        return sizes.clone();
    }

    /**
     * Evaluates on a {@code [batch, in]} tensor. Results are attached to {@code x}'s manager, so
     * pass inputs made in a short-lived manager.
     */
    public NDArray forward(NDArray x) {
        NDArray h = x;
        for (int l = 0; l < weights.length; l++) {
            h = h.matMul(weights[l]).add(biases[l]);
            if (l < weights.length - 1) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** A plain-Java copy of the current weights for inference (take a new one after each update). */
    public Snapshot snapshot() {
        float[][] w = new float[weights.length][];
        float[][] b = new float[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].toFloatArray();
            b[l] = biases[l].toFloatArray();
        }
        return new Snapshot(sizes, activation, w, b);
    }

    /**
     * Frozen weights evaluated in plain Java; safe to share between threads. Layers at least one
     * SIMD vector wide compute a vector of outputs at once (the incubating Vector API); narrower
     * layers evaluate rows in blocks of four that share each weight load. Either way every output
     * is the same sum in the same order as a naive row-by-row evaluation (bias first, then inputs in
     * order, multiply and add rounded separately), so neither changes a bit. A network whose output layer is all zeros (a fresh generative
     * decoder) outputs its bias without evaluating the hidden layers.
     */
    public static final class Snapshot {
        private static final int BLOCK = 4;
        private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
        private final int[] sizes;
        private final Activation activation;
        private final float[][] w;
        private final float[][] wT;
        private final float[][] b;
        private final int maxHidden;
        /** Per-thread hidden-layer buffers, grown to the largest batch seen (no garbage per call). */
        private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);

        private final boolean zeroOutputLayer;

        Snapshot(int[] sizes, Activation activation, float[][] w, float[][] b) {
            this.sizes = sizes.clone();
            this.activation = activation;
            this.w = w;
            this.wT = new float[w.length][];
            for (int l = 0; l < w.length; l++) {
                wT[l] = sizes[l + 1] >= LANES.length() ? null : transpose(w[l], sizes[l], sizes[l + 1]);
            }
            this.b = b;
            int hidden = 0;
            for (int l = 1; l < sizes.length - 1; l++) {
                hidden = Math.max(hidden, sizes[l]);
            }
            this.maxHidden = hidden;
            this.zeroOutputLayer = allZero(w[w.length - 1]);
        }

        private static float[] transpose(float[] m, int rows, int cols) {
            float[] t = new float[m.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j * rows + i] = m[i * cols + j];
                }
            }
            return t;
        }

        private static boolean allZero(float[] a) {
            for (float v : a) {
                if (v != 0f) {
                    return false;
                }
            }
            return true;
        }

        /** Output width. */
        public int outputSize() {
            return sizes[sizes.length - 1];
        }

        /** Layer widths, input first. */
        public int[] sizes() {
            return sizes.clone();
        }

        /** The hidden layers' activation. */
        public Activation activation() {
            return activation;
        }

        /** The weights of layer {@code l}, row-major {@code [in, out]} (a copy; for export). */
        public float[] weights(int l) {
            return w[l].clone();
        }

        /** The bias of layer {@code l} (a copy; for export). */
        public float[] bias(int l) {
            return b[l].clone();
        }

        /** Evaluates {@code batch} rows of {@code x} ({@code batch * in}) into {@code out} ({@code batch * outSize}). */
        public void forward(float[] x, int batch, float[] out) {
            int layers = wT.length;
            if (zeroOutputLayer) {
                float[] bias = b[layers - 1];
                for (int r = 0; r < batch; r++) {
                    System.arraycopy(bias, 0, out, r * bias.length, bias.length);
                }
                return;
            }
            float[][] buffers = scratch.get();
            if (buffers[0].length < batch * maxHidden) {
                buffers[0] = new float[batch * maxHidden];
                buffers[1] = new float[batch * maxHidden];
            }
            float[] even = buffers[0];
            float[] odd = buffers[1];
            float[] src = x;
            for (int l = 0; l < layers; l++) {
                float[] dst = l == layers - 1 ? out : (l % 2 == 0 ? even : odd);
                if (wT[l] == null) {
                    denseLanes(src, batch, sizes[l], w[l], b[l], sizes[l + 1], dst);
                } else {
                    dense(src, batch, sizes[l], wT[l], b[l], sizes[l + 1], dst);
                }
                if (l < layers - 1) {
                    int n = batch * sizes[l + 1];
                    for (int k = 0; k < n; k++) {
                        dst[k] = activation.apply(dst[k]);
                    }
                }
                src = dst;
            }
        }

        /**
         * {@code dst[r][j] = bias[j] + sum_i src[r][i] * w[i][j]} for {@code rows} rows, SIMD across
         * the outputs j. Each output still adds its terms one at a time in the order of i, with a
         * separate multiply and add, so the result is bit-identical to the scalar loop; only the
         * outputs past the last full vector are done one by one.
         */
        private static void denseLanes(float[] src, int rows, int in, float[] w, float[] bias, int o, float[] dst) {
            int lanes = LANES.length();
            int vectorEnd = o - o % lanes;
            for (int r = 0; r < rows; r++) {
                int s0 = r * in;
                int d0 = r * o;
                int j = 0;
                for (; j + 2 * lanes <= vectorEnd; j += 2 * lanes) { // two independent sums in flight
                    FloatVector y0 = FloatVector.fromArray(LANES, bias, j);
                    FloatVector y1 = FloatVector.fromArray(LANES, bias, j + lanes);
                    for (int i = 0; i < in; i++) {
                        FloatVector x = FloatVector.broadcast(LANES, src[s0 + i]);
                        y0 = y0.add(x.mul(FloatVector.fromArray(LANES, w, i * o + j)));
                        y1 = y1.add(x.mul(FloatVector.fromArray(LANES, w, i * o + j + lanes)));
                    }
                    y0.intoArray(dst, d0 + j);
                    y1.intoArray(dst, d0 + j + lanes);
                }
                for (; j < vectorEnd; j += lanes) {
                    FloatVector y = FloatVector.fromArray(LANES, bias, j);
                    for (int i = 0; i < in; i++) {
                        y = y.add(FloatVector.broadcast(LANES, src[s0 + i])
                                .mul(FloatVector.fromArray(LANES, w, i * o + j)));
                    }
                    y.intoArray(dst, d0 + j);
                }
                for (; j < o; j++) {
                    float y = bias[j];
                    for (int i = 0; i < in; i++) {
                        y += src[s0 + i] * w[i * o + j];
                    }
                    dst[d0 + j] = y;
                }
            }
        }

        /** {@code dst[r][j] = bias[j] + sum_i src[r][i] * wT[j][i]} for {@code rows} rows (layers narrower than a vector). */
        private static void dense(float[] src, int rows, int in, float[] wT, float[] bias, int o, float[] dst) {
            int r = 0;
            for (; r + BLOCK <= rows; r += BLOCK) {
                int s0 = r * in;
                int s1 = s0 + in;
                int s2 = s1 + in;
                int s3 = s2 + in;
                int d0 = r * o;
                for (int j = 0; j < o; j++) {
                    int wj = j * in;
                    float y0 = bias[j];
                    float y1 = y0;
                    float y2 = y0;
                    float y3 = y0;
                    for (int i = 0; i < in; i++) {
                        float wij = wT[wj + i];
                        y0 += src[s0 + i] * wij;
                        y1 += src[s1 + i] * wij;
                        y2 += src[s2 + i] * wij;
                        y3 += src[s3 + i] * wij;
                    }
                    dst[d0 + j] = y0;
                    dst[d0 + o + j] = y1;
                    dst[d0 + 2 * o + j] = y2;
                    dst[d0 + 3 * o + j] = y3;
                }
            }
            for (; r < rows; r++) {
                int s0 = r * in;
                int d0 = r * o;
                for (int j = 0; j < o; j++) {
                    int wj = j * in;
                    float y = bias[j];
                    for (int i = 0; i < in; i++) {
                        y += src[s0 + i] * wT[wj + i];
                    }
                    dst[d0 + j] = y;
                }
            }
        }
    }
}
