package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the torque-limited pendulum ({@code models/dmc/pendulum.xml}; PendulumSwingup).
 * qpos = qvel = (hinge); angle 0 is upright; one action (torque).
 */
public final class PendulumSwingup {
    /** Observation in Playground's order: sin, cos (from the pole's rotation matrix), angular velocity. */
    public static final int OBSERVATION_SIZE = 3;
    /** cos(8 degrees): the pole counts as upright at or above this cosine. */
    static final double UPRIGHT_COSINE = StrictMath.cos(Math.toRadians(8));

    private PendulumSwingup() {}

    /**
     * Writes the observation.
     *
     * @param poleZz world-z component of the pole's z axis (cos of the angle from upright)
     * @param poleXz world-x component of the pole's z axis (sin of the angle)
     * @param angularVelocity hinge velocity (rad/s)
     */
    public static void observe(double poleZz, double poleXz, double angularVelocity, double[] out) {
        out[0] = poleXz;
        out[1] = poleZz;
        out[2] = angularVelocity;
    }

    /** 1 while the pole is within 8 degrees of upright, else 0. */
    public static double reward(double poleCos) {
        return Rewards.tolerance(poleCos, UPRIGHT_COSINE, 1, 0, Sigmoid.GAUSSIAN, 0.1);
    }

    /** Initial angle uniform in [0, pi) (Playground's choice; DMC draws from (-pi, pi)); velocity zero. */
    public static double initialAngle(Rng rng) {
        return rng.uniform(0, Math.PI);
    }
}
