package org.gorlj.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gorlj.nn.Torch;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class GaussianTest {
    @Test
    void logProbAndEntropyMatchClosedForms() {
        try (NDManager m = Torch.newManager()) {
            float[] x = {0.3f, -1.2f};
            float[] mu = {0.1f, -0.5f};
            float[] sd = {0.5f, 2.0f};
            double expected = 0;
            double entropy = 0;
            for (int i = 0; i < 2; i++) {
                expected += -Math.pow(x[i] - mu[i], 2) / (2 * sd[i] * sd[i]) - Math.log(sd[i] * Math.sqrt(2 * Math.PI));
                entropy += 0.5 * Math.log(2 * Math.PI * Math.E * sd[i] * sd[i]);
            }
            NDArray lp = Gaussian.logProb(
                    m.create(x, new Shape(1, 2)), m.create(mu, new Shape(1, 2)), m.create(sd, new Shape(1, 2)));
            assertThat(lp.getShape()).isEqualTo(new Shape(1));
            assertThat((double) lp.getFloat(0)).isCloseTo(expected, within(1e-5));
            assertThat((double) Gaussian.entropy(m.create(sd, new Shape(1, 2))).getFloat(0))
                    .isCloseTo(entropy, within(1e-5));
            assertThat(Gaussian.logProb(new double[] {0.3, -1.2}, new double[] {0.1, -0.5}, new double[] {0.5, 2.0}))
                    .isCloseTo(expected, within(1e-6));
        }
    }

    /** The tanh-Gaussian density integrates to one and its log-density matches the change of variables. */
    @Test
    void tanhLogProbIsTheDensityOfTheSquashedAction() {
        double mu = 0.4, sd = 0.7;
        // p_a(a) = N(atanh a) / (1 - a^2): integrate over a in (-1, 1) numerically
        int n = 200_000;
        double integral = 0;
        double entropy = 0;
        for (int i = 0; i < n; i++) {
            double a = -1 + (i + 0.5) * 2.0 / n;
            double u = 0.5 * Math.log((1 + a) / (1 - a));
            double lp = Gaussian.tanhLogProb(new double[] {u}, new double[] {mu}, new double[] {sd});
            double closed =
                    -Math.pow(u - mu, 2) / (2 * sd * sd) - Math.log(sd * Math.sqrt(2 * Math.PI)) - Math.log(1 - a * a);
            assertThat(lp).isCloseTo(closed, within(1e-6 * Math.max(1, Math.abs(closed))));
            double p = Math.exp(lp);
            integral += p * 2.0 / n;
            entropy -= p * lp * 2.0 / n;
        }
        assertThat(integral).isCloseTo(1.0, within(1e-3));
        // Brax's one-sample entropy estimate, averaged over many samples, converges to the true entropy
        try (NDManager m = Torch.newManager()) {
            int samples = 200_000;
            float[] noise = new float[samples];
            new Rng(3).fillGaussian(noise);
            float[] means = new float[samples];
            float[] sds = new float[samples];
            java.util.Arrays.fill(means, (float) mu);
            java.util.Arrays.fill(sds, (float) sd);
            NDArray est = Gaussian.tanhEntropyEstimate(
                    m.create(means, new Shape(samples, 1)),
                    m.create(sds, new Shape(samples, 1)),
                    m.create(noise, new Shape(samples, 1)));
            assertThat((double) est.mean().getFloat()).isCloseTo(entropy, within(5e-3));
        }
    }

    @Test
    void tanhLogDetJacobianIsStableAndExact() {
        for (double u : new double[] {-30, -3, -0.5, 0, 0.7, 4, 25}) {
            double direct = Math.log(1 - Math.pow(Math.tanh(u), 2));
            double stable = Gaussian.tanhLogDetJacobian(u);
            assertThat(Double.isFinite(stable)).isTrue();
            if (Double.isFinite(direct) && Math.abs(u) < 8) {
                assertThat(stable).isCloseTo(direct, within(1e-9));
            }
        }
        assertThat(Gaussian.tanhLogDetJacobian(25)).isCloseTo(2 * (Math.log(2) - 25), within(1e-9));
    }
}
