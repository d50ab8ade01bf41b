package org.gorlj.env.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.env.StepResult;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** Checks the scores documented on {@link TwoModes}: optimal 1, mode-averaging near 0, random about 0.25. */
class TwoModesTest {
    private static double averageScore(java.util.function.DoubleUnaryOperator policy, int episodes) {
        TwoModes env = new TwoModes();
        double[] obs = new double[1];
        StepResult r = new StepResult(1);
        double total = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset(e, obs);
            env.step(new double[] {policy.applyAsDouble(obs[0])}, r);
            assertThat(r.terminated).isTrue();
            total += r.reward;
        }
        return total / episodes;
    }

    @Test
    void documentedScores() {
        assertThat(averageScore(TwoModes::mode, 2000)).isEqualTo(1.0);
        assertThat(averageScore(s -> -TwoModes.mode(s), 2000)).isEqualTo(1.0);
        Rng coin = new Rng(1);
        assertThat(averageScore(s -> coin.nextDouble() < 0.5 ? TwoModes.mode(s) : -TwoModes.mode(s), 2000))
                .isEqualTo(1.0);
        double averaging = averageScore(s -> 0.0, 20000);
        assertThat(averaging).isCloseTo(0.0031, within(0.0004));
        Rng uniform = new Rng(2);
        assertThat(averageScore(s -> uniform.uniform(-1, 1), 40000)).isCloseTo(0.25, within(0.01));
        assertThat(TwoModes.reward(0, 0)).isCloseTo(Math.exp(-0.25 / 0.02), within(1e-12));
    }
}
