package org.gorlj.env.gym;

import org.gorlj.env.mujoco.MjData;

/**
 * The observation of Gymnasium's Humanoid-v5 and HumanoidStandup-v5 (default keywords), 348 values:
 * qpos[2:] (22), qvel (23), then for the 13 bodies other than the world {@code cinert} (130),
 * {@code cvel} (78), then {@code qfrc_actuator} without the free joint's 6 entries (17), then
 * {@code cfrc_ext} of the 13 bodies (78). Nothing is clipped.
 */
final class HumanoidObservation {
    static final int SIZE = 348;

    private HumanoidObservation() {}

    /** Writes the observation of {@code data}'s current values into {@code o}. */
    static void write(MjData data, double[] o) {
        int k = GymMujocoEnv.copyFrom(data.qpos(), 2, o, 0);
        k = GymMujocoEnv.copyFrom(data.qvel(), 0, o, k);
        k = GymMujocoEnv.copyFrom(data.cinert(), data.cinert().cols(), o, k);
        k = GymMujocoEnv.copyFrom(data.cvel(), data.cvel().cols(), o, k);
        k = GymMujocoEnv.copyFrom(data.qfrcActuator(), 6, o, k);
        GymMujocoEnv.copyFrom(data.cfrcExt(), data.cfrcExt().cols(), o, k);
    }

    /** Sum of squares of every {@code cfrc_ext} entry (the world's row is zero). */
    static double squaredContactForces(MjData data) {
        double sum = 0;
        for (int i = 0, n = data.cfrcExt().size(); i < n; i++) {
            double f = data.cfrcExt().get(i);
            sum += f * f;
        }
        return sum;
    }
}
