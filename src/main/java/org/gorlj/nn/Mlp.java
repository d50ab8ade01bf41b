package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
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
    public Mlp(ParamStore store, String prefix, int[] sizes, Activation activation, Init init,
               double hiddenGain, double outputGain, Rng rng) {
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

    /** Frozen weights evaluated in plain Java; safe to share between threads. */
    public static final class Snapshot {
        private final int[] sizes;
        private final Activation activation;
        private final float[][] w;
        private final float[][] b;
        private final int maxWidth;

        Snapshot(int[] sizes, Activation activation, float[][] w, float[][] b) {
            this.sizes = sizes.clone();
            this.activation = activation;
            this.w = w;
            this.b = b;
            this.maxWidth = Arrays.stream(sizes).max().orElseThrow();
        }

        /** Output width. */
        public int outputSize() {
            return sizes[sizes.length - 1];
        }

        /** Evaluates {@code batch} rows of {@code x} ({@code batch * in}) into {@code out} ({@code batch * outSize}). */
        public void forward(float[] x, int batch, float[] out) {
            float[] cur = new float[maxWidth];
            float[] next = new float[maxWidth];
            int in0 = sizes[0];
            int outSize = outputSize();
            for (int r = 0; r < batch; r++) {
                System.arraycopy(x, r * in0, cur, 0, in0);
                for (int l = 0; l < w.length; l++) {
                    int in = sizes[l];
                    int o = sizes[l + 1];
                    float[] wl = w[l];
                    System.arraycopy(b[l], 0, next, 0, o);
                    for (int i = 0; i < in; i++) {
                        float xi = cur[i];
                        int base = i * o;
                        for (int j = 0; j < o; j++) {
                            next[j] += xi * wl[base + j];
                        }
                    }
                    if (l < w.length - 1) {
                        for (int j = 0; j < o; j++) {
                            next[j] = activation.apply(next[j]);
                        }
                    }
                    float[] t = cur;
                    cur = next;
                    next = t;
                }
                System.arraycopy(cur, 0, out, r * outSize, outSize);
            }
        }
    }
}
