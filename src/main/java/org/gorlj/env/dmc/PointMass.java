package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the point mass in a plane ({@code models/dmc/point_mass.xml}; PointMass, the easy variant).
 * qpos = qvel = (x, y); 2 actions pushing along x and y.
 */
public final class PointMass {
    /** Number of position coordinates. */
    public static final int NQ = 2;
    /** Observation: x, y, vx, vy. */
    public static final int OBSERVATION_SIZE = 4;
    /** Target radius (m), also the soft margin of the "near" term. */
    static final double TARGET_RADIUS = 0.015;
    /** Range (m) of both slides, as in the model. */
    static final double LIMIT = 0.29;

    private PointMass() {}

    /** Writes the observation: qpos then qvel. */
    public static void observe(double[] qpos, double[] qvel, double[] out) {
        out[0] = qpos[0];
        out[1] = qpos[1];
        out[2] = qvel[0];
        out[3] = qvel[1];
    }

    /**
     * near * (4 + mean small-control) / 5 with near = 1 within 0.015 m of the target and a gaussian decay
     * (0.1 at 0.015 m further).
     *
     * @param massPosition world position of the mass (3)
     * @param targetPosition world position of the target (3)
     * @param control the two controls
     */
    public static double reward(double[] massPosition, double[] targetPosition, double[] control) {
        double dx = massPosition[0] - targetPosition[0];
        double dy = massPosition[1] - targetPosition[1];
        double dz = massPosition[2] - targetPosition[2];
        double distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double near = Rewards.tolerance(distance, 0, TARGET_RADIUS, TARGET_RADIUS);
        return near * (4 + Rewards.meanSmallControl(control)) / 5;
    }

    /** Initial qpos: x and y uniform in +-0.29 m; velocities zero. */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = rng.uniform(-LIMIT, LIMIT);
        qpos[1] = rng.uniform(-LIMIT, LIMIT);
    }
}
