package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the double pendulum actuated at the elbow ({@code models/dmc/acrobot.xml}; AcrobotSwingup).
 * qpos = qvel = (shoulder, elbow); one action (elbow torque).
 */
public final class Acrobot {
    /** Number of position coordinates. */
    public static final int NQ = 2;
    /** Observation: xz of upper and lower arm, zz of upper and lower arm, both velocities. */
    public static final int OBSERVATION_SIZE = 6;
    /** Target radius (m): the tip within it earns 1. */
    static final double TARGET_RADIUS = 0.2;

    private Acrobot() {}

    /**
     * Writes the observation. The orientation entries are those of each link's world rotation, so the
     * lower arm's describe the absolute angle shoulder + elbow.
     */
    public static void observe(
            double upperXz, double lowerXz, double upperZz, double lowerZz, double[] qvel, double[] out) {
        out[0] = upperXz;
        out[1] = lowerXz;
        out[2] = upperZz;
        out[3] = lowerZz;
        out[4] = qvel[0];
        out[5] = qvel[1];
    }

    /** Dense reward: 1 with the tip within 0.2 m of the target, else 0.1^((distance - 0.2)^2). */
    public static double swingupReward(double[] tipPosition, double[] targetPosition) {
        double dx = tipPosition[0] - targetPosition[0];
        double dy = tipPosition[1] - targetPosition[1];
        double dz = tipPosition[2] - targetPosition[2];
        double distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return Rewards.tolerance(distance, 0, TARGET_RADIUS, 1);
    }

    /** Initial qpos: both angles uniform in (-pi, pi); velocities zero. */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = rng.uniform(-Math.PI, Math.PI);
        qpos[1] = rng.uniform(-Math.PI, Math.PI);
    }
}
