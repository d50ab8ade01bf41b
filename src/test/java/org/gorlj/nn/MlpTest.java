package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlpTest {
    private static double loss(Mlp mlp, NDManager m, float[] x) {
        try (NDManager s = m.newSubManager()) {
            NDArray out = mlp.forward(s.create(x, new Shape(2, 3)));
            return out.square().sum().getFloat();
        }
    }

    /** Autograd gradients of sum(MLP(x)^2) agree with central finite differences, for every layer and activation. */
    @Test
    void gradientsMatchFiniteDifferences() {
        for (Activation act : Activation.values()) {
            try (ParamStore store = new ParamStore();
                    NDManager m = Torch.newManager()) {
                Mlp mlp = new Mlp(store, "net", new int[] {3, 5, 4, 2}, act, Init.ORTHOGONAL, 1.0, 1.0, new Rng(7));
                float[] x = {0.3f, -0.7f, 1.1f, 0.05f, 0.9f, -0.4f};
                try (NDManager s = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = mlp.forward(s.create(x, new Shape(2, 3)));
                    gc.backward(out.square().sum());
                }
                for (String name : store.names()) {
                    NDArray p = store.get(name);
                    float[] grad;
                    try (NDArray g = p.getGradient()) {
                        grad = g.toFloatArray();
                    }
                    float[] w = p.toFloatArray();
                    for (int i = 0; i < w.length; i += Math.max(1, w.length / 6)) {
                        double h = 1e-2;
                        float[] plus = w.clone();
                        plus[i] += (float) h;
                        p.set(plus);
                        double lp = loss(mlp, m, x);
                        float[] minus = w.clone();
                        minus[i] -= (float) h;
                        p.set(minus);
                        double lm = loss(mlp, m, x);
                        p.set(w);
                        double fd = (lp - lm) / (2 * h);
                        assertThat((double) grad[i])
                                .as("%s %s[%d]", act, name, i)
                                .isCloseTo(fd, within(2e-3 + 2e-2 * Math.abs(fd)));
                    }
                }
            }
        }
    }

    @Test
    void javaSnapshotAgreesWithTensorForward() {
        try (ParamStore store = new ParamStore();
                NDManager m = Torch.newManager()) {
            Mlp mlp = new Mlp(
                    store, "net", new int[] {4, 16, 16, 3}, Activation.SILU, Init.LECUN_UNIFORM, 1.0, 1.0, new Rng(1));
            float[] x = new float[5 * 4];
            new Rng(2).fillGaussian(x);
            float[] torch = mlp.forward(m.create(x, new Shape(5, 4))).toFloatArray();
            float[] java = new float[15];
            mlp.snapshot().forward(x, 5, java);
            for (int i = 0; i < 15; i++) {
                assertThat(java[i]).isCloseTo(torch[i], within(1e-5f));
            }
        }
    }

    /**
     * The blocked and the SIMD evaluations are bit-identical to a naive row-by-row one, for every
     * batch size around the block: narrow layers (one zero-padded vector), and wide ones whose widths
     * exercise the two-vector, one-vector and scalar-tail parts of the SIMD kernel (widths 64, 48,
     * 40 and 24 against 8 or 16 lanes).
     */
    @ParameterizedTest
    @ValueSource(strings = {"6,9,7,3", "5,64,40,3", "7,48,24,3"})
    void snapshotEvaluatesWithoutChangingABit(String widths) {
        int[] sizes = java.util.Arrays.stream(widths.split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        try (ParamStore store = new ParamStore()) {
            Mlp mlp = new Mlp(store, "net", sizes, Activation.TANH, Init.ORTHOGONAL, 1.0, 1.0, new Rng(3));
            float[][] w = new float[3][];
            float[][] b = new float[3][];
            for (int l = 0; l < 3; l++) {
                w[l] = store.get("net.w" + l).toFloatArray();
                b[l] = store.get("net.b" + l).toFloatArray();
            }
            Mlp.Snapshot snap = mlp.snapshot();
            for (int batch = 1; batch <= 9; batch++) {
                float[] x = new float[batch * sizes[0]];
                new Rng(batch).fillGaussian(x);
                float[] got = new float[batch * 3];
                snap.forward(x, batch, got);
                for (int r = 0; r < batch; r++) {
                    float[] h = java.util.Arrays.copyOfRange(x, r * sizes[0], (r + 1) * sizes[0]);
                    for (int l = 0; l < 3; l++) {
                        float[] next = b[l].clone();
                        for (int i = 0; i < sizes[l]; i++) {
                            for (int j = 0; j < sizes[l + 1]; j++) {
                                next[j] += h[i] * w[l][i * sizes[l + 1] + j];
                            }
                        }
                        if (l < 2) {
                            for (int j = 0; j < next.length; j++) {
                                next[j] = Activation.TANH.apply(next[j]);
                            }
                        }
                        h = next;
                    }
                    for (int j = 0; j < 3; j++) {
                        assertThat(got[r * 3 + j])
                                .as("batch %d row %d output %d", batch, r, j)
                                .isEqualTo(h[j]);
                    }
                }
            }
        }
    }

    /** A zero output layer (a fresh decoder's) outputs exactly its bias, whatever the input. */
    @Test
    void zeroOutputLayerOutputsItsBias() {
        try (ParamStore store = new ParamStore()) {
            Mlp mlp = new Mlp(
                    store, "net", new int[] {4, 8, 2}, Activation.SILU, Init.LECUN_UNIFORM, 1.0, 0.0, new Rng(5));
            store.get("net.b1").set(new float[] {0.25f, -1.5f});
            float[] x = new float[3 * 4];
            new Rng(6).fillGaussian(x);
            float[] out = new float[6];
            mlp.snapshot().forward(x, 3, out);
            assertThat(out).containsExactly(0.25f, -1.5f, 0.25f, -1.5f, 0.25f, -1.5f);
        }
    }

    @Test
    void orthogonalInitHasOrthonormalColumnsTimesGain() {
        float[] w = Init.ORTHOGONAL.weights(8, 3, 2.0, new Rng(5));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int r = 0; r < 8; r++) {
                    dot += w[r * 3 + a] * w[r * 3 + b];
                }
                assertThat(dot).isCloseTo(a == b ? 4.0 : 0.0, within(1e-5));
            }
        }
    }

    /** One fused Adam step equals the textbook update, and clipping scales gradients to the max norm. */
    @Test
    void adamStepMatchesTheFormula() {
        try (ParamStore store = new ParamStore();
                NDManager m = Torch.newManager()) {
            NDArray p = store.add("p", new float[] {1f, -2f}, new Shape(2));
            Adam adam = new Adam(List.of(store), 0.9, 0.999, 1e-8);
            double[] target = {0.5, 0.5};
            double[] w = {1, -2};
            double[] mo = new double[2];
            double[] ve = new double[2];
            for (int step = 1; step <= 3; step++) {
                try (NDManager s = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray t = s.create(new float[] {0.5f, 0.5f});
                    gc.backward(t.sub(p).square().sum());
                }
                double normBefore = 0;
                double[] g = new double[2];
                for (int i = 0; i < 2; i++) {
                    g[i] = 2 * (w[i] - target[i]);
                    normBefore += g[i] * g[i];
                }
                normBefore = Math.sqrt(normBefore);
                double maxNorm = 1.0;
                double scale = normBefore > maxNorm ? maxNorm / (normBefore + 1e-6) : 1;
                double norm = adam.step(0.1, maxNorm);
                assertThat(norm).isCloseTo(normBefore, within(1e-4));
                for (int i = 0; i < 2; i++) {
                    double gi = g[i] * scale;
                    mo[i] = 0.9 * mo[i] + 0.1 * gi;
                    ve[i] = 0.999 * ve[i] + 0.001 * gi * gi;
                    double mh = mo[i] / (1 - Math.pow(0.9, step));
                    double vh = ve[i] / (1 - Math.pow(0.999, step));
                    w[i] -= 0.1 * mh / (Math.sqrt(vh) + 1e-8);
                }
                float[] got = p.toFloatArray();
                assertThat((double) got[0]).isCloseTo(w[0], within(1e-5));
                assertThat((double) got[1]).isCloseTo(w[1], within(1e-5));
            }
        }
    }
}
