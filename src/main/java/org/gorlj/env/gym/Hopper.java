package org.gorlj.env.gym;

import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Hopper-v5: hop forward on one leg. Frame skip 4 (dt 0.008 s); observation (11) =
 * qpos[1:6] (height, pitch, three joint angles) then qvel clipped to [-10, 10]; reward = x velocity
 * + 1 (only while healthy) - 0.001 |a|^2; the episode terminates when unhealthy: healthy means
 * height > 0.7, |pitch| < 0.2 and every entry of qpos[2:] and qvel inside (-100, 100).
 * Reset: qpos0 and zero velocity, each + U(-0.005, 0.005).
 */
public final class Hopper extends HealthyLocomotionEnv {
    static final String MODEL = "models/gym/hopper.xml";
    static final double MIN_HEIGHT = 0.7;
    static final double MAX_ABS_PITCH = 0.2;
    static final double MAX_ABS_STATE = 100.0;

    /** A new environment (loads its own model). */
    public Hopper() {
        super(MODEL, 11);
    }

    /** Height above 0.7, pitch within (-0.2, 0.2), and qpos[2:], qvel within (-100, 100) (all strict). */
    @Override
    public boolean isHealthy() {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        double z = qpos.get(1);
        double pitch = qpos.get(2);
        if (!(z > MIN_HEIGHT && pitch > -MAX_ABS_PITCH && pitch < MAX_ABS_PITCH)) {
            return false;
        }
        for (int i = 2, n = qpos.size(); i < n; i++) {
            if (!(Math.abs(qpos.get(i)) < MAX_ABS_STATE)) {
                return false;
            }
        }
        for (int i = 0, n = qvel.size(); i < n; i++) {
            if (!(Math.abs(qvel.get(i)) < MAX_ABS_STATE)) {
                return false;
            }
        }
        return true;
    }
}
