package org.gorlj.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gorlj.nn.Tensors;
import org.gorlj.nn.Torch;
import org.junit.jupiter.api.Test;

/** The tensor tanh-Gaussian log-density SAC's actor uses. */
class TanhGaussianTensorTest {
    /** Closed form: p(a) = prod_j N(atanh a_j; mu_j, sd_j) / (1 - a_j^2). */
    static double closedForm(double[] a, double[] mu, double[] sd) {
        double lp = 0;
        for (int j = 0; j < a.length; j++) {
            double u = 0.5 * Math.log((1 + a[j]) / (1 - a[j]));
            double z = (u - mu[j]) / sd[j];
            lp += -0.5 * z * z - Math.log(sd[j] * Math.sqrt(2 * Math.PI)) - Math.log(1 - a[j] * a[j]);
        }
        return lp;
    }

    @Test
    void matchesTheChangeOfVariablesAndIntegratesToOne() {
        double[] mu = {0.3, -1.1};
        double[] sd = {0.6, 0.4};
        int grid = 400; // midpoint rule over the action square (-1, 1)^2
        float[] u = new float[grid * grid * 2];
        double[][] a = new double[grid * grid][];
        double h = 2.0 / grid;
        for (int i = 0; i < grid; i++) {
            for (int k = 0; k < grid; k++) {
                double a0 = -1 + (i + 0.5) * h;
                double a1 = -1 + (k + 0.5) * h;
                int r = i * grid + k;
                a[r] = new double[] {a0, a1};
                u[2 * r] = (float) (0.5 * Math.log((1 + a0) / (1 - a0)));
                u[2 * r + 1] = (float) (0.5 * Math.log((1 + a1) / (1 - a1)));
            }
        }
        float[] muRows = new float[u.length];
        float[] sdRows = new float[u.length];
        for (int r = 0; r < grid * grid; r++) {
            for (int j = 0; j < 2; j++) {
                muRows[2 * r + j] = (float) mu[j];
                sdRows[2 * r + j] = (float) sd[j];
            }
        }
        try (NDManager m = Torch.newManager()) {
            Shape s = new Shape(grid * grid, 2);
            NDArray lp = Gaussian.tanhLogProb(
                    Tensors.create(m, u, s), Tensors.create(m, muRows, s), Tensors.create(m, sdRows, s));
            float[] values = lp.toFloatArray();
            double integral = 0;
            for (int r = 0; r < values.length; r++) {
                if (Math.abs(a[r][0]) < 0.99 && Math.abs(a[r][1]) < 0.99) {
                    // away from the edges float atanh is exact enough to compare pointwise
                    assertThat((double) values[r])
                            .as("log-density at %s", java.util.Arrays.toString(a[r]))
                            .isCloseTo(closedForm(a[r], mu, sd), within(2e-3));
                }
                integral += Math.exp(values[r]) * h * h;
            }
            assertThat(integral).isCloseTo(1.0, within(2e-3));
        }
    }

    @Test
    void staysFiniteAndExactForLargePreSquashValues() {
        // at u = 12, tanh(u) rounds to 1 in floats; the log-det-Jacobian must still be 2 (log 2 - u - softplus(-2u))
        try (NDManager m = Torch.newManager()) {
            Shape s = new Shape(1, 1);
            float lp = Gaussian.tanhLogProb(
                            Tensors.create(m, new float[] {12f}, s),
                            Tensors.create(m, new float[] {0f}, s),
                            Tensors.create(m, new float[] {5f}, s))
                    .getFloat();
            double expected =
                    -0.5 * (12.0 / 5) * (12.0 / 5) - Math.log(5 * Math.sqrt(2 * Math.PI)) - 2 * (Math.log(2) - 12);
            assertThat((double) lp).isCloseTo(expected, within(1e-4));
        }
    }
}
