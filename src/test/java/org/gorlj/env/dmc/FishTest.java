package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class FishTest {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    @Test
    void uprightMouthAtTheTargetScoresOne() {
        assertThat(Fish.swimReward(new double[] {0.1, 0.2, 0.3}, new double[] {0.1, 0.23, 0.3}, 1))
                .isEqualTo(1.0);
    }

    @Test
    void rewardDecaysWithDistanceAndTilt() {
        double[] mouth = {0, 0, 0};
        // one margin (0.09 m) beyond the 0.045 m reach: in_target = 0.1
        assertThat(Fish.swimReward(mouth, new double[] {0, 0.135, 0}, 1)).isCloseTo((0.7 + 1) / 8, within(1e-12));
        assertThat(Fish.swimReward(mouth, new double[] {0, 0.03, 0}, 0)).isCloseTo(7.5 / 8, within(1e-12));
        assertThat(Fish.swimReward(mouth, new double[] {1, 1, 1}, -1)).isCloseTo(0, within(1e-12));
    }

    @Test
    void targetIsExpressedInTheMouthFrame() {
        double[] qpos = new double[Fish.NQ];
        double[] qvel = new double[Fish.NV];
        for (int i = 0; i < Fish.NQ; i++) {
            qpos[i] = i;
        }
        for (int i = 0; i < Fish.NV; i++) {
            qvel[i] = 100 + i;
        }
        double[] obs = new double[Fish.OBSERVATION_SIZE];
        double[] mouth = {1, 1, 1};
        double[] target = {1, 2, 1};
        Fish.observe(qpos, qvel, 0.5, mouth, IDENTITY, target, obs);
        assertThat(obs[0]).isEqualTo(0.5);
        assertThat(Arrays.copyOfRange(obs, 1, 8)).containsExactly(7, 8, 9, 10, 11, 12, 13);
        assertThat(Arrays.copyOfRange(obs, 8, 11)).containsExactly(0, 1, 0);
        assertThat(Arrays.copyOfRange(obs, 11, 24)).containsExactly(qvel);

        // mouth yawed +90 degrees about z: its x axis points along world +y, so a target ahead in world +y
        // lies along the mouth's +x
        double[] yawed = {0, -1, 0, 1, 0, 0, 0, 0, 1};
        Fish.observe(qpos, qvel, 0.5, mouth, yawed, target, obs);
        assertThat(Arrays.copyOfRange(obs, 8, 11)).containsExactly(new double[] {1, 0, 0}, within(1e-15));
    }

    @Test
    void initialOrientationIsAUniformUnitQuaternion() {
        Rng rng = new Rng(4);
        double[] sumSq = new double[4];
        int n = 20_000;
        for (int k = 0; k < n; k++) {
            double[] q = draw(rng);
            assertThat(q[3] * q[3] + q[4] * q[4] + q[5] * q[5] + q[6] * q[6]).isCloseTo(1, within(1e-12));
            for (int i = 0; i < 4; i++) {
                sumSq[i] += q[3 + i] * q[3 + i];
            }
        }
        for (int i = 0; i < 4; i++) {
            assertThat(sumSq[i] / n).as("E[q_%d^2] of a uniform rotation", i).isCloseTo(0.25, within(0.01));
        }
        for (int i = 3; i < 7; i++) {
            int c = i;
            SampleStats.assertNormal("quaternion component " + c, r -> draw(r)[c], 0, 0.5);
        }
        double[] q = draw(new Rng(2));
        assertThat(Arrays.copyOf(q, 3)).as("torso at the origin").containsOnly(0.0);
    }

    @Test
    void initialHingesAndTargetFollowTheirDistributions() {
        for (int i = 7; i < Fish.NQ; i++) {
            int c = i;
            SampleStats.assertUniform("hinge " + c, rng -> draw(rng)[c], -0.2, 0.2);
        }
        SampleStats.assertUniform("target x", rng -> target(rng)[0], -0.4, 0.4);
        SampleStats.assertUniform("target y", rng -> target(rng)[1], -0.4, 0.4);
        SampleStats.assertUniform("target z", rng -> target(rng)[2], 0.1, 0.3);
    }

    private static double[] draw(Rng rng) {
        double[] q = new double[Fish.NQ];
        Arrays.fill(q, Double.NaN);
        Fish.initialQpos(rng, q);
        return q;
    }

    private static double[] target(Rng rng) {
        double[] t = new double[3];
        Fish.initialTarget(rng, t);
        return t;
    }
}
