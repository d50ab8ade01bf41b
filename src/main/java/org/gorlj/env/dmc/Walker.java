package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the planar biped ({@code models/dmc/walker.xml}; WalkerStand, WalkerWalk, WalkerRun).
 *
 * <p>qpos = (rootz, rootx, rooty, right hip, knee, ankle, left hip, knee, ankle) - note rootz comes
 * first - and qvel likewise; 6 actions in the same order as the leg joints.
 * The seven bodies whose orientations are observed are, in order: torso, right thigh, right leg,
 * right foot, left thigh, left leg, left foot.
 */
public final class Walker {
    /** Number of position coordinates. */
    public static final int NQ = 9;
    /** Number of bodies whose orientation is observed. */
    public static final int OBSERVED_BODIES = 7;
    /**
     * Observation: for each observed body its world rotation entries xx and xz (14), the torso's
     * uprightness zz (1; Playground's choice, DMC puts the torso height here), then qvel (9).
     */
    public static final int OBSERVATION_SIZE = 24;
    /** Joint ranges (radians) of hip, knee, ankle (same for both legs), as in the model. */
    static final double[][] LEG_RANGES = {
        {Math.toRadians(-20), Math.toRadians(100)},
        {Math.toRadians(-150), Math.toRadians(0)},
        {Math.toRadians(-45), Math.toRadians(45)},
    };
    /** Torso height (m) from which standing is fully rewarded, and the soft margin below it. */
    static final double STAND_HEIGHT = 1.2;

    static final double STAND_MARGIN = 0.6;
    /** Target forward speeds (m/s) of the three tasks. */
    public static final double STAND_SPEED = 0;

    public static final double WALK_SPEED = 1;
    public static final double RUN_SPEED = 8;

    private Walker() {}

    /**
     * Writes the observation.
     *
     * @param bodyRotations the 7 observed bodies' 3x3 world rotation matrices, row-major, concatenated (63)
     * @param qvel joint velocities (9)
     */
    public static void observe(double[] bodyRotations, double[] qvel, double[] out) {
        for (int b = 0; b < OBSERVED_BODIES; b++) {
            out[2 * b] = bodyRotations[9 * b]; // xx
            out[2 * b + 1] = bodyRotations[9 * b + 2]; // xz
        }
        out[14] = bodyRotations[8]; // torso zz
        System.arraycopy(qvel, 0, out, 15, 9);
    }

    /** (3 standing + upright) / 4: standing decays as a gaussian below 1.2 m, upright = (1 + zz) / 2. */
    public static double standReward(double torsoHeight, double torsoZz) {
        double standing = Rewards.tolerance(torsoHeight, STAND_HEIGHT, Double.POSITIVE_INFINITY, STAND_MARGIN);
        double upright = (1 + torsoZz) / 2;
        return (3 * standing + upright) / 4;
    }

    /**
     * The reward of the task with target speed {@code speed}: the stand reward alone when the speed is
     * 0, else stand reward times (5 move + 1) / 6 with move = clip(vx / speed, 0, 1).
     */
    public static double reward(double torsoHeight, double torsoZz, double comVelocityX, double speed) {
        double stand = standReward(torsoHeight, torsoZz);
        if (speed == 0) {
            return stand;
        }
        double move = Rewards.tolerance(comVelocityX, speed, Double.POSITIVE_INFINITY, speed / 2, Sigmoid.LINEAR, 0.5);
        return stand * (5 * move + 1) / 6;
    }

    /**
     * Draws an initial qpos (qvel is zero): rootz = rootx = 0, torso pitch uniform in (-pi, pi), each
     * leg joint uniform in its range. The torso starts at its model height (1.3 m) and falls.
     */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = 0;
        qpos[1] = 0;
        qpos[2] = rng.uniform(-Math.PI, Math.PI);
        for (int leg = 0; leg < 2; leg++) {
            for (int j = 0; j < LEG_RANGES.length; j++) {
                qpos[3 + 3 * leg + j] = rng.uniform(LEG_RANGES[j][0], LEG_RANGES[j][1]);
            }
        }
    }
}
