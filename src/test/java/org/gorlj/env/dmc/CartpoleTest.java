package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class CartpoleTest {
    @Test
    void uprightCentredAndStillScoresOne() {
        assertThat(Cartpole.reward(0, 1, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void hangingDownScoresZero() {
        assertThat(Cartpole.reward(0, -1, 0, 0)).isEqualTo(0.0);
    }

    @Test
    void eachFactorTakesItsShare() {
        assertThat(Cartpole.reward(0, 0, 0, 0)).as("horizontal pole").isCloseTo(0.5, within(1e-12));
        assertThat(Cartpole.reward(0, 1, 1, 0)).as("full control").isCloseTo(0.8, within(1e-12));
        assertThat(Cartpole.reward(2, 1, 0, 0)).as("cart one margin away").isCloseTo(0.55, within(1e-12));
        assertThat(Cartpole.reward(0, 1, 0, 5)).as("pole one margin too fast").isCloseTo(0.55, within(1e-12));
        assertThat(Cartpole.reward(100, 1, 0, 100))
                .as("far and fast keeps a floor")
                .isCloseTo(0.25, within(1e-12));
    }

    @Test
    void observationOrder() {
        double[] obs = new double[Cartpole.OBSERVATION_SIZE];
        Cartpole.observe(0.3, 0.8, 0.6, new double[] {1.5, -2}, obs);
        assertThat(obs).containsExactly(0.3, 0.8, 0.6, 1.5, -2);
    }

    @Test
    void balanceStartsNearUpright() {
        SampleStats.assertUniform("cart", rng -> balance(rng)[0], -0.1, 0.1);
        SampleStats.assertUniform("pole", rng -> balance(rng)[1], -0.034, 0.034);
        SampleStats.assertNormal("cart velocity", rng -> balance(rng)[2], 0, 0.01);
        SampleStats.assertNormal("pole velocity", rng -> balance(rng)[3], 0, 0.01);
    }

    @Test
    void swingupStartsHangingDown() {
        SampleStats.assertNormal("cart", rng -> swingup(rng)[0], 0, 0.01);
        SampleStats.assertNormal("pole", rng -> swingup(rng)[1], Math.PI, 0.01);
        SampleStats.assertNormal("cart velocity", rng -> swingup(rng)[2], 0, 0.01);
        SampleStats.assertNormal("pole velocity", rng -> swingup(rng)[3], 0, 0.01);
    }

    private static double[] balance(Rng rng) {
        double[] qpos = new double[2];
        double[] qvel = new double[2];
        Cartpole.initialBalanceState(rng, qpos, qvel);
        return new double[] {qpos[0], qpos[1], qvel[0], qvel[1]};
    }

    private static double[] swingup(Rng rng) {
        double[] qpos = new double[2];
        double[] qvel = new double[2];
        Cartpole.initialSwingupState(rng, qpos, qvel);
        return new double[] {qpos[0], qpos[1], qvel[0], qvel[1]};
    }
}
