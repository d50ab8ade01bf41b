package org.gorlj.env.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.gorlj.config.Presets;
import org.gorlj.env.StepResult;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * Checks the reward of {@link CliffEdge} against hand computations and the scores its Javadoc
 * documents: optimal 1, constant 0 about 0.5, uniformly random about -0.07, and the best mean of a
 * Gaussian with sigma 0.1 about 2 sigma below the edge.
 */
class CliffEdgeTest {
    private static double averageScore(DoubleUnaryOperator policy, int episodes) {
        CliffEdge env = new CliffEdge();
        double[] obs = new double[1];
        StepResult r = new StepResult(1);
        double total = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset(e, obs);
            env.step(new double[] {policy.applyAsDouble(obs[0])}, r);
            assertThat(r.terminated).isTrue();
            assertThat(r.observation[0]).isEqualTo(obs[0]);
            total += r.reward;
        }
        return total / episodes;
    }

    @Test
    void rewardByHand() {
        // s = 0: edge 0.5; s = 1: edge 0.8; s = -1: edge 0.2
        assertThat(CliffEdge.edge(0)).isEqualTo(0.5);
        assertThat(CliffEdge.reward(0, 0.5)).isEqualTo(1.0);
        assertThat(CliffEdge.reward(0, 0.3)).isCloseTo(0.8, within(1e-12));
        assertThat(CliffEdge.reward(0, -1)).isCloseTo(-0.5, within(1e-12));
        assertThat(CliffEdge.reward(0, 0.5000001)).isEqualTo(-1.0);
        assertThat(CliffEdge.reward(1, 0.8)).isCloseTo(1.0, within(1e-12));
        assertThat(CliffEdge.reward(1, 0.7)).isCloseTo(0.9, within(1e-12));
        assertThat(CliffEdge.reward(-1, 0.21)).isEqualTo(-1.0);
        assertThat(CliffEdge.reward(-1, 0.0)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void stepClipsTheActionIntoTheBox() {
        CliffEdge env = new CliffEdge();
        double[] obs = new double[1];
        StepResult r = new StepResult(1);
        env.reset(3, obs);
        env.step(new double[] {-5}, r);
        assertThat(r.reward).isCloseTo(CliffEdge.reward(obs[0], -1), within(1e-12));
    }

    @Test
    void documentedScores() {
        assertThat(averageScore(CliffEdge::edge, 2000)).isCloseTo(1.0, within(1e-12));
        // 1 - E[c] = 0.5 for the constant action 0
        assertThat(averageScore(s -> 0.0, 20000)).isCloseTo(0.5, within(0.005));
        // E[(1 - c^2) / 4 - (1 - c) / 2] with E[c] = 0.5, E[c^2] = 0.28: -0.07
        Rng uniform = new Rng(2);
        assertThat(averageScore(s -> uniform.uniform(-1, 1), 40000)).isCloseTo(-0.07, within(0.01));
    }

    /** bench/cliff-edge.md compares the methods at the settings they have on classic/two-modes. */
    @Test
    void autoPresetsAreThoseOfTwoModes() {
        for (String algo : List.of("ppo", "gorl-fm", "gorl-diffusion", "fpo", "dppo")) {
            assertThat(Presets.get(algo, "auto", "classic/cliff-edge"))
                    .as(algo)
                    .isEqualTo(Presets.get(algo, "auto", "classic/two-modes"));
        }
    }

    @Test
    void aNoisyGaussianDoesBestAboutTwoSigmaBelowTheEdge() {
        double sigma = 0.1;
        Rng noise = new Rng(5);
        double atEdge = averageScore(s -> CliffEdge.edge(s) + sigma * noise.nextGaussian(), 40000);
        double twoSigmaBelow = averageScore(s -> CliffEdge.edge(s) - 0.205 + sigma * noise.nextGaussian(), 40000);
        double oneSigmaBelow = averageScore(s -> CliffEdge.edge(s) - 0.1 + sigma * noise.nextGaussian(), 40000);
        double threeSigmaBelow = averageScore(s -> CliffEdge.edge(s) - 0.3 + sigma * noise.nextGaussian(), 40000);
        // the documented formula at d = 0.205: 0.795 Phi(2.05) - 0.1 phi(2.05) - (1 - Phi(2.05)) = 0.7536
        assertThat(twoSigmaBelow).isCloseTo(0.7536, within(0.01));
        // at d = 0: 0.5 - 0.1 phi(0) - 0.5 = -0.0399
        assertThat(atEdge).isCloseTo(-0.0399, within(0.02));
        assertThat(twoSigmaBelow).isGreaterThan(oneSigmaBelow).isGreaterThan(atEdge);
        assertThat(twoSigmaBelow).isGreaterThan(threeSigmaBelow);
    }
}
