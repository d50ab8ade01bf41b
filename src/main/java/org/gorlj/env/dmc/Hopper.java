package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the planar one-legged hopper ({@code models/dmc/hopper.xml}; HopperStand, HopperHop).
 *
 * <p>qpos = (rootx, rootz, rooty, waist, hip, knee, ankle), qvel likewise; 4 actions (waist, hip,
 * knee, ankle). Reward terms use the torso and foot centres of mass and the whole body's
 * centre-of-mass velocity (sensor {@code torso_subtreelinvel}).
 */
public final class Hopper {
    /** Number of position coordinates. */
    public static final int NQ = 7;
    /** Observation: qpos[1:7] (6), qvel (7), log(1 + touch) at toe and heel (2). */
    public static final int OBSERVATION_SIZE = 15;
    /** Joint ranges (radians) of waist, hip, knee, ankle, as in the model. */
    static final double[][] LIMITED_RANGES = {
        {Math.toRadians(-30), Math.toRadians(30)},
        {Math.toRadians(-170), Math.toRadians(10)},
        {Math.toRadians(5), Math.toRadians(150)},
        {Math.toRadians(-45), Math.toRadians(45)},
    };
    /** Torso-above-foot height range counted as standing (metres). */
    static final double STAND_LOW = 0.6;

    static final double STAND_HIGH = 2.0;
    /** Forward speed (m/s) that earns the full hopping reward. */
    static final double HOP_SPEED = 2.0;

    private Hopper() {}

    /** Writes the observation: qpos without rootx, qvel, then log1p of the toe and heel touch forces. */
    public static void observe(double[] qpos, double[] qvel, double touchToe, double touchHeel, double[] out) {
        System.arraycopy(qpos, 1, out, 0, 6);
        System.arraycopy(qvel, 0, out, 6, 7);
        out[13] = StrictMath.log1p(touchToe);
        out[14] = StrictMath.log1p(touchHeel);
    }

    /** 1 while the torso's centre of mass is 0.6 to 2 m above the foot's, else 0. */
    public static double standing(double torsoComZ, double footComZ) {
        return Rewards.tolerance(torsoComZ - footComZ, STAND_LOW, STAND_HIGH, 0, Sigmoid.GAUSSIAN, 0.1);
    }

    /** HopperStand: standing times (4 + mean small-control) / 5. */
    public static double standReward(double torsoComZ, double footComZ, double[] control) {
        return standing(torsoComZ, footComZ) * (Rewards.meanSmallControl(control) + 4) / 5;
    }

    /** HopperHop: standing times clip(vx / 2, 0, 1), vx the centre-of-mass forward velocity. */
    public static double hopReward(double torsoComZ, double footComZ, double comVelocityX) {
        double hopping = Rewards.tolerance(
                comVelocityX, HOP_SPEED, Double.POSITIVE_INFINITY, HOP_SPEED / 2, Sigmoid.LINEAR, 0.5);
        return standing(torsoComZ, footComZ) * hopping;
    }

    /**
     * Draws an initial qpos (qvel is zero): rootx = rootz = 0, torso pitch uniform in (-pi, pi),
     * each leg joint uniform in its range. The body starts at its model height with any pitch, so
     * it may start partly inside the floor and be pushed out.
     */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = 0;
        qpos[1] = 0;
        qpos[2] = rng.uniform(-Math.PI, Math.PI);
        for (int i = 0; i < LIMITED_RANGES.length; i++) {
            qpos[3 + i] = rng.uniform(LIMITED_RANGES[i][0], LIMITED_RANGES[i][1]);
        }
    }
}
