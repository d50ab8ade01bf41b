package org.gorlj.algo.flowpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gorlj.algo.Algorithm;
import org.gorlj.env.TaskRegistry;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** How FPO and DPPO act in evaluation. */
class FlowPolicyAlgorithmTest {
    static Algorithm create(String algo, String... settings) {
        List<String> o = new java.util.ArrayList<>(List.of("num_envs=2", "num_steps=8", "num_minibatches=2"));
        o.addAll(List.of(settings));
        return Algorithms.create(
                algo,
                RunConfig.resolve("classic/two-modes", algo, "auto", o).config(),
                TaskRegistry.get("classic/two-modes"));
    }

    /** A fresh flow policy outputs v = 0, so its Euler flow leaves x_0 where it is: action = tanh(x_0) (to rounding of the box map). */
    @Test
    void dppoEvaluatesWithoutTheStepNoiseAndSamplesWithIt() {
        int rows = 6;
        double[] obs = new double[rows];
        for (int i = 0; i < rows; i++) {
            obs[i] = -0.9 + 0.3 * i;
        }
        float[] x0 = new float[rows];
        new Rng(7).fillGaussian(x0);
        try (Algorithm dppo = create("dppo")) {
            double[] deterministic = new double[rows];
            dppo.actor().act(obs, rows, true, new Rng(7), deterministic);
            double[] stochastic = new double[rows];
            dppo.actor().act(obs, rows, false, new Rng(7), stochastic);
            for (int i = 0; i < rows; i++) {
                assertThat(deterministic[i]).isCloseTo(StrictMath.tanh(x0[i]), within(1e-12));
                // ten steps of sigma = 0.05 noise: different, but not far
                assertThat(stochastic[i]).isNotEqualTo(deterministic[i]);
                assertThat(Math.abs(stochastic[i] - deterministic[i])).isLessThan(0.5);
            }
        }
        try (Algorithm fpo = create("fpo");
                Algorithm fromZero = create("fpo", "flow_eval_start=zero")) {
            double[] a = new double[rows];
            fpo.actor().act(obs, rows, true, new Rng(7), a);
            double[] z = new double[rows];
            fromZero.actor().act(obs, rows, true, new Rng(7), z);
            for (int i = 0; i < rows; i++) {
                assertThat(a[i]).isCloseTo(StrictMath.tanh(x0[i]), within(1e-12));
                assertThat(z[i]).isCloseTo(0.0, within(1e-12));
            }
        }
    }
}
