package org.gorlj.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
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

    /** An MLP from {@code in} inputs through the {@code hidden} widths to {@code out} outputs. */
    public JavaMlp(int in, int[] hidden, int out, Activation activation) {
        this(layerWidths(in, hidden, out), activation);
    }

    private static int[] layerWidths(int in, int[] hidden, int out) {
        int[] w = new int[hidden.length + 2];
        w[0] = in;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = out;
        return w;
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
            int out = sizes[l + 1];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(params, offset + biasOffsets[l], pre[l], r * out, out);
            }
            dense(h, sizes[l], 1, rows, sizes[l], params, offset + weightOffsets[l], out, pre[l], 0);
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
            dense(h, 1, in, in, rows, dz, 0, out, grads, gradOffset + weightOffsets[l]);
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
            java.util.Arrays.fill(dh, 0, rows * in, 0f);
            dense(dz, out, 1, rows, out, transposedWeights, 0, in, dh, 0);
            activationBackward(pre[l - 1], post[l - 1], gate[l - 1], dh, rows * in);
            dz = dh;
        }
    }

    /**
     * {@code dst[dOff + r*cols + j] += sum_k a[r*rowStride + k*colStride] * m[mOff + k*cols + j]}
     * for {@code rows} rows of the strided matrix {@code a} ({@code inner} columns): the forward pass
     * ({@code a} row-major), the input gradient dz W^T, and the weight gradient h^T dz (h read in place
     * as its transpose, {@code rowStride} 1). SIMD across the outputs j, four rows by two vectors of
     * outputs at a time (eight independent fused multiply-add chains, each weight vector loaded once
     * per four rows), then four rows by one vector, the outputs past the last full vector four rows by
     * two at a time in scalars ({@link #blockTail}), and the rows past the last block of four one at a
     * time; each sum adds its terms in the order of k.
     */
    private static void dense(
            float[] a,
            int rowStride,
            int colStride,
            int rows,
            int inner,
            float[] m,
            int mOff,
            int cols,
            float[] dst,
            int dOff) {
        int lanes = LANES.length();
        int vectorEnd = cols - cols % lanes;
        int r = 0;
        for (; r + ROW_BLOCK <= rows; r += ROW_BLOCK) {
            int a0 = r * rowStride;
            int a1 = a0 + rowStride;
            int a2 = a1 + rowStride;
            int a3 = a2 + rowStride;
            int d0 = dOff + r * cols;
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
                for (int k = 0; k < inner; k++) {
                    int w0 = mOff + k * cols + j;
                    int ak = k * colStride;
                    FloatVector wa = FloatVector.fromArray(LANES, m, w0);
                    FloatVector wb = FloatVector.fromArray(LANES, m, w0 + lanes);
                    FloatVector b0 = FloatVector.broadcast(LANES, a[a0 + ak]);
                    FloatVector b1 = FloatVector.broadcast(LANES, a[a1 + ak]);
                    FloatVector b2 = FloatVector.broadcast(LANES, a[a2 + ak]);
                    FloatVector b3 = FloatVector.broadcast(LANES, a[a3 + ak]);
                    y0 = wa.fma(b0, y0);
                    y1 = wa.fma(b1, y1);
                    y2 = wa.fma(b2, y2);
                    y3 = wa.fma(b3, y3);
                    z0 = wb.fma(b0, z0);
                    z1 = wb.fma(b1, z1);
                    z2 = wb.fma(b2, z2);
                    z3 = wb.fma(b3, z3);
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
                for (int k = 0; k < inner; k++) {
                    FloatVector w = FloatVector.fromArray(LANES, m, mOff + k * cols + j);
                    int ak = k * colStride;
                    y0 = w.fma(FloatVector.broadcast(LANES, a[a0 + ak]), y0);
                    y1 = w.fma(FloatVector.broadcast(LANES, a[a1 + ak]), y1);
                    y2 = w.fma(FloatVector.broadcast(LANES, a[a2 + ak]), y2);
                    y3 = w.fma(FloatVector.broadcast(LANES, a[a3 + ak]), y3);
                }
                y0.intoArray(dst, d0 + j);
                y1.intoArray(dst, d0 + cols + j);
                y2.intoArray(dst, d0 + 2 * cols + j);
                y3.intoArray(dst, d0 + 3 * cols + j);
            }
            blockTail(a, a0, rowStride, colStride, inner, m, mOff, cols, vectorEnd, dst, d0);
        }
        for (; r < rows; r++) {
            int a0 = r * rowStride;
            int d0 = dOff + r * cols;
            for (int j = 0; j < vectorEnd; j += lanes) {
                FloatVector y = FloatVector.fromArray(LANES, dst, d0 + j);
                for (int k = 0; k < inner; k++) {
                    y = FloatVector.fromArray(LANES, m, mOff + k * cols + j)
                            .fma(FloatVector.broadcast(LANES, a[a0 + k * colStride]), y);
                }
                y.intoArray(dst, d0 + j);
            }
            scalarTail(a, a0, colStride, inner, m, mOff, cols, vectorEnd, dst, d0);
        }
    }

    /**
     * Outputs {@code from .. cols} of the four rows from {@code a0} of {@link #dense}: four rows by two
     * outputs at a time (eight independent scalar fused multiply-add chains; a narrow output layer
     * such as a velocity's or a value's would otherwise be one dependent chain per output), then four
     * rows by one. Each sum adds its terms in the order of k, as {@link #scalarTail}.
     */
    private static void blockTail(
            float[] a,
            int a0,
            int rowStride,
            int colStride,
            int inner,
            float[] m,
            int mOff,
            int cols,
            int from,
            float[] dst,
            int d0) {
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int j = from;
        for (; j + 2 <= cols; j += 2) {
            int d = d0 + j;
            float y0 = dst[d];
            float y1 = dst[d + cols];
            float y2 = dst[d + 2 * cols];
            float y3 = dst[d + 3 * cols];
            float z0 = dst[d + 1];
            float z1 = dst[d + cols + 1];
            float z2 = dst[d + 2 * cols + 1];
            float z3 = dst[d + 3 * cols + 1];
            for (int k = 0; k < inner; k++) {
                int ak = k * colStride;
                float wy = m[mOff + k * cols + j];
                float wz = m[mOff + k * cols + j + 1];
                float b0 = a[a0 + ak];
                float b1 = a[a1 + ak];
                float b2 = a[a2 + ak];
                float b3 = a[a3 + ak];
                y0 = Math.fma(b0, wy, y0);
                y1 = Math.fma(b1, wy, y1);
                y2 = Math.fma(b2, wy, y2);
                y3 = Math.fma(b3, wy, y3);
                z0 = Math.fma(b0, wz, z0);
                z1 = Math.fma(b1, wz, z1);
                z2 = Math.fma(b2, wz, z2);
                z3 = Math.fma(b3, wz, z3);
            }
            dst[d] = y0;
            dst[d + cols] = y1;
            dst[d + 2 * cols] = y2;
            dst[d + 3 * cols] = y3;
            dst[d + 1] = z0;
            dst[d + cols + 1] = z1;
            dst[d + 2 * cols + 1] = z2;
            dst[d + 3 * cols + 1] = z3;
        }
        if (j < cols) {
            int d = d0 + j;
            float y0 = dst[d];
            float y1 = dst[d + cols];
            float y2 = dst[d + 2 * cols];
            float y3 = dst[d + 3 * cols];
            for (int k = 0; k < inner; k++) {
                int ak = k * colStride;
                float w = m[mOff + k * cols + j];
                y0 = Math.fma(a[a0 + ak], w, y0);
                y1 = Math.fma(a[a1 + ak], w, y1);
                y2 = Math.fma(a[a2 + ak], w, y2);
                y3 = Math.fma(a[a3 + ak], w, y3);
            }
            dst[d] = y0;
            dst[d + cols] = y1;
            dst[d + 2 * cols] = y2;
            dst[d + 3 * cols] = y3;
        }
    }

    /** Outputs {@code from .. cols} of one row of {@link #dense}, one at a time. */
    private static void scalarTail(
            float[] a, int a0, int colStride, int inner, float[] m, int mOff, int cols, int from, float[] dst, int d0) {
        for (int j = from; j < cols; j++) {
            float y = dst[d0 + j];
            for (int k = 0; k < inner; k++) {
                y = Math.fma(a[a0 + k * colStride], m[mOff + k * cols + j], y);
            }
            dst[d0 + j] = y;
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

    /**
     * {@code h = activation(z)}; with SiLU also {@code s = sigmoid(z)}, which the backward pass reads.
     * tanh through {@link VectorActivations}, SiLU's sigmoid through {@link #exp}: floats that do not
     * depend on the JIT's state, so a seed gives the same bits however far the compiler has got.
     */
    private void activate(float[] z, float[] h, float[] s, int n) {
        switch (activation) {
            case TANH -> VectorActivations.apply(VectorActivations.Function.TANH, z, h, n);
            case SILU -> {
                FloatVector one = FloatVector.broadcast(LANES, 1f);
                for (int i = 0; i < n; i += LANES.length()) { // the tail through a masked vector: the same arithmetic
                    VectorMask<Float> in = LANES.indexInRange(i, n);
                    FloatVector x = FloatVector.fromArray(LANES, z, i, in);
                    FloatVector sig = one.div(exp(x.neg()).add(one));
                    sig.intoArray(s, i, in);
                    x.mul(sig).intoArray(h, i, in);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    h[i] = Math.max(0f, z[i]);
                }
            }
        }
    }

    private static final float LOG2E = (float) (1 / Math.log(2));
    /** ln 2 in two parts: the high one has few enough bits that n * LN2_HI is exact for |n| < 2^8. */
    private static final float LN2_HI = 355f / 512;

    private static final float LN2_LO = (float) (Math.log(2) - 355.0 / 512);
    /** A float's exponent bias and the bits below its exponent field. */
    private static final int EXPONENT_BIAS = 127;

    private static final int MANTISSA_BITS = 23;
    /** 1.5 * 2^23: adding and subtracting it rounds a float below 2^22 in size to the nearest integer. */
    private static final float ROUND = 12582912f;

    /**
     * e^x lane-wise, x clamped to [-87, 87], with IEEE arithmetic only (no lane-wise exp, whose
     * interpreted and compiled forms differ in their last bits): x = n ln 2 + r with |r| <= ln 2 / 2,
     * e^r by its Taylor polynomial of degree 7 (truncation below 1e-8 relative), times 2^n set in the
     * exponent bits. Within a few float ulps of e^x; the same bits interpreted and compiled.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(-87f).min(87f);
        FloatVector n = c.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(LANES, -LN2_HI), c);
        r = n.fma(FloatVector.broadcast(LANES, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(LANES, 1f / 5040);
        p = p.fma(r, FloatVector.broadcast(LANES, 1f / 720));
        p = p.fma(r, FloatVector.broadcast(LANES, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(LANES, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(LANES, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(LANES, 0.5f));
        p = p.fma(r, FloatVector.broadcast(LANES, 1f));
        p = p.fma(r, FloatVector.broadcast(LANES, 1f));
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0))
                .add(EXPONENT_BIAS)
                .lanewise(VectorOperators.LSHL, MANTISSA_BITS);
        return p.mul(bits.reinterpretAsFloats());
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
