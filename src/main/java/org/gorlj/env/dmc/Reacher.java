package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the planar two-link arm ({@code models/dmc/reacher.xml}; ReacherEasy, ReacherHard).
 * The arm moves in the horizontal x-y plane. qpos = qvel = (shoulder, wrist); 2 actions.
 */
public final class Reacher {
    /** Number of position coordinates. */
    public static final int NQ = 2;
    /** Observation: both joint angles, target minus fingertip (x, y), both velocities. */
    public static final int OBSERVATION_SIZE = 6;
    /** Target radius (m) of ReacherEasy and ReacherHard. */
    public static final double EASY_TARGET_RADIUS = 0.05;

    public static final double HARD_TARGET_RADIUS = 0.015;
    /** Fingertip sphere radius (m). */
    static final double FINGER_RADIUS = 0.01;
    /** Wrist range (radians), as in the model. */
    static final double WRIST_LIMIT = Math.toRadians(160);
    /** Range of the target's distance from the shoulder (m). */
    static final double TARGET_MIN_DISTANCE = 0.05;

    static final double TARGET_MAX_DISTANCE = 0.20;

    private Reacher() {}

    /** Writes the observation from qpos, qvel and the fingertip and target world positions (x, y used). */
    public static void observe(
            double[] qpos, double[] qvel, double[] fingerPosition, double[] targetPosition, double[] out) {
        out[0] = qpos[0];
        out[1] = qpos[1];
        out[2] = targetPosition[0] - fingerPosition[0];
        out[3] = targetPosition[1] - fingerPosition[1];
        out[4] = qvel[0];
        out[5] = qvel[1];
    }

    /** 1 while the fingertip and target spheres overlap in the x-y plane, else 0. */
    public static double reward(double[] fingerPosition, double[] targetPosition, double targetRadius) {
        double distance =
                StrictMath.hypot(targetPosition[0] - fingerPosition[0], targetPosition[1] - fingerPosition[1]);
        return Rewards.tolerance(distance, 0, targetRadius + FINGER_RADIUS, 0, Sigmoid.GAUSSIAN, 0.1);
    }

    /** Initial qpos: shoulder uniform in (-pi, pi), wrist uniform in +-160 degrees; velocities zero. */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = rng.uniform(-Math.PI, Math.PI);
        qpos[1] = rng.uniform(-WRIST_LIMIT, WRIST_LIMIT);
    }

    /**
     * Draws the target: angle a uniform in (0, 2 pi), distance r uniform in (0.05, 0.2) m, position
     * (r sin a, r cos a, 0.01) written to {@code target} (3; z is the arm's plane height).
     */
    public static void initialTarget(Rng rng, double[] target) {
        double a = rng.uniform(0, 2 * Math.PI);
        double r = rng.uniform(TARGET_MIN_DISTANCE, TARGET_MAX_DISTANCE);
        target[0] = r * StrictMath.sin(a);
        target[1] = r * StrictMath.cos(a);
        target[2] = 0.01;
    }
}
