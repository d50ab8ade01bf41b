package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.gorlj.run.DivergenceException;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java MLP and Adam against the tensor ones: same outputs, same gradients (autograd's and
 * central finite differences), same Adam steps. The widths leave partial SIMD vectors and the batch
 * partial row blocks, so every loop tail is exercised.
 */
class JavaMlpTest {
    private static final int[] SIZES = {5, 40, 33, 3};
    private static final int BATCH = 9;

    private static float[] random(int n, long seed) {
        float[] a = new float[n];
        new Rng(seed).fillGaussian(a);
        return a;
    }

    /** The store's values in {@link JavaMlp}'s layout (Mlp's creation order). */
    private static float[] flat(ParamStore store) {
        float[] out = new float[Math.toIntExact(store.size())];
        int at = 0;
        for (float[] v : store.export().values()) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static double weightedSum(float[] out, float[] c) {
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += (double) out[i] * c[i];
        }
        return s;
    }

    @Test
    void forwardAndGradientsMatchTheTensorNetwork() {
        float[] x = random(BATCH * SIZES[0], 1);
        float[] c = random(BATCH * SIZES[3], 2); // loss = sum(c * out), so dLoss/dOut = c
        for (Activation act : Activation.values()) {
            try (ParamStore store = new ParamStore();
                    NDManager m = Torch.newManager()) {
                Mlp mlp = new Mlp(store, "net", SIZES, act, Init.ORTHOGONAL, 1.0, 1.0, new Rng(3));
                float[] expected;
                try (NDManager s = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = mlp.forward(Tensors.create(s, x, new Shape(BATCH, SIZES[0])));
                    expected = out.toFloatArray();
                    gc.backward(out.mul(Tensors.create(s, c, out.getShape())).sum());
                }
                JavaMlp net = new JavaMlp(SIZES, act);
                float[] params = flat(store);
                assertThat(net.parameterCount()).isEqualTo(params.length);
                float[] out = net.forward(params, 0, x, BATCH);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(out[i]).as("%s output %d", act, i).isCloseTo(expected[i], within(1e-5f));
                }
                float[] grads = new float[params.length + 2];
                net.backward(params, 0, c, grads, 2); // at an offset, as in a shared parameter vector
                int at = 2;
                for (String name : store.names()) {
                    at += AutogradGradients.assertMatch(store, name, grads, at, 1e-5, 1e-6, act.toString());
                }
                assertThat(grads[0]).isZero();
                assertThat(grads[1]).isZero();
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        float[] x = random(BATCH * SIZES[0], 4);
        float[] c = random(BATCH * SIZES[3], 5);
        for (Activation act : Activation.values()) {
            try (ParamStore store = new ParamStore()) {
                new Mlp(store, "net", SIZES, act, Init.ORTHOGONAL, 1.0, 1.0, new Rng(6));
                float[] params = flat(store);
                JavaMlp net = new JavaMlp(SIZES, act);
                net.forward(params, 0, x, BATCH);
                float[] grads = new float[params.length];
                net.backward(params, 0, c, grads, 0);
                int checked = 0;
                int total = 0;
                for (int i = 0; i < params.length; i += 37) {
                    total++;
                    double fd = centralDifference(net, params, i, 1e-3, x, c);
                    double tolerance = 2e-3 + 2e-2 * Math.abs(fd);
                    if (act == Activation.RELU
                            && Math.abs(centralDifference(net, params, i, 2.5e-4, x, c) - fd) > tolerance) {
                        continue; // a unit's input crosses 0 within the step: no derivative to compare with
                    }
                    checked++;
                    assertThat((double) grads[i]).as("%s parameter %d", act, i).isCloseTo(fd, within(tolerance));
                }
                assertThat(checked).as("%s parameters compared", act).isGreaterThanOrEqualTo(total * 9 / 10);
            }
        }
    }

    private static double centralDifference(JavaMlp net, float[] params, int i, double h, float[] x, float[] c) {
        float keep = params[i];
        params[i] = (float) (keep + h);
        double plus = weightedSum(net.forward(params, 0, x, BATCH), c);
        params[i] = (float) (keep - h);
        double minus = weightedSum(net.forward(params, 0, x, BATCH), c);
        params[i] = keep;
        return (plus - minus) / (2 * h);
    }

    @Test
    void backwardAddsToTheGradientsItIsGiven() {
        float[] x = random(BATCH * SIZES[0], 7);
        float[] c = random(BATCH * SIZES[3], 8);
        try (ParamStore store = new ParamStore()) {
            new Mlp(store, "net", SIZES, Activation.TANH, Init.ORTHOGONAL, 1.0, 1.0, new Rng(9));
            float[] params = flat(store);
            JavaMlp net = new JavaMlp(SIZES, Activation.TANH);
            net.forward(params, 0, x, BATCH);
            float[] once = new float[params.length];
            net.backward(params, 0, c, once, 0);
            float[] twice = new float[params.length];
            net.backward(params, 0, c, twice, 0);
            net.backward(params, 0, c, twice, 0);
            for (int i = 0; i < once.length; i++) {
                assertThat(twice[i]).isCloseTo(2 * once[i], within(1e-5f * (1 + Math.abs(once[i]))));
            }
        }
    }

    /** Six steps with the same gradients through the tensor Adam and the plain-Java one, with and without clipping. */
    @Test
    void javaAdamStepsAsTheTensorAdam() {
        for (double maxNorm : new double[] {0, 0.05}) {
            try (ParamStore store = new ParamStore();
                    NDManager m = Torch.newManager()) {
                float[] w0 = random(50, 10);
                float[] c = random(50, 11);
                NDArray p = store.add("p", w0, new Shape(5, 10));
                Adam adam = new Adam(List.of(store), 0.9, 0.999, 1e-5);
                JavaAdam javaAdam = new JavaAdam(50, 0.9, 0.999, 1e-5);
                float[] w = w0.clone();
                for (int step = 0; step < 6; step++) {
                    float[] g = new float[50];
                    float[] current = p.toFloatArray();
                    try (NDManager s = m.newSubManager();
                            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        // loss = sum(c * p^2): gradient 2 c p, different at every step
                        gc.backward(p.square()
                                .mul(Tensors.create(s, c, p.getShape()))
                                .sum());
                    }
                    for (int i = 0; i < 50; i++) {
                        g[i] = 2 * c[i] * w[i];
                    }
                    double norm = adam.step(1e-2, maxNorm);
                    double javaNorm = javaAdam.step(w, g, 1e-2, maxNorm);
                    assertThat(javaNorm).isCloseTo(norm, within(1e-5 * norm));
                    float[] expected = p.toFloatArray();
                    for (int i = 0; i < 50; i++) {
                        assertThat(w[i])
                                .as("max norm %s, step %d, value %d", maxNorm, step, i)
                                .isCloseTo(expected[i], within(1e-6f))
                                .isNotEqualTo(current[i]);
                    }
                }
                assertThat(javaAdam.steps()).isEqualTo(adam.steps()).isEqualTo(6);
                Map<String, float[]> moments = adam.export();
                for (int i = 0; i < 50; i++) {
                    assertThat(javaAdam.firstMoments()[i]).isCloseTo(moments.get("p.m")[i], within(1e-6f));
                    assertThat(javaAdam.secondMoments()[i]).isCloseTo(moments.get("p.v")[i], within(1e-7f));
                }
            }
        }
    }

    @Test
    void aNonFiniteGradientLeavesTheParametersAsTheyWere() {
        JavaAdam adam = new JavaAdam(3, 0.9, 0.999, 1e-5);
        float[] w = {1f, 2f, 3f};
        assertThatThrownBy(() -> adam.step(w, new float[] {0f, Float.NaN, 1f}, 1e-3, 0.5))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("gradient norm is NaN");
        assertThat(w).containsExactly(1f, 2f, 3f);
        assertThat(adam.steps()).isZero();
    }

    /** The lane-wise exp of the SiLU layers stays within 4 float ulps of Math.exp over [-87, 87] and clamps outside it. */
    @Test
    void expIsWithinFourUlpsOfMathExp() {
        jdk.incubator.vector.VectorSpecies<Float> lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        float[] x = new float[lanes.length()];
        double worst = 0;
        for (int k = 0; k <= 1_740_000; k += x.length) {
            for (int l = 0; l < x.length; l++) {
                x[l] = -87f + (k + l) * 1e-4f;
            }
            float[] e = JavaMlp.exp(jdk.incubator.vector.FloatVector.fromArray(lanes, x, 0))
                    .toArray();
            for (int l = 0; l < x.length && x[l] <= 87f; l++) {
                float expected = (float) Math.exp(x[l]);
                worst = Math.max(worst, Math.abs(e[l] - expected) / Math.ulp(expected));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(4);
        x[0] = -200f;
        x[1] = 200f;
        float[] e = JavaMlp.exp(jdk.incubator.vector.FloatVector.fromArray(lanes, x, 0))
                .toArray();
        assertThat(e[0]).isCloseTo((float) Math.exp(-87), within(Float.MIN_VALUE * 8));
        assertThat(e[1]).isCloseTo((float) Math.exp(87), within(Math.ulp((float) Math.exp(87)) * 4));
    }
}
