package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Humanoid's reward terms and observation layout, by hand computation. */
class HumanoidTest {
    private static final double[] NO_ACTION = new double[Humanoid.ACTIONS];

    @Test
    void headAtStandingHeightAndUprightTorsoScoreOne() {
        assertThat(Humanoid.standReward(1.4, 0.9)).isEqualTo(1.0);
        assertThat(Humanoid.standReward(1.69, 1)).isEqualTo(1.0);
        assertThat(Humanoid.reward(1.69, 1, 0, 0, NO_ACTION, Humanoid.STAND_SPEED))
                .isEqualTo(1.0);
    }

    @Test
    void standingIsOneTenthOneMarginBelowAndUprightFallsLinearlyToUpsideDown() {
        // head 0.35 m (a quarter of 1.4) below the bound: gaussian at its margin value 0.1
        assertThat(Humanoid.standReward(1.05, 1)).isCloseTo(0.1, within(1e-12));
        // two margins below: 0.1^4
        assertThat(Humanoid.standReward(0.7, 1)).isCloseTo(1e-4, within(1e-15));
        // zz = -0.05 is half of the 1.9 margin below 0.9: linear with value 0 at the margin gives 0.5
        assertThat(Humanoid.standReward(1.5, -0.05)).isCloseTo(0.5, within(1e-12));
        assertThat(Humanoid.standReward(1.5, -1)).isEqualTo(0.0);
        assertThat(Humanoid.standReward(1.05, -0.05)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void standingStillPaysAGaussianOfEachHorizontalVelocityComponent() {
        assertThat(Humanoid.moveReward(0, 0, Humanoid.STAND_SPEED)).isEqualTo(1.0);
        // 2 m/s along x is one margin: (0.1 + 1) / 2
        assertThat(Humanoid.moveReward(2, 0, Humanoid.STAND_SPEED)).isCloseTo(0.55, within(1e-12));
        assertThat(Humanoid.moveReward(-2, 2, Humanoid.STAND_SPEED)).isCloseTo(0.1, within(1e-12));
        assertThat(Humanoid.moveReward(1, 0, Humanoid.STAND_SPEED))
                .isCloseTo((Math.pow(0.1, 0.25) + 1) / 2, within(1e-12));
    }

    @Test
    void walkingAndRunningPayHorizontalSpeedInAnyDirection() {
        assertThat(Humanoid.moveReward(0, 0, Humanoid.WALK_SPEED)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(Humanoid.moveReward(0.3, -0.4, Humanoid.WALK_SPEED)).isCloseTo(3.5 / 6, within(1e-12));
        assertThat(Humanoid.moveReward(-0.6, 0.8, Humanoid.WALK_SPEED)).isEqualTo(1.0);
        assertThat(Humanoid.moveReward(3, 4, Humanoid.RUN_SPEED)).isCloseTo(3.5 / 6, within(1e-12));
        assertThat(Humanoid.moveReward(-6, -8, Humanoid.RUN_SPEED)).isEqualTo(1.0);
        assertThat(Humanoid.moveReward(9, 0, Humanoid.RUN_SPEED)).isCloseTo((5 * 0.9 + 1) / 6, within(1e-12));
    }

    @Test
    void rewardIsTheProductOfStandMoveAndSmallControl() {
        double[] full = new double[Humanoid.ACTIONS];
        Arrays.fill(full, -1);
        assertThat(Humanoid.reward(1.69, 1, 0, 0, full, Humanoid.STAND_SPEED)).isCloseTo(0.8, within(1e-12));
        double[] half = new double[Humanoid.ACTIONS];
        Arrays.fill(half, 0.5);
        // stand 0.1 * 0.5, walk move 3.5 / 6, small control (4 + 0.75) / 5
        assertThat(Humanoid.reward(1.05, -0.05, 0.3, 0.4, half, Humanoid.WALK_SPEED))
                .isCloseTo(0.05 * 3.5 / 6 * 0.95, within(1e-12));
    }

    @Test
    void observationLayout() {
        double[] qpos = sequence(0, Humanoid.NQ);
        double[] qvel = sequence(100, Humanoid.NV);
        double[] extremities = sequence(200, 3 * Humanoid.EXTREMITIES);
        double[] rotation = sequence(300, 9);
        double[] com = sequence(400, 3);
        double[] obs = new double[Humanoid.OBSERVATION_SIZE];
        Humanoid.observe(qpos, qvel, 1.25, extremities, rotation, com, obs);
        assertThat(Arrays.copyOfRange(obs, 0, 21)).containsExactly(Arrays.copyOfRange(qpos, 7, 28));
        assertThat(obs[21]).isEqualTo(1.25);
        assertThat(Arrays.copyOfRange(obs, 22, 34)).containsExactly(extremities);
        assertThat(Arrays.copyOfRange(obs, 34, 37)).as("zx, zy, zz").containsExactly(306, 307, 308);
        assertThat(Arrays.copyOfRange(obs, 37, 40)).containsExactly(com);
        assertThat(Arrays.copyOfRange(obs, 40, 67)).containsExactly(qvel);
        assertThat(21 + 1 + 12 + 3 + 3 + 27).isEqualTo(Humanoid.OBSERVATION_SIZE);
    }

    @Test
    void extremitiesAreExpressedInTheTorsoFrame() {
        // torso turned 90 degrees about z: its x axis points along world y, its y axis along world -x
        double[] rotation = {0, -1, 0, 1, 0, 0, 0, 0, 1};
        double[] out = new double[6];
        Humanoid.inFrame(new double[] {1, 1, 1}, rotation, new double[] {1, 2, 3}, out, 3);
        assertThat(out).containsExactly(0, 0, 0, 1, 0, 2);
    }

    private static double[] sequence(double start, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i;
        }
        return v;
    }
}
