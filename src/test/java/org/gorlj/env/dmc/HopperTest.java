package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class HopperTest {
    // Centres of mass at qpos = 0 (standing straight): torso about 1.07 m high, foot about 0.1 m.
    private static final double TORSO_STANDING = 1.07;
    private static final double FOOT_STANDING = 0.10;

    @Test
    void uprightAtRestWithoutControlScoresOneOnStanding() {
        assertThat(Hopper.standReward(TORSO_STANDING, FOOT_STANDING, new double[4]))
                .isEqualTo(1.0);
    }

    @Test
    void lyingDownScoresZero() {
        assertThat(Hopper.standReward(0.07, 0.05, new double[4])).isEqualTo(0.0);
        assertThat(Hopper.hopReward(0.07, 0.05, 3.0)).isEqualTo(0.0);
    }

    @Test
    void controlCostsAtMostOneFifth() {
        assertThat(Hopper.standReward(TORSO_STANDING, FOOT_STANDING, new double[] {1, -1, 1, -1}))
                .isCloseTo(0.8, within(1e-12));
        assertThat(Hopper.standReward(TORSO_STANDING, FOOT_STANDING, new double[] {0.5, 0, 0, 0}))
                .isCloseTo((4 + (0.75 + 3) / 4) / 5, within(1e-12));
    }

    @Test
    void standingHeightBandIsInclusive() {
        assertThat(Hopper.standing(0.7, 0.1)).isEqualTo(1.0);
        assertThat(Hopper.standing(0.69, 0.1)).isEqualTo(0.0);
        assertThat(Hopper.standing(2.1, 0.1)).isEqualTo(1.0);
        assertThat(Hopper.standing(2.2, 0.1)).isEqualTo(0.0);
    }

    @Test
    void hoppingPaysForwardSpeedUpToTwoMetresPerSecond() {
        assertThat(Hopper.hopReward(TORSO_STANDING, FOOT_STANDING, 0)).isEqualTo(0.0);
        assertThat(Hopper.hopReward(TORSO_STANDING, FOOT_STANDING, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(Hopper.hopReward(TORSO_STANDING, FOOT_STANDING, 2)).isEqualTo(1.0);
        assertThat(Hopper.hopReward(TORSO_STANDING, FOOT_STANDING, 5)).isEqualTo(1.0);
        assertThat(Hopper.hopReward(TORSO_STANDING, FOOT_STANDING, -1)).isEqualTo(0.0);
    }

    @Test
    void observationDropsRootxAndCompressesTouch() {
        double[] qpos = {9, 1, 2, 3, 4, 5, 6};
        double[] qvel = {10, 11, 12, 13, 14, 15, 16};
        double[] obs = new double[Hopper.OBSERVATION_SIZE];
        Hopper.observe(qpos, qvel, Math.E - 1, 0, obs);
        assertThat(obs).containsExactly(1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 1, 0);
    }

    @Test
    void initialStateHasRandomPitchAndJointsWithinRanges() {
        SampleStats.assertUniform("rooty", rng -> draw(rng)[2], -Math.PI, Math.PI);
        for (int j = 0; j < 4; j++) {
            int i = 3 + j;
            SampleStats.assertUniform(
                    "joint " + i, rng -> draw(rng)[i], Hopper.LIMITED_RANGES[j][0], Hopper.LIMITED_RANGES[j][1]);
        }
        double[] q = draw(new Rng(1));
        assertThat(q[0]).isZero();
        assertThat(q[1]).isZero();
        assertThat(draw(new Rng(7))).containsExactly(draw(new Rng(7)));
    }

    private static double[] draw(Rng rng) {
        double[] q = new double[Hopper.NQ];
        java.util.Arrays.fill(q, Double.NaN);
        Hopper.initialQpos(rng, q);
        return q;
    }
}
