package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the swimming fish ({@code models/dmc/fish.xml}; FishSwim).
 *
 * <p>qpos = free joint (x, y, z, qw, qx, qy, qz) then 7 hinges (tail1, tail_twist, tail2,
 * finright_roll, finright_pitch, finleft_roll, finleft_pitch); qvel = free joint (6) then the 7
 * hinges; 5 actions (tail, tail_twist, fins_flap, finleft_pitch, finright_pitch).
 */
public final class Fish {
    /** Number of position coordinates. */
    public static final int NQ = 14;
    /** Number of velocity coordinates. */
    public static final int NV = 13;
    /**
     * Observation in Playground's order: uprightness (1), the 7 hinge angles (7), the target seen
     * from the mouth in the mouth's frame (3), qvel (13).
     */
    public static final int OBSERVATION_SIZE = 24;
    /** Mouth radius plus target radius (m): inside this distance the target is reached. */
    static final double REACH_RADIUS = 0.005 + 0.04;
    /** Half-range (radians) of the hinges' initial angles. */
    static final double HINGE_SPREAD = 0.2;
    /** Box the target is drawn in (m). */
    static final double[] TARGET_LOW = {-0.4, -0.4, 0.1};

    static final double[] TARGET_HIGH = {0.4, 0.4, 0.3};

    private Fish() {}

    /**
     * Writes the observation.
     *
     * @param qpos positions (14)
     * @param qvel velocities (13)
     * @param torsoZz world-z component of the torso's z axis (1 = upright)
     * @param mouthPosition world position of the mouth geom (3)
     * @param mouthRotation world rotation of the mouth geom, 3x3 row-major (9)
     * @param targetPosition world position of the target (3)
     */
    public static void observe(
            double[] qpos,
            double[] qvel,
            double torsoZz,
            double[] mouthPosition,
            double[] mouthRotation,
            double[] targetPosition,
            double[] out) {
        out[0] = torsoZz;
        System.arraycopy(qpos, 7, out, 1, 7);
        double dx = targetPosition[0] - mouthPosition[0];
        double dy = targetPosition[1] - mouthPosition[1];
        double dz = targetPosition[2] - mouthPosition[2];
        for (int i = 0; i < 3; i++) { // transpose of the rotation applied to the world offset
            out[8 + i] = mouthRotation[i] * dx + mouthRotation[3 + i] * dy + mouthRotation[6 + i] * dz;
        }
        System.arraycopy(qvel, 0, out, 11, NV);
    }

    /**
     * FishSwim: (7 in_target + upright) / 8 with in_target 1 within 0.045 m of the target and a gaussian
     * decay (0.1 at 0.09 m further), upright = (1 + zz) / 2.
     */
    public static double swimReward(double[] mouthPosition, double[] targetPosition, double torsoZz) {
        double distance = Math.sqrt(squaredDistance(mouthPosition, targetPosition));
        double inTarget = Rewards.tolerance(distance, 0, REACH_RADIUS, 2 * REACH_RADIUS);
        double upright = (1 + torsoZz) / 2;
        return (7 * inTarget + upright) / 8;
    }

    /**
     * Draws an initial qpos (qvel is zero): torso at the origin (Playground's choice; DMC keeps it at
     * z = 0.1) with a uniformly random orientation (a normalised 4-vector of standard normals), each
     * hinge uniform in +-0.2 rad.
     */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = 0;
        qpos[1] = 0;
        qpos[2] = 0;
        double norm;
        do {
            norm = 0;
            for (int i = 3; i < 7; i++) {
                qpos[i] = rng.nextGaussian();
                norm += qpos[i] * qpos[i];
            }
        } while (norm == 0);
        norm = Math.sqrt(norm);
        for (int i = 3; i < 7; i++) {
            qpos[i] /= norm;
        }
        for (int i = 7; i < NQ; i++) {
            qpos[i] = rng.uniform(-HINGE_SPREAD, HINGE_SPREAD);
        }
    }

    /** Draws the target position uniformly in [-0.4, 0.4] x [-0.4, 0.4] x [0.1, 0.3] (m), written to {@code target} (3). */
    public static void initialTarget(Rng rng, double[] target) {
        for (int i = 0; i < 3; i++) {
            target[i] = rng.uniform(TARGET_LOW[i], TARGET_HIGH[i]);
        }
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
