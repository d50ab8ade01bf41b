package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class WalkerTest {
    @Test
    void uprightAtFullHeightScoresOneOnStanding() {
        assertThat(Walker.reward(1.3, 1, 0, Walker.STAND_SPEED)).isEqualTo(1.0);
        assertThat(Walker.reward(1.2, 1, 0, Walker.STAND_SPEED)).isEqualTo(1.0);
    }

    @Test
    void oneMarginTooLowGivesStandingOneTenth() {
        // standing = 0.1 at 0.6 m, upright = 1: (3 * 0.1 + 1) / 4
        assertThat(Walker.standReward(0.6, 1)).isCloseTo(0.325, within(1e-12));
    }

    @Test
    void lyingOnTheGroundScoresLittle() {
        double lying = Walker.reward(0.1, 0, 0, Walker.STAND_SPEED);
        assertThat(lying).isCloseTo(0.125, within(0.01)).isGreaterThan(0.125);
        assertThat(Walker.reward(1.3, -1, 0, Walker.STAND_SPEED))
                .as("upside down at full height")
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void walkingAndRunningPayForwardSpeed() {
        assertThat(Walker.reward(1.3, 1, 0, Walker.WALK_SPEED)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(Walker.reward(1.3, 1, 0.5, Walker.WALK_SPEED)).isCloseTo(3.5 / 6, within(1e-12));
        assertThat(Walker.reward(1.3, 1, 1, Walker.WALK_SPEED)).isEqualTo(1.0);
        assertThat(Walker.reward(1.3, 1, 4, Walker.RUN_SPEED)).isCloseTo(3.5 / 6, within(1e-12));
        assertThat(Walker.reward(1.3, 1, 8, Walker.RUN_SPEED)).isEqualTo(1.0);
        assertThat(Walker.reward(0.6, 1, 8, Walker.RUN_SPEED)).isCloseTo(0.325, within(1e-12));
    }

    @Test
    void observationHasOrientationsUprightnessAndVelocities() {
        double[] rotations = new double[9 * Walker.OBSERVED_BODIES];
        for (int b = 0; b < Walker.OBSERVED_BODIES; b++) {
            System.arraycopy(pitch(0.1 * (b + 1)), 0, rotations, 9 * b, 9);
        }
        double[] qvel = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] obs = new double[Walker.OBSERVATION_SIZE];
        Walker.observe(rotations, qvel, obs);
        for (int b = 0; b < Walker.OBSERVED_BODIES; b++) {
            assertThat(obs[2 * b]).isCloseTo(Math.cos(0.1 * (b + 1)), within(1e-15));
            assertThat(obs[2 * b + 1]).isCloseTo(Math.sin(0.1 * (b + 1)), within(1e-15));
        }
        assertThat(obs[14]).isCloseTo(Math.cos(0.1), within(1e-15));
        assertThat(Arrays.copyOfRange(obs, 15, 24)).containsExactly(qvel);
    }

    @Test
    void initialStateHasRandomPitchAndLegJointsWithinRanges() {
        SampleStats.assertUniform("rooty", rng -> draw(rng)[2], -Math.PI, Math.PI);
        for (int k = 0; k < 6; k++) {
            int i = 3 + k;
            double[] range = Walker.LEG_RANGES[k % 3];
            SampleStats.assertUniform("leg joint " + k, rng -> draw(rng)[i], range[0], range[1]);
        }
        double[] q = draw(new Rng(5));
        assertThat(q[0]).isZero();
        assertThat(q[1]).isZero();
    }

    /** World rotation of a body pitched by {@code theta} about +y, row-major. */
    private static double[] pitch(double theta) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
    }

    private static double[] draw(Rng rng) {
        double[] q = new double[Walker.NQ];
        Arrays.fill(q, Double.NaN);
        Walker.initialQpos(rng, q);
        return q;
    }
}
