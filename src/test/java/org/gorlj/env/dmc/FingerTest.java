package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class FingerTest {
    @Test
    void spinningTheHingeAtTheRequiredSpeedIsRewarded() {
        assertThat(Finger.spinReward(-15)).isEqualTo(1.0);
        assertThat(Finger.spinReward(-30)).isEqualTo(1.0);
        assertThat(Finger.spinReward(-14.9)).isEqualTo(0.0);
        assertThat(Finger.spinReward(0)).isEqualTo(0.0);
        assertThat(Finger.spinReward(20)).as("the wrong way round").isEqualTo(0.0);
    }

    @Test
    void tipInsideTheTargetIsRewarded() {
        double[] sensors = sensordata(new double[] {0.2, 0, 0.53}, new double[] {0.2, 0, 0.52});
        assertThat(Finger.distanceToTarget(sensors, Finger.HARD_TARGET_RADIUS)).isCloseTo(0.01 - 0.03, within(1e-12));
        assertThat(Finger.turnReward(Finger.distanceToTarget(sensors, Finger.HARD_TARGET_RADIUS)))
                .isEqualTo(1.0);
        double[] far = sensordata(new double[] {0.2, 0, 0.53}, new double[] {0.33, 0, 0.4});
        assertThat(Finger.turnReward(Finger.distanceToTarget(far, Finger.EASY_TARGET_RADIUS)))
                .isEqualTo(0.0);
    }

    @Test
    void distanceIgnoresTheOutOfPlaneComponent() {
        double[] sensors = sensordata(new double[] {0.2, 0.5, 0.53}, new double[] {0.2, -0.5, 0.53});
        assertThat(Finger.distanceToTarget(sensors, 0)).isCloseTo(0, within(1e-15));
    }

    @Test
    void observationsHaveTheDocumentedLayout() {
        double[] sensors = sensordata(new double[] {0.25, 0, 0.5}, new double[] {0.1, 0, 0.45});
        sensors[Finger.SENSOR_PROXIMAL] = 0.3;
        sensors[Finger.SENSOR_DISTAL] = -0.4;
        sensors[Finger.SENSOR_TOUCH_TOP] = Math.E - 1;
        sensors[Finger.SENSOR_TOUCH_BOTTOM] = 0;
        double[] qvel = {1, 2, -3};
        double[] spin = new double[Finger.SPIN_OBSERVATION_SIZE];
        Finger.observeSpin(sensors, qvel, spin);
        assertThat(spin).containsExactly(new double[] {0.3, -0.4, 0.05, 0.1, 1, 2, -3, 1, 0}, within(1e-12));
        double[] turn = new double[Finger.TURN_OBSERVATION_SIZE];
        Finger.observeTurn(sensors, qvel, 0.07, turn);
        assertThat(turn).startsWith(spin);
        assertThat(turn[9]).isCloseTo(-0.1, within(1e-12));
        assertThat(turn[10]).isCloseTo(0.05, within(1e-12));
        assertThat(turn[11]).isCloseTo(Math.hypot(0.15, 0.05) - 0.07, within(1e-12));
    }

    @Test
    void initialJointsAndTargetFollowTheirDistributions() {
        SampleStats.assertUniform("proximal", rng -> draw(rng)[0], -Finger.JOINT_LIMIT, Finger.JOINT_LIMIT);
        SampleStats.assertUniform("distal", rng -> draw(rng)[1], -Finger.JOINT_LIMIT, Finger.JOINT_LIMIT);
        SampleStats.assertUniform("hinge", rng -> draw(rng)[2], -Math.PI, Math.PI);
        SampleStats.assertUniform(
                "target angle",
                rng -> {
                    double[] t = target(rng);
                    return Math.atan2(t[0] - Finger.HINGE_X, t[2] - Finger.HINGE_Z);
                },
                -Math.PI,
                Math.PI);
        Rng rng = new Rng(9);
        for (int i = 0; i < 100; i++) {
            double[] t = target(rng);
            assertThat(Math.hypot(t[0] - 0.2, t[2] - 0.4)).isCloseTo(0.13, within(1e-12));
            assertThat(t[1]).isZero();
        }
    }

    /** Sensor values with the spinner at (0.2, 0, 0.4) and the given tip and target positions. */
    private static double[] sensordata(double[] tip, double[] target) {
        double[] s = new double[Finger.SENSORDATA_SIZE];
        System.arraycopy(tip, 0, s, Finger.SENSOR_TIP, 3);
        System.arraycopy(target, 0, s, Finger.SENSOR_TARGET, 3);
        System.arraycopy(new double[] {0.2, 0, 0.4}, 0, s, Finger.SENSOR_SPINNER, 3);
        return s;
    }

    private static double[] draw(Rng rng) {
        double[] q = new double[Finger.NQ];
        Finger.initialQpos(rng, q);
        return q;
    }

    private static double[] target(Rng rng) {
        double[] t = new double[3];
        Finger.initialTarget(rng, t);
        return t;
    }
}
