package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the finger and spinner ({@code models/dmc/finger.xml}; FingerSpin, FingerTurnEasy,
 * FingerTurnHard). Everything lies in the x-z plane; only x and z components are used.
 *
 * <p>qpos = qvel = (proximal, distal, hinge); 2 actions (proximal, distal). The model's sensor
 * layout is described by the {@code SENSOR_*} offsets into {@code sensordata}.
 */
public final class Finger {
    /** Number of position coordinates. */
    public static final int NQ = 3;
    /** FingerSpin observation: position (4), velocity (3), touch (2). */
    public static final int SPIN_OBSERVATION_SIZE = 9;
    /** FingerTurn observation: the spin observation, target relative to the spinner (2), distance to target (1). */
    public static final int TURN_OBSERVATION_SIZE = 12;

    /** Offsets into the model's sensordata (22 values). */
    static final int SENSOR_PROXIMAL = 0;

    static final int SENSOR_DISTAL = 1;
    static final int SENSOR_TIP = 5;
    static final int SENSOR_TARGET = 8;
    static final int SENSOR_SPINNER = 11;
    static final int SENSOR_TOUCH_TOP = 14;
    static final int SENSOR_TOUCH_BOTTOM = 15;
    /** Total sensordata size of the model. */
    public static final int SENSORDATA_SIZE = 22;

    /** Range (radians) of both finger joints, as in the model. */
    static final double JOINT_LIMIT = Math.toRadians(110);
    /** The spinner's hinge axis position in the x-z plane (m). */
    static final double HINGE_X = 0.2;

    static final double HINGE_Z = 0.4;
    /** Distance from the hinge to the spinner's lobe tip, where the target is placed (m). */
    static final double TARGET_ORBIT = 0.13;
    /** Target site radius of FingerTurnEasy and FingerTurnHard (m). */
    public static final double EASY_TARGET_RADIUS = 0.07;

    public static final double HARD_TARGET_RADIUS = 0.03;
    /** Spinner hinge velocity (rad/s) at or below which FingerSpin pays 1. */
    static final double SPIN_VELOCITY = -15;
    /** Spinner hinge damping used by FingerSpin (the model's 0.5 is the turn tasks' value). */
    public static final double SPIN_HINGE_DAMPING = 0.03;

    private Finger() {}

    /**
     * Writes the FingerSpin observation: proximal and distal angles, the spinner's tip relative to the
     * spinner (x, z), the three joint velocities, then log1p of the two touch sensors.
     *
     * @param sensordata the model's 22 sensor values
     * @param qvel joint velocities (3)
     */
    public static void observeSpin(double[] sensordata, double[] qvel, double[] out) {
        out[0] = sensordata[SENSOR_PROXIMAL];
        out[1] = sensordata[SENSOR_DISTAL];
        out[2] = sensordata[SENSOR_TIP] - sensordata[SENSOR_SPINNER];
        out[3] = sensordata[SENSOR_TIP + 2] - sensordata[SENSOR_SPINNER + 2];
        System.arraycopy(qvel, 0, out, 4, 3);
        out[7] = StrictMath.log1p(sensordata[SENSOR_TOUCH_TOP]);
        out[8] = StrictMath.log1p(sensordata[SENSOR_TOUCH_BOTTOM]);
    }

    /** Writes the FingerTurn observation: the spin observation, the target relative to the spinner (x, z), the distance to target. */
    public static void observeTurn(double[] sensordata, double[] qvel, double targetRadius, double[] out) {
        observeSpin(sensordata, qvel, out);
        out[9] = sensordata[SENSOR_TARGET] - sensordata[SENSOR_SPINNER];
        out[10] = sensordata[SENSOR_TARGET + 2] - sensordata[SENSOR_SPINNER + 2];
        out[11] = distanceToTarget(sensordata, targetRadius);
    }

    /** Distance in the x-z plane from the spinner's tip to the target's surface (negative inside the target). */
    public static double distanceToTarget(double[] sensordata, double targetRadius) {
        double dx = sensordata[SENSOR_TARGET] - sensordata[SENSOR_TIP];
        double dz = sensordata[SENSOR_TARGET + 2] - sensordata[SENSOR_TIP + 2];
        return StrictMath.hypot(dx, dz) - targetRadius;
    }

    /** FingerSpin: 1 while the spinner turns at -15 rad/s or faster in the negative direction, else 0. */
    public static double spinReward(double hingeVelocity) {
        return hingeVelocity <= SPIN_VELOCITY ? 1 : 0;
    }

    /** FingerTurn: 1 while the spinner's tip is inside the target, else 0. */
    public static double turnReward(double distanceToTarget) {
        return distanceToTarget <= 0 ? 1 : 0;
    }

    /**
     * Draws an initial qpos (qvel is zero): both finger joints uniform in +-110 degrees, the spinner
     * angle uniform in (-pi, pi). Initial contacts are not rejected (Playground's choice).
     */
    public static void initialQpos(Rng rng, double[] qpos) {
        qpos[0] = rng.uniform(-JOINT_LIMIT, JOINT_LIMIT);
        qpos[1] = rng.uniform(-JOINT_LIMIT, JOINT_LIMIT);
        qpos[2] = rng.uniform(-Math.PI, Math.PI);
    }

    /**
     * Draws a FingerTurn target on the circle the spinner's tip describes: angle a uniform in
     * (-pi, pi), position (hinge x + 0.13 sin a, 0, hinge z + 0.13 cos a), written to {@code target} (3).
     */
    public static void initialTarget(Rng rng, double[] target) {
        double a = rng.uniform(-Math.PI, Math.PI);
        target[0] = HINGE_X + TARGET_ORBIT * StrictMath.sin(a);
        target[1] = 0;
        target[2] = HINGE_Z + TARGET_ORBIT * StrictMath.cos(a);
    }
}
