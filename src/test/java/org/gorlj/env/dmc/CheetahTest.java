package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class CheetahTest {
    @Test
    void rewardIsForwardSpeedOverTenClipped() {
        assertThat(Cheetah.runReward(-3)).isEqualTo(0.0);
        assertThat(Cheetah.runReward(0)).isEqualTo(0.0);
        assertThat(Cheetah.runReward(5)).isCloseTo(0.5, within(1e-12));
        assertThat(Cheetah.runReward(10)).isEqualTo(1.0);
        assertThat(Cheetah.runReward(15)).isEqualTo(1.0);
    }

    @Test
    void observationIsPositionsWithoutRootxThenVelocities() {
        double[] qpos = {100, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] qvel = {9, 10, 11, 12, 13, 14, 15, 16, 17};
        double[] obs = new double[Cheetah.OBSERVATION_SIZE];
        Cheetah.observe(qpos, qvel, obs);
        assertThat(obs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
    }

    @Test
    void initialPoseKeepsRootAndDrawsLegJointsInRange() {
        for (int j = 0; j < 6; j++) {
            int i = 3 + j;
            SampleStats.assertUniform(
                    "leg joint " + j, rng -> draw(rng)[i], Cheetah.LIMITED_RANGES[j][0], Cheetah.LIMITED_RANGES[j][1]);
        }
        double[] q = draw(new Rng(3));
        assertThat(Arrays.copyOf(q, 3)).containsOnly(0.0);
    }

    private static double[] draw(Rng rng) {
        double[] q = new double[Cheetah.NQ];
        Arrays.fill(q, Double.NaN);
        Cheetah.initialQpos(rng, q);
        return q;
    }
}
