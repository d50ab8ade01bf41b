package org.gorlj.env.dmc;

/**
 * Task logic of the 3-D humanoid ({@code models/dmc/humanoid.xml}; HumanoidStand, HumanoidWalk,
 * HumanoidRun).
 *
 * <p>qpos = free root (x, y, z, quaternion w, x, y, z) then the 21 hinge angles; qvel = root linear
 * velocity (world), root angular velocity (local), then the 21 hinge velocities; 21 actions. The
 * reward multiplies a stand term (head height and torso uprightness), a move term (horizontal
 * centre-of-mass speed) and a small-control term; every episode starts from the model's standing
 * pose (Playground; DMC instead draws random joint angles and orientations).
 */
public final class Humanoid {
    /** Number of position coordinates (7 for the free root, 21 hinges). */
    public static final int NQ = 28;
    /** Number of velocity coordinates (6 for the free root, 21 hinges). */
    public static final int NV = 27;
    /** Number of actuators. */
    public static final int ACTIONS = 21;
    /** Number of extremities observed (left hand, left foot, right hand, right foot). */
    public static final int EXTREMITIES = 4;
    /**
     * Observation: hinge angles qpos[7:] (21), head height (1), the four extremities in the torso's
     * frame (12), the torso's vertical orientation (3), the centre-of-mass velocity (3), qvel (27).
     */
    public static final int OBSERVATION_SIZE = 67;
    /** Head height (m) from which standing is fully rewarded; the soft margin below it is a quarter of it. */
    static final double STAND_HEIGHT = 1.4;
    /** Torso uprightness (world z of its z axis) from which upright is fully rewarded. */
    static final double UPRIGHT_ZZ = 0.9;
    /** Target horizontal speeds (m/s) of the three tasks (0: stand still). */
    public static final double STAND_SPEED = 0;

    public static final double WALK_SPEED = 1;
    public static final double RUN_SPEED = 10;

    private Humanoid() {}

    /**
     * Writes the observation.
     *
     * @param qpos positions (28)
     * @param qvel velocities (27)
     * @param headHeight world z of the head body
     * @param extremities the four extremities' positions in the torso's frame, concatenated (12)
     * @param torsoRotation the torso's 3x3 world rotation, row-major (9); its last row (zx, zy, zz) is observed
     * @param comVelocity centre-of-mass velocity of the whole body, world frame (3)
     */
    public static void observe(
            double[] qpos,
            double[] qvel,
            double headHeight,
            double[] extremities,
            double[] torsoRotation,
            double[] comVelocity,
            double[] out) {
        System.arraycopy(qpos, 7, out, 0, NQ - 7);
        out[21] = headHeight;
        System.arraycopy(extremities, 0, out, 22, 3 * EXTREMITIES);
        System.arraycopy(torsoRotation, 6, out, 34, 3);
        System.arraycopy(comVelocity, 0, out, 37, 3);
        System.arraycopy(qvel, 0, out, 40, NV);
    }

    /**
     * Writes {@code point − origin} expressed in the frame with world rotation {@code rotation}
     * (row-major: column j is the frame's j-th axis) into {@code out[offset..offset+3)}.
     */
    public static void inFrame(double[] origin, double[] rotation, double[] point, double[] out, int offset) {
        double dx = point[0] - origin[0];
        double dy = point[1] - origin[1];
        double dz = point[2] - origin[2];
        for (int j = 0; j < 3; j++) {
            out[offset + j] = dx * rotation[j] + dy * rotation[3 + j] + dz * rotation[6 + j];
        }
    }

    /**
     * standing × upright: standing = 1 with the head at 1.4 m or higher, a gaussian of margin 0.35 m
     * below; upright = 1 from torso zz 0.9 up, falling linearly to 0 at zz = −1 (upside down).
     */
    public static double standReward(double headHeight, double torsoZz) {
        double standing = Rewards.tolerance(headHeight, STAND_HEIGHT, Double.POSITIVE_INFINITY, STAND_HEIGHT / 4);
        double upright =
                Rewards.tolerance(torsoZz, UPRIGHT_ZZ, Double.POSITIVE_INFINITY, 1 + UPRIGHT_ZZ, Sigmoid.LINEAR, 0);
        return standing * upright;
    }

    /**
     * The move term: with speed 0 (stand), the mean over the horizontal velocity components of a
     * gaussian of margin 2 m/s around 0 (1 when still); otherwise (5 move + 1) / 6 with
     * move = clip(|v_xy| / speed, 0, 1), the horizontal speed in any direction.
     */
    public static double moveReward(double comVelocityX, double comVelocityY, double speed) {
        if (speed == 0) {
            return (Rewards.tolerance(comVelocityX, 0, 0, 2) + Rewards.tolerance(comVelocityY, 0, 0, 2)) / 2;
        }
        double move = Rewards.tolerance(
                Math.hypot(comVelocityX, comVelocityY), speed, Double.POSITIVE_INFINITY, speed, Sigmoid.LINEAR, 0);
        return (5 * move + 1) / 6;
    }

    /** The task's reward: stand × move × (4 + mean small-control) / 5. */
    public static double reward(
            double headHeight,
            double torsoZz,
            double comVelocityX,
            double comVelocityY,
            double[] action,
            double speed) {
        double smallControl = (4 + Rewards.meanSmallControl(action)) / 5;
        return standReward(headHeight, torsoZz) * moveReward(comVelocityX, comVelocityY, speed) * smallControl;
    }
}
