package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
     * Frozen weights evaluated in plain Java; safe to share between threads. Every layer computes a
     * SIMD vector of outputs at once (the incubating Vector API) for a block of four rows that share
     * each weight load; a layer narrower than a vector uses one vector whose weights are padded with
     * zeros. Either way every output is the same sum in the same order as a naive row-by-row
     * evaluation (bias first, then inputs in order, multiply and add rounded separately), so neither
     * changes a bit; the activation gives the same floats as its scalar form
     * ({@link Activation#applyInPlace}). A network whose output layer is all zeros (a fresh
     * generative decoder) outputs its bias without evaluating the hidden layers.
     */
    public static final class Snapshot {
        /** Rows evaluated together, sharing each weight load. */
        private static final int BLOCK = 4;

        private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
        private final int[] sizes;
        private final Activation activation;
        private final float[][] w;
        private final float[][] b;
        /** For layers narrower than a vector: weights {@code [in, lanes]} and bias padded with zeros, else null. */
        private final float[][] wPadded;

        private final float[][] bPadded;
        private final int maxHidden;
        /** Per-thread hidden-layer buffers, grown to the largest batch seen (no garbage per call). */
        private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);

        private final boolean zeroOutputLayer;

        Snapshot(int[] sizes, Activation activation, float[][] w, float[][] b) {
            this.sizes = sizes.clone();
            this.activation = activation;
            this.w = w;
            this.b = b;
            this.wPadded = new float[w.length][];
            this.bPadded = new float[w.length][];
            int lanes = LANES.length();
            for (int l = 0; l < w.length; l++) {
                int out = sizes[l + 1];
                if (out < lanes) {
                    wPadded[l] = pad(w[l], sizes[l], out, lanes);
                    bPadded[l] = pad(b[l], 1, out, lanes);
                }
            }
            int hidden = 0;
            for (int l = 1; l < sizes.length - 1; l++) {
                hidden = Math.max(hidden, sizes[l]);
            }
            this.maxHidden = hidden;
            this.zeroOutputLayer = allZero(w[w.length - 1]);
        }

        /** The {@code [rows, cols]} matrix {@code m} widened to {@code [rows, width]} with zeros. */
        private static float[] pad(float[] m, int rows, int cols, int width) {
            float[] p = new float[rows * width];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(m, i * cols, p, i * width, cols);
            }
            return p;
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
            int layers = w.length;
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
                if (wPadded[l] == null) {
                    denseLanes(src, batch, sizes[l], w[l], b[l], sizes[l + 1], dst);
                } else {
                    denseNarrow(src, batch, sizes[l], wPadded[l], bPadded[l], sizes[l + 1], dst);
                }
                if (l < layers - 1) {
                    activation.applyInPlace(dst, batch * sizes[l + 1]);
                }
                src = dst;
            }
        }

        /**
         * {@code dst[r][j] = bias[j] + sum_i src[r][i] * w[i][j]} for {@code rows} rows, SIMD across
         * the outputs j, two vectors of outputs for four rows at a time (eight independent sums in
         * flight, each weight vector loaded once per four rows). Each output still adds its terms
         * one at a time in the order of i, with a separate multiply and add, so the result is
         * bit-identical to the scalar loop; the outputs past the last full vector are done one by
         * one, and the rows past the last block of four one at a time.
         */
        private static void denseLanes(float[] src, int rows, int in, float[] w, float[] bias, int o, float[] dst) {
            int lanes = LANES.length();
            int vectorEnd = o - o % lanes;
            int r = 0;
            for (; r + BLOCK <= rows; r += BLOCK) {
                int s0 = r * in;
                int s1 = s0 + in;
                int s2 = s1 + in;
                int s3 = s2 + in;
                int d0 = r * o;
                int j = 0;
                for (; j + 2 * lanes <= vectorEnd; j += 2 * lanes) {
                    FloatVector b0 = FloatVector.fromArray(LANES, bias, j);
                    FloatVector b1 = FloatVector.fromArray(LANES, bias, j + lanes);
                    FloatVector y00 = b0;
                    FloatVector y01 = b1;
                    FloatVector y10 = b0;
                    FloatVector y11 = b1;
                    FloatVector y20 = b0;
                    FloatVector y21 = b1;
                    FloatVector y30 = b0;
                    FloatVector y31 = b1;
                    for (int i = 0; i < in; i++) {
                        FloatVector w0 = FloatVector.fromArray(LANES, w, i * o + j);
                        FloatVector w1 = FloatVector.fromArray(LANES, w, i * o + j + lanes);
                        FloatVector x0 = FloatVector.broadcast(LANES, src[s0 + i]);
                        FloatVector x1 = FloatVector.broadcast(LANES, src[s1 + i]);
                        FloatVector x2 = FloatVector.broadcast(LANES, src[s2 + i]);
                        FloatVector x3 = FloatVector.broadcast(LANES, src[s3 + i]);
                        y00 = y00.add(x0.mul(w0));
                        y01 = y01.add(x0.mul(w1));
                        y10 = y10.add(x1.mul(w0));
                        y11 = y11.add(x1.mul(w1));
                        y20 = y20.add(x2.mul(w0));
                        y21 = y21.add(x2.mul(w1));
                        y30 = y30.add(x3.mul(w0));
                        y31 = y31.add(x3.mul(w1));
                    }
                    y00.intoArray(dst, d0 + j);
                    y01.intoArray(dst, d0 + j + lanes);
                    y10.intoArray(dst, d0 + o + j);
                    y11.intoArray(dst, d0 + o + j + lanes);
                    y20.intoArray(dst, d0 + 2 * o + j);
                    y21.intoArray(dst, d0 + 2 * o + j + lanes);
                    y30.intoArray(dst, d0 + 3 * o + j);
                    y31.intoArray(dst, d0 + 3 * o + j + lanes);
                }
                for (; j < vectorEnd; j += lanes) {
                    FloatVector y0 = FloatVector.fromArray(LANES, bias, j);
                    FloatVector y1 = y0;
                    FloatVector y2 = y0;
                    FloatVector y3 = y0;
                    for (int i = 0; i < in; i++) {
                        FloatVector wi = FloatVector.fromArray(LANES, w, i * o + j);
                        y0 = y0.add(FloatVector.broadcast(LANES, src[s0 + i]).mul(wi));
                        y1 = y1.add(FloatVector.broadcast(LANES, src[s1 + i]).mul(wi));
                        y2 = y2.add(FloatVector.broadcast(LANES, src[s2 + i]).mul(wi));
                        y3 = y3.add(FloatVector.broadcast(LANES, src[s3 + i]).mul(wi));
                    }
                    y0.intoArray(dst, d0 + j);
                    y1.intoArray(dst, d0 + o + j);
                    y2.intoArray(dst, d0 + 2 * o + j);
                    y3.intoArray(dst, d0 + 3 * o + j);
                }
                for (int k = 0; k < BLOCK; k++) {
                    scalarTail(src, s0 + k * in, in, w, bias, o, vectorEnd, dst, d0 + k * o);
                }
            }
            for (; r < rows; r++) {
                int s0 = r * in;
                int d0 = r * o;
                int j = 0;
                for (; j < vectorEnd; j += lanes) {
                    FloatVector y = FloatVector.fromArray(LANES, bias, j);
                    for (int i = 0; i < in; i++) {
                        y = y.add(FloatVector.broadcast(LANES, src[s0 + i])
                                .mul(FloatVector.fromArray(LANES, w, i * o + j)));
                    }
                    y.intoArray(dst, d0 + j);
                }
                scalarTail(src, s0, in, w, bias, o, vectorEnd, dst, d0);
            }
        }

        /** Outputs {@code from .. o} of one row, one at a time. */
        private static void scalarTail(
                float[] src, int s0, int in, float[] w, float[] bias, int o, int from, float[] dst, int d0) {
            for (int j = from; j < o; j++) {
                float y = bias[j];
                for (int i = 0; i < in; i++) {
                    y += src[s0 + i] * w[i * o + j];
                }
                dst[d0 + j] = y;
            }
        }

        /**
         * {@code dst[r][j] = bias[j] + sum_i src[r][i] * w[i][j]} for a layer narrower than a
         * vector: one vector over the zero-padded weights {@code wPadded} ({@code [in, lanes]}) for
         * four rows at a time, of which the first {@code o} lanes are stored. Same sums in the same
         * order as the scalar loop.
         */
        private static void denseNarrow(
                float[] src, int rows, int in, float[] wPadded, float[] bPadded, int o, float[] dst) {
            int lanes = LANES.length();
            VectorMask<Float> outputs = LANES.indexInRange(0, o);
            FloatVector bias = FloatVector.fromArray(LANES, bPadded, 0);
            int r = 0;
            for (; r + BLOCK <= rows; r += BLOCK) {
                int s0 = r * in;
                int s1 = s0 + in;
                int s2 = s1 + in;
                int s3 = s2 + in;
                FloatVector y0 = bias;
                FloatVector y1 = bias;
                FloatVector y2 = bias;
                FloatVector y3 = bias;
                for (int i = 0; i < in; i++) {
                    FloatVector wi = FloatVector.fromArray(LANES, wPadded, i * lanes);
                    y0 = y0.add(FloatVector.broadcast(LANES, src[s0 + i]).mul(wi));
                    y1 = y1.add(FloatVector.broadcast(LANES, src[s1 + i]).mul(wi));
                    y2 = y2.add(FloatVector.broadcast(LANES, src[s2 + i]).mul(wi));
                    y3 = y3.add(FloatVector.broadcast(LANES, src[s3 + i]).mul(wi));
                }
                int d0 = r * o;
                y0.intoArray(dst, d0, outputs);
                y1.intoArray(dst, d0 + o, outputs);
                y2.intoArray(dst, d0 + 2 * o, outputs);
                y3.intoArray(dst, d0 + 3 * o, outputs);
            }
            for (; r < rows; r++) {
                int s0 = r * in;
                FloatVector y = bias;
                for (int i = 0; i < in; i++) {
                    y = y.add(FloatVector.broadcast(LANES, src[s0 + i])
                            .mul(FloatVector.fromArray(LANES, wPadded, i * lanes)));
                }
                y.intoArray(dst, r * o, outputs);
            }
        }
    }
}
