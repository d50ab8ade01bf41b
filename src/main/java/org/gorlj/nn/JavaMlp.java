package org.gorlj.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * An MLP of the shape {@link Mlp} builds (hidden layers with one activation, a linear output layer)
 * trained in plain Java: a forward pass that keeps its activations and a backward pass that adds the
 * parameter gradients into a flat array. Its parameters live in a caller's float array, from an
 * offset, in {@link Mlp}'s order ({@code w0, b0, w1, b1, ...}, each weight row-major
 * {@code [in, out]}), so several networks can share one parameter vector and one optimiser.
 *
 * <p>It exists for small networks, where a tensor engine spends most of a gradient step on the
 * per-operation overhead of dozens of native calls: here a step is a few dense loops over arrays that
 * stay in the cache, vectorised across the output units with the incubating Vector API (four rows by
 * two vectors of output units per inner loop, eight independent sums), with SiLU's sigmoid kept from
 * the forward pass for the backward one. Sums are
 * fused multiply-adds in a fixed order, so a given input always gives the same bits, but not the
 * engine's bits. One instance holds the buffers of one batch size at a time and is not thread-safe.
 */
public final class JavaMlp {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final int ROW_BLOCK = 4;

    private final int[] sizes;
    private final Activation activation;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    private int batch = -1;
    /** Per layer: the pre-activation (hidden layers) or the output (last layer), [batch, out]. */
    private float[][] pre;
    /** Per hidden layer: the activation, [batch, out]. */
    private float[][] post;
    /** Per hidden layer with SiLU: the sigmoid of the pre-activation, [batch, out], for the backward pass. */
    private float[][] gate;
    /** The input of the last forward pass (not copied). */
    private float[] input;

    private float[] transposedWeights = new float[0];
    private float[] gradient = new float[0];
    private float[] upstream = new float[0];

    /**
     * @param sizes layer widths, input first and output last
     * @param activation the hidden layers' activation
     */
    public JavaMlp(int[] sizes, Activation activation) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes");
        }
        this.sizes = sizes.clone();
        this.activation = activation;
        int layers = sizes.length - 1;
        this.weightOffsets = new int[layers];
        this.biasOffsets = new int[layers];
        int n = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = n;
            n += sizes[l] * sizes[l + 1];
            biasOffsets[l] = n;
            n += sizes[l + 1];
        }
        this.parameterCount = n;
    }

    /** Number of parameters (weights and biases of every layer). */
    public int parameterCount() {
        return parameterCount;
    }

    /** Output width. */
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    private void ensureBatch(int rows) {
        if (rows == batch) {
            return;
        }
        int layers = sizes.length - 1;
        pre = new float[layers][];
        post = new float[layers][];
        gate = new float[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            pre[l] = new float[rows * sizes[l + 1]];
            post[l] = l < layers - 1 ? new float[rows * sizes[l + 1]] : pre[l];
            gate[l] = l < layers - 1 && activation == Activation.SILU ? new float[rows * sizes[l + 1]] : null;
            widest = Math.max(widest, sizes[l + 1]);
        }
        gradient = new float[rows * widest];
        upstream = new float[rows * widest];
        batch = rows;
    }

    /**
     * Evaluates {@code rows} rows of {@code x} ({@code rows * in}) with the parameters in
     * {@code params} from {@code offset}, keeping the activations for {@link #backward}.
     *
     * @return the output, {@code rows * out} (a buffer of this instance, overwritten by the next call)
     */
    public float[] forward(float[] params, int offset, float[] x, int rows) {
        ensureBatch(rows);
        input = x;
        float[] h = x;
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            multiply(
                    h,
                    rows,
                    sizes[l],
                    params,
                    offset + weightOffsets[l],
                    sizes[l + 1],
                    params,
                    offset + biasOffsets[l],
                    pre[l]);
            if (l < layers - 1) {
                activate(pre[l], post[l], gate[l], rows * sizes[l + 1]);
            }
            h = post[l];
        }
        return pre[layers - 1];
    }

    /**
     * Adds the gradients of the last {@link #forward} pass into {@code grads} (same layout as the
     * parameters, from {@code gradOffset}), given the loss's gradient with respect to the output
     * ({@code rows * out}). The parameters must be those of that forward pass.
     */
    public void backward(float[] params, int offset, float[] dOutput, float[] grads, int gradOffset) {
        int rows = batch;
        int layers = sizes.length - 1;
        float[] dz = dOutput;
        boolean intoGradient = true; // the hidden layers' gradients alternate between two buffers
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] h = l == 0 ? input : post[l - 1];
            // dW += h^T dz, db += column sums of dz
            accumulateOuter(h, rows, in, dz, out, grads, gradOffset + weightOffsets[l]);
            int b = gradOffset + biasOffsets[l];
            for (int r = 0; r < rows; r++) {
                int z0 = r * out;
                for (int j = 0; j < out; j++) {
                    grads[b + j] += dz[z0 + j];
                }
            }
            if (l == 0) {
                break;
            }
            // dh = dz W^T, then through the activation
            if (transposedWeights.length < in * out) {
                transposedWeights = new float[in * out];
            }
            transpose(params, offset + weightOffsets[l], in, out, transposedWeights);
            float[] dh = intoGradient ? gradient : upstream;
            intoGradient = !intoGradient;
            multiply(dz, rows, out, transposedWeights, 0, in, null, 0, dh);
            activationBackward(pre[l - 1], post[l - 1], gate[l - 1], dh, rows * in);
            dz = dh;
        }
    }

    /** {@code dst[r][j] = bias[j] + sum_k a[r][k] m[k][j]} (no bias when {@code bias} is null). */
    private static void multiply(
            float[] a, int rows, int inner, float[] m, int mOff, int cols, float[] bias, int biasOff, float[] dst) {
        int lanes = LANES.length();
        int vectorEnd = cols - cols % lanes;
        int r = 0;
        for (; r + ROW_BLOCK <= rows; r += ROW_BLOCK) {
            int a0 = r * inner;
            int a1 = a0 + inner;
            int a2 = a1 + inner;
            int a3 = a2 + inner;
            int j = 0;
            // two vectors of output units at a time: eight independent sums keep both FMA pipes busy
            for (; j + 2 * lanes <= vectorEnd; j += 2 * lanes) {
                FloatVector initA =
                        bias == null ? FloatVector.zero(LANES) : FloatVector.fromArray(LANES, bias, biasOff + j);
                FloatVector initB = bias == null
                        ? FloatVector.zero(LANES)
                        : FloatVector.fromArray(LANES, bias, biasOff + j + lanes);
                FloatVector y0 = initA;
                FloatVector y1 = initA;
                FloatVector y2 = initA;
                FloatVector y3 = initA;
                FloatVector z0 = initB;
                FloatVector z1 = initB;
                FloatVector z2 = initB;
                FloatVector z3 = initB;
                for (int k = 0; k < inner; k++) {
                    int w0 = mOff + k * cols + j;
                    FloatVector wa = FloatVector.fromArray(LANES, m, w0);
                    FloatVector wb = FloatVector.fromArray(LANES, m, w0 + lanes);
                    FloatVector b0 = FloatVector.broadcast(LANES, a[a0 + k]);
                    FloatVector b1 = FloatVector.broadcast(LANES, a[a1 + k]);
                    FloatVector b2 = FloatVector.broadcast(LANES, a[a2 + k]);
                    FloatVector b3 = FloatVector.broadcast(LANES, a[a3 + k]);
                    y0 = wa.fma(b0, y0);
                    y1 = wa.fma(b1, y1);
                    y2 = wa.fma(b2, y2);
                    y3 = wa.fma(b3, y3);
                    z0 = wb.fma(b0, z0);
                    z1 = wb.fma(b1, z1);
                    z2 = wb.fma(b2, z2);
                    z3 = wb.fma(b3, z3);
                }
                y0.intoArray(dst, r * cols + j);
                y1.intoArray(dst, (r + 1) * cols + j);
                y2.intoArray(dst, (r + 2) * cols + j);
                y3.intoArray(dst, (r + 3) * cols + j);
                z0.intoArray(dst, r * cols + j + lanes);
                z1.intoArray(dst, (r + 1) * cols + j + lanes);
                z2.intoArray(dst, (r + 2) * cols + j + lanes);
                z3.intoArray(dst, (r + 3) * cols + j + lanes);
            }
            for (; j < vectorEnd; j += lanes) {
                FloatVector init =
                        bias == null ? FloatVector.zero(LANES) : FloatVector.fromArray(LANES, bias, biasOff + j);
                FloatVector y0 = init;
                FloatVector y1 = init;
                FloatVector y2 = init;
                FloatVector y3 = init;
                for (int k = 0; k < inner; k++) {
                    FloatVector w = FloatVector.fromArray(LANES, m, mOff + k * cols + j);
                    y0 = w.fma(FloatVector.broadcast(LANES, a[a0 + k]), y0);
                    y1 = w.fma(FloatVector.broadcast(LANES, a[a1 + k]), y1);
                    y2 = w.fma(FloatVector.broadcast(LANES, a[a2 + k]), y2);
                    y3 = w.fma(FloatVector.broadcast(LANES, a[a3 + k]), y3);
                }
                y0.intoArray(dst, r * cols + j);
                y1.intoArray(dst, (r + 1) * cols + j);
                y2.intoArray(dst, (r + 2) * cols + j);
                y3.intoArray(dst, (r + 3) * cols + j);
            }
            for (j = vectorEnd; j < cols; j++) {
                float init = bias == null ? 0f : bias[biasOff + j];
                float y0 = init;
                float y1 = init;
                float y2 = init;
                float y3 = init;
                for (int k = 0; k < inner; k++) {
                    float w = m[mOff + k * cols + j];
                    y0 = Math.fma(a[a0 + k], w, y0);
                    y1 = Math.fma(a[a1 + k], w, y1);
                    y2 = Math.fma(a[a2 + k], w, y2);
                    y3 = Math.fma(a[a3 + k], w, y3);
                }
                dst[r * cols + j] = y0;
                dst[(r + 1) * cols + j] = y1;
                dst[(r + 2) * cols + j] = y2;
                dst[(r + 3) * cols + j] = y3;
            }
        }
        for (; r < rows; r++) {
            int a0 = r * inner;
            for (int j = 0; j < vectorEnd; j += lanes) {
                FloatVector y =
                        bias == null ? FloatVector.zero(LANES) : FloatVector.fromArray(LANES, bias, biasOff + j);
                for (int k = 0; k < inner; k++) {
                    y = FloatVector.fromArray(LANES, m, mOff + k * cols + j)
                            .fma(FloatVector.broadcast(LANES, a[a0 + k]), y);
                }
                y.intoArray(dst, r * cols + j);
            }
            for (int j = vectorEnd; j < cols; j++) {
                float y = bias == null ? 0f : bias[biasOff + j];
                for (int k = 0; k < inner; k++) {
                    y = Math.fma(a[a0 + k], m[mOff + k * cols + j], y);
                }
                dst[r * cols + j] = y;
            }
        }
    }

    /**
     * {@code dst[dOff + i*cols + j] += sum_r h[r][i] dz[r][j]} (the weight gradient h^T dz, read from
     * h as it is), four rows i at a time sharing each load of dz.
     */
    private static void accumulateOuter(float[] h, int rows, int in, float[] dz, int cols, float[] dst, int dOff) {
        int lanes = LANES.length();
        int vectorEnd = cols - cols % lanes;
        int i = 0;
        for (; i + ROW_BLOCK <= in; i += ROW_BLOCK) {
            int d0 = dOff + i * cols;
            int j = 0;
            for (; j + 2 * lanes <= vectorEnd; j += 2 * lanes) {
                FloatVector y0 = FloatVector.fromArray(LANES, dst, d0 + j);
                FloatVector y1 = FloatVector.fromArray(LANES, dst, d0 + cols + j);
                FloatVector y2 = FloatVector.fromArray(LANES, dst, d0 + 2 * cols + j);
                FloatVector y3 = FloatVector.fromArray(LANES, dst, d0 + 3 * cols + j);
                FloatVector z0 = FloatVector.fromArray(LANES, dst, d0 + j + lanes);
                FloatVector z1 = FloatVector.fromArray(LANES, dst, d0 + cols + j + lanes);
                FloatVector z2 = FloatVector.fromArray(LANES, dst, d0 + 2 * cols + j + lanes);
                FloatVector z3 = FloatVector.fromArray(LANES, dst, d0 + 3 * cols + j + lanes);
                for (int r = 0; r < rows; r++) {
                    FloatVector ga = FloatVector.fromArray(LANES, dz, r * cols + j);
                    FloatVector gb = FloatVector.fromArray(LANES, dz, r * cols + j + lanes);
                    int h0 = r * in + i;
                    FloatVector b0 = FloatVector.broadcast(LANES, h[h0]);
                    FloatVector b1 = FloatVector.broadcast(LANES, h[h0 + 1]);
                    FloatVector b2 = FloatVector.broadcast(LANES, h[h0 + 2]);
                    FloatVector b3 = FloatVector.broadcast(LANES, h[h0 + 3]);
                    y0 = ga.fma(b0, y0);
                    y1 = ga.fma(b1, y1);
                    y2 = ga.fma(b2, y2);
                    y3 = ga.fma(b3, y3);
                    z0 = gb.fma(b0, z0);
                    z1 = gb.fma(b1, z1);
                    z2 = gb.fma(b2, z2);
                    z3 = gb.fma(b3, z3);
                }
                y0.intoArray(dst, d0 + j);
                y1.intoArray(dst, d0 + cols + j);
                y2.intoArray(dst, d0 + 2 * cols + j);
                y3.intoArray(dst, d0 + 3 * cols + j);
                z0.intoArray(dst, d0 + j + lanes);
                z1.intoArray(dst, d0 + cols + j + lanes);
                z2.intoArray(dst, d0 + 2 * cols + j + lanes);
                z3.intoArray(dst, d0 + 3 * cols + j + lanes);
            }
            for (; j < vectorEnd; j += lanes) {
                FloatVector y0 = FloatVector.fromArray(LANES, dst, d0 + j);
                FloatVector y1 = FloatVector.fromArray(LANES, dst, d0 + cols + j);
                FloatVector y2 = FloatVector.fromArray(LANES, dst, d0 + 2 * cols + j);
                FloatVector y3 = FloatVector.fromArray(LANES, dst, d0 + 3 * cols + j);
                for (int r = 0; r < rows; r++) {
                    FloatVector g = FloatVector.fromArray(LANES, dz, r * cols + j);
                    int h0 = r * in + i;
                    y0 = g.fma(FloatVector.broadcast(LANES, h[h0]), y0);
                    y1 = g.fma(FloatVector.broadcast(LANES, h[h0 + 1]), y1);
                    y2 = g.fma(FloatVector.broadcast(LANES, h[h0 + 2]), y2);
                    y3 = g.fma(FloatVector.broadcast(LANES, h[h0 + 3]), y3);
                }
                y0.intoArray(dst, d0 + j);
                y1.intoArray(dst, d0 + cols + j);
                y2.intoArray(dst, d0 + 2 * cols + j);
                y3.intoArray(dst, d0 + 3 * cols + j);
            }
            for (j = vectorEnd; j < cols; j++) {
                float y0 = 0f;
                float y1 = 0f;
                float y2 = 0f;
                float y3 = 0f;
                for (int r = 0; r < rows; r++) {
                    float g = dz[r * cols + j];
                    int h0 = r * in + i;
                    y0 = Math.fma(h[h0], g, y0);
                    y1 = Math.fma(h[h0 + 1], g, y1);
                    y2 = Math.fma(h[h0 + 2], g, y2);
                    y3 = Math.fma(h[h0 + 3], g, y3);
                }
                dst[d0 + j] += y0;
                dst[d0 + cols + j] += y1;
                dst[d0 + 2 * cols + j] += y2;
                dst[d0 + 3 * cols + j] += y3;
            }
        }
        for (; i < in; i++) {
            int d0 = dOff + i * cols;
            for (int j = 0; j < vectorEnd; j += lanes) {
                FloatVector y = FloatVector.fromArray(LANES, dst, d0 + j);
                for (int r = 0; r < rows; r++) {
                    y = FloatVector.fromArray(LANES, dz, r * cols + j)
                            .fma(FloatVector.broadcast(LANES, h[r * in + i]), y);
                }
                y.intoArray(dst, d0 + j);
            }
            for (int j = vectorEnd; j < cols; j++) {
                float y = 0f;
                for (int r = 0; r < rows; r++) {
                    y = Math.fma(h[r * in + i], dz[r * cols + j], y);
                }
                dst[d0 + j] += y;
            }
        }
    }

    /** {@code dst[j][i] = m[off + i*cols + j]}. */
    private static void transpose(float[] m, int off, int rows, int cols, float[] dst) {
        for (int i = 0; i < rows; i++) {
            int s = off + i * cols;
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = m[s + j];
            }
        }
    }

    /** {@code h = activation(z)}; with SiLU also {@code s = sigmoid(z)}, which the backward pass reads. */
    private void activate(float[] z, float[] h, float[] s, int n) {
        int lanes = LANES.length();
        int end = n - n % lanes;
        switch (activation) {
            case TANH -> {
                for (int i = 0; i < end; i += lanes) {
                    FloatVector.fromArray(LANES, z, i)
                            .lanewise(VectorOperators.TANH)
                            .intoArray(h, i);
                }
                for (int i = end; i < n; i++) {
                    h[i] = (float) Math.tanh(z[i]);
                }
            }
            case SILU -> {
                FloatVector one = FloatVector.broadcast(LANES, 1f);
                for (int i = 0; i < end; i += lanes) {
                    FloatVector x = FloatVector.fromArray(LANES, z, i);
                    FloatVector den = x.neg().lanewise(VectorOperators.EXP).add(one);
                    x.div(den).intoArray(h, i);
                    one.div(den).intoArray(s, i);
                }
                for (int i = end; i < n; i++) {
                    double den = 1.0 + Math.exp(-z[i]);
                    h[i] = (float) (z[i] / den);
                    s[i] = (float) (1 / den);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    h[i] = Math.max(0f, z[i]);
                }
            }
        }
    }

    /** {@code d *= activation'(z)}, given the pre-activation z, the activation h and (SiLU) the sigmoid s of z. */
    private void activationBackward(float[] z, float[] h, float[] s, float[] d, int n) {
        switch (activation) {
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= 1f - h[i] * h[i];
                }
            }
            case SILU -> {
                // silu'(z) = s (1 + z (1 - s))
                int lanes = LANES.length();
                int end = n - n % lanes;
                FloatVector one = FloatVector.broadcast(LANES, 1f);
                for (int i = 0; i < end; i += lanes) {
                    FloatVector g = FloatVector.fromArray(LANES, s, i);
                    FloatVector slope = one.sub(g)
                            .mul(FloatVector.fromArray(LANES, z, i))
                            .add(one)
                            .mul(g);
                    FloatVector.fromArray(LANES, d, i).mul(slope).intoArray(d, i);
                }
                for (int i = end; i < n; i++) {
                    d[i] *= s[i] * (1f + z[i] * (1f - s[i]));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (z[i] <= 0f) {
                        d[i] = 0f;
                    }
                }
            }
        }
    }
}
