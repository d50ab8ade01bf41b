package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * GoRL's latent regulariser in its two forms: the values of a hand computation, and the plain-Java
 * gradient ({@code learner=java}) equal to autograd's of the tensor loss and to finite differences
 * of its own value.
 */
class LatentRegulariserTest {
    private static final int SIZE = 5;
    private static final int DIM = 3;
    /** The means sit in rows of this width, as in the encoder's output (means, then std pre-activations). */
    private static final int STRIDE = 2 * DIM;

    @Test
    void theValuesAreTheHandComputedOnes() {
        float[] mu = {0.5f, -1f};
        float[] sigma = {2f, 0.5f};
        double kl = 0.5 * (0.25 + 4 - 1) - Math.log(2) + 0.5 * (1 + 0.25 - 1) - Math.log(0.5);
        double moments = (0.25 + 1) / 2 + (4 + 0.25) / 2;
        // two rows of one latent dimension: KL summed over the latent, averaged over the rows
        for (boolean klForm : new boolean[] {true, false}) {
            LatentRegulariser reg = new LatentRegulariser(klForm, () -> 0.5);
            double expected = 0.5 * (klForm ? kl / 2 : moments);
            double got = reg.addGradient(mu, 1, sigma, 2, 1, new double[2], new double[2]);
            assertThat(got).as("kl %s", klForm).isCloseTo(expected, within(1e-12));
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray loss = reg.loss(
                        new GaussianPolicy.Dist(m.create(mu, new Shape(2, 1)), m.create(sigma, new Shape(2, 1))));
                assertThat((double) loss.getFloat()).as("kl %s", klForm).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void itIsOffWhileItsWeightIsZero() {
        double[] z = {0};
        LatentRegulariser reg = new LatentRegulariser(false, () -> z[0]);
        assertThat(reg.active()).isFalse();
        z[0] = 1e-3;
        assertThat(reg.active()).isTrue();
    }

    @Test
    void theGradientIsAutogradsOfTheTensorLoss() {
        for (boolean klForm : new boolean[] {true, false}) {
            LatentRegulariser reg = new LatentRegulariser(klForm, () -> 0.3);
            float[] rows = rows(11);
            float[] std = stds(12);
            double[] dMean = new double[SIZE * DIM];
            double[] dStd = new double[SIZE * DIM];
            // what the PPO loss put there before: the regulariser adds to it
            java.util.Arrays.fill(dMean, 1.0);
            java.util.Arrays.fill(dStd, -2.0);
            double value = reg.addGradient(rows, STRIDE, std, SIZE, DIM, dMean, dStd);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray mean = m.create(means(rows), new Shape(SIZE, DIM));
                NDArray sd = m.create(std, new Shape(SIZE, DIM));
                mean.setRequiresGradient(true);
                sd.setRequiresGradient(true);
                float expected;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = reg.loss(new GaussianPolicy.Dist(mean, sd));
                    expected = loss.getFloat();
                    gc.backward(loss);
                }
                assertThat(value).as("kl %s", klForm).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
                float[] gMean = mean.getGradient().toFloatArray();
                float[] gStd = sd.getGradient().toFloatArray();
                for (int k = 0; k < SIZE * DIM; k++) {
                    assertThat(dMean[k] - 1.0)
                            .as("kl %s: d mean[%d]", klForm, k)
                            .isCloseTo(gMean[k], within(1e-6));
                    assertThat(dStd[k] + 2.0).as("kl %s: d std[%d]", klForm, k).isCloseTo(gStd[k], within(1e-6));
                    assertThat(Math.abs(gMean[k]) + Math.abs(gStd[k])).isPositive();
                }
            }
        }
    }

    @Test
    void theGradientMatchesFiniteDifferencesOfItsValue() {
        for (boolean klForm : new boolean[] {true, false}) {
            LatentRegulariser reg = new LatentRegulariser(klForm, () -> 0.3);
            float[] rows = rows(21);
            float[] std = stds(22);
            double[] dMean = new double[SIZE * DIM];
            double[] dStd = new double[SIZE * DIM];
            reg.addGradient(rows, STRIDE, std, SIZE, DIM, dMean, dStd);
            double h = 1e-3;
            for (int b = 0; b < SIZE; b++) {
                for (int j = 0; j < DIM; j++) {
                    int k = b * DIM + j;
                    float[] plus = rows.clone();
                    float[] minus = rows.clone();
                    plus[b * STRIDE + j] += (float) h;
                    minus[b * STRIDE + j] -= (float) h;
                    double fd = (value(reg, plus, std) - value(reg, minus, std))
                            / (plus[b * STRIDE + j] - minus[b * STRIDE + j]);
                    assertThat(dMean[k]).as("kl %s: d mean[%d]", klForm, k).isCloseTo(fd, within(1e-5));
                    float[] sPlus = std.clone();
                    float[] sMinus = std.clone();
                    sPlus[k] += (float) h;
                    sMinus[k] -= (float) h;
                    fd = (value(reg, rows, sPlus) - value(reg, rows, sMinus)) / (sPlus[k] - sMinus[k]);
                    assertThat(dStd[k]).as("kl %s: d std[%d]", klForm, k).isCloseTo(fd, within(1e-5));
                }
            }
        }
    }

    private static double value(LatentRegulariser reg, float[] rows, float[] std) {
        return reg.addGradient(rows, STRIDE, std, SIZE, DIM, new double[SIZE * DIM], new double[SIZE * DIM]);
    }

    /** Encoder-like output rows: means in the first DIM columns, something else after them. */
    private static float[] rows(long seed) {
        Rng rng = new Rng(seed);
        float[] out = new float[SIZE * STRIDE];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) rng.uniform(-2, 2);
        }
        return out;
    }

    private static float[] means(float[] rows) {
        float[] m = new float[SIZE * DIM];
        for (int b = 0; b < SIZE; b++) {
            System.arraycopy(rows, b * STRIDE, m, b * DIM, DIM);
        }
        return m;
    }

    private static float[] stds(long seed) {
        Rng rng = new Rng(seed);
        float[] s = new float[SIZE * DIM];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) rng.uniform(0.2, 2);
        }
        return s;
    }
}
