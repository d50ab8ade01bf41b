package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** Pendulum, acrobot, reacher and point mass. */
class SmallDomainsTest {
    @Test
    void pendulumPaysWithinEightDegreesOfUpright() {
        assertThat(PendulumSwingup.reward(1)).isEqualTo(1.0);
        assertThat(PendulumSwingup.reward(Math.cos(Math.toRadians(7.9)))).isEqualTo(1.0);
        assertThat(PendulumSwingup.reward(Math.cos(Math.toRadians(8.1)))).isEqualTo(0.0);
        assertThat(PendulumSwingup.reward(-1)).isEqualTo(0.0);
    }

    @Test
    void pendulumObservationPutsSineFirst() {
        double[] obs = new double[PendulumSwingup.OBSERVATION_SIZE];
        PendulumSwingup.observe(0.8, 0.6, -2, obs);
        assertThat(obs).containsExactly(0.6, 0.8, -2);
    }

    @Test
    void pendulumStartsOnOneSide() {
        SampleStats.assertUniform("angle", PendulumSwingup::initialAngle, 0, Math.PI);
    }

    @Test
    void acrobotRewardIsGaussianBeyondTheTargetRadius() {
        double[] target = {0, 0, 4};
        assertThat(Acrobot.swingupReward(new double[] {0, 0, 4}, target)).isEqualTo(1.0);
        assertThat(Acrobot.swingupReward(new double[] {0.2, 0, 4}, target)).isEqualTo(1.0);
        assertThat(Acrobot.swingupReward(new double[] {0, 0, 2.8}, target)).isCloseTo(0.1, within(1e-12));
        assertThat(Acrobot.swingupReward(new double[] {0, 0, 0}, target))
                .as("hanging down, 4 m away")
                .isCloseTo(Math.pow(0.1, 3.8 * 3.8), within(1e-15));
    }

    @Test
    void acrobotObservationOrderAndInitialAngles() {
        double[] obs = new double[Acrobot.OBSERVATION_SIZE];
        Acrobot.observe(0.1, 0.2, 0.3, 0.4, new double[] {5, 6}, obs);
        assertThat(obs).containsExactly(0.1, 0.2, 0.3, 0.4, 5, 6);
        SampleStats.assertUniform("shoulder", rng -> acrobot(rng)[0], -Math.PI, Math.PI);
        SampleStats.assertUniform("elbow", rng -> acrobot(rng)[1], -Math.PI, Math.PI);
    }

    @Test
    void reacherPaysWhenTheSpheresOverlapInThePlane() {
        double[] finger = {0.1, 0.1, 0.01};
        assertThat(Reacher.reward(finger, new double[] {0.155, 0.1, 0.5}, Reacher.EASY_TARGET_RADIUS))
                .isEqualTo(1.0);
        assertThat(Reacher.reward(finger, new double[] {0.165, 0.1, 0.01}, Reacher.EASY_TARGET_RADIUS))
                .isEqualTo(0.0);
        assertThat(Reacher.reward(finger, new double[] {0.12, 0.1, 0.01}, Reacher.HARD_TARGET_RADIUS))
                .isEqualTo(1.0);
        assertThat(Reacher.reward(finger, new double[] {0.13, 0.1, 0.01}, Reacher.HARD_TARGET_RADIUS))
                .isEqualTo(0.0);
    }

    @Test
    void reacherObservationAndInitialState() {
        double[] obs = new double[Reacher.OBSERVATION_SIZE];
        Reacher.observe(
                new double[] {1, 2},
                new double[] {3, 4},
                new double[] {0.1, 0.2, 0.01},
                new double[] {0.15, 0.1, 0.01},
                obs);
        assertThat(obs).containsExactly(new double[] {1, 2, 0.05, -0.1, 3, 4}, within(1e-15));
        SampleStats.assertUniform("shoulder", rng -> reacher(rng)[0], -Math.PI, Math.PI);
        SampleStats.assertUniform("wrist", rng -> reacher(rng)[1], -Reacher.WRIST_LIMIT, Reacher.WRIST_LIMIT);
        SampleStats.assertUniform(
                "target distance",
                rng -> {
                    double[] t = reacherTarget(rng);
                    return Math.hypot(t[0], t[1]);
                },
                0.05,
                0.20);
        SampleStats.assertUniform(
                "target angle",
                rng -> {
                    double[] t = reacherTarget(rng);
                    return Math.atan2(t[0], t[1]) + (t[0] < 0 ? 2 * Math.PI : 0);
                },
                0,
                2 * Math.PI);
    }

    @Test
    void pointMassRewardsNearnessAndSmallControl() {
        double[] target = {0, 0, 0.01};
        assertThat(PointMass.reward(new double[] {0.01, 0, 0.01}, target, new double[2]))
                .isEqualTo(1.0);
        assertThat(PointMass.reward(new double[] {0.03, 0, 0.01}, target, new double[2]))
                .isCloseTo(0.1, within(1e-12));
        assertThat(PointMass.reward(new double[] {0, 0, 0.01}, target, new double[] {1, -1}))
                .isCloseTo(0.8, within(1e-12));
        assertThat(PointMass.reward(new double[] {0.29, 0.29, 0.01}, target, new double[2]))
                .isLessThan(1e-100);
    }

    @Test
    void pointMassObservationAndInitialState() {
        double[] obs = new double[PointMass.OBSERVATION_SIZE];
        PointMass.observe(new double[] {0.1, -0.2}, new double[] {3, 4}, obs);
        assertThat(obs).containsExactly(0.1, -0.2, 3, 4);
        SampleStats.assertUniform("x", rng -> pointMass(rng)[0], -0.29, 0.29);
        SampleStats.assertUniform("y", rng -> pointMass(rng)[1], -0.29, 0.29);
    }

    private static double[] acrobot(Rng rng) {
        double[] q = new double[Acrobot.NQ];
        Acrobot.initialQpos(rng, q);
        return q;
    }

    private static double[] reacher(Rng rng) {
        double[] q = new double[Reacher.NQ];
        Reacher.initialQpos(rng, q);
        return q;
    }

    private static double[] reacherTarget(Rng rng) {
        double[] t = new double[3];
        Reacher.initialTarget(rng, t);
        return t;
    }

    private static double[] pointMass(Rng rng) {
        double[] q = new double[PointMass.NQ];
        PointMass.initialQpos(rng, q);
        return q;
    }
}
