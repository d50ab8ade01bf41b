package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the planar cheetah ({@code models/dmc/cheetah.xml}; CheetahRun).
 *
 * <p>qpos = (rootx, rootz, rooty, bthigh, bshin, bfoot, fthigh, fshin, ffoot), qvel likewise;
 * 6 actions, one per leg joint.
 */
public final class Cheetah {
    /** Number of position coordinates. */
    public static final int NQ = 9;
    /** Observation: qpos[1:9] (8) then qvel (9). */
    public static final int OBSERVATION_SIZE = 17;
    /** Zero-control physics steps run after the random pose is drawn, before the episode starts. */
    public static final int SETTLE_STEPS = 200;
    /** Joint ranges (radians) of bthigh, bshin, bfoot, fthigh, fshin, ffoot, as in the model. */
    static final double[][] LIMITED_RANGES = {
        {Math.toRadians(-30), Math.toRadians(60)},
        {Math.toRadians(-50), Math.toRadians(50)},
        {Math.toRadians(-230), Math.toRadians(50)},
        {Math.toRadians(-57), Math.toRadians(0.4)},
        {Math.toRadians(-70), Math.toRadians(50)},
        {Math.toRadians(-28), Math.toRadians(28)},
    };
    /** Forward speed (m/s) that earns the full reward. */
    static final double RUN_SPEED = 10.0;

    private Cheetah() {}

    /** Writes the observation: qpos without rootx, then qvel. */
    public static void observe(double[] qpos, double[] qvel, double[] out) {
        System.arraycopy(qpos, 1, out, 0, 8);
        System.arraycopy(qvel, 0, out, 8, 9);
    }

    /** CheetahRun: clip(vx / 10, 0, 1), vx the centre-of-mass forward velocity. */
    public static double runReward(double comVelocityX) {
        return Rewards.tolerance(comVelocityX, RUN_SPEED, Double.POSITIVE_INFINITY, RUN_SPEED, Sigmoid.LINEAR, 0);
    }

    /**
     * Draws the pose the settling starts from (qvel is zero): root coordinates 0, each leg joint
     * uniform in its range. The task then runs {@link #SETTLE_STEPS} physics steps with zero control.
     */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = 0;
        qpos[1] = 0;
        qpos[2] = 0;
        for (int i = 0; i < LIMITED_RANGES.length; i++) {
            qpos[3 + i] = rng.uniform(LIMITED_RANGES[i][0], LIMITED_RANGES[i][1]);
        }
    }
}
