package org.gorlj.env.gym;

import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Walker2d-v5: walk forward on two legs. Frame skip 4 (dt 0.008 s); observation (17) =
 * qpos[1:9] then qvel clipped to [-10, 10]; reward = x velocity + 1 (only while healthy)
 * - 0.001 |a|^2; the episode terminates when unhealthy: healthy means 0.8 < height < 2 and
 * -1 < pitch < 1. Reset: qpos0 and zero velocity, each + U(-0.005, 0.005).
 */
public final class Walker2d extends HealthyLocomotionEnv {
    static final String MODEL = "models/gym/walker2d.xml";
    static final double MIN_HEIGHT = 0.8;
    static final double MAX_HEIGHT = 2.0;
    static final double MAX_ABS_PITCH = 1.0;

    /** A new environment (loads its own model). */
    public Walker2d() {
        super(MODEL, 17);
    }

    /** Height within (0.8, 2) and pitch within (-1, 1) (strict). */
    @Override
    public boolean isHealthy() {
        MjArray qpos = data.qpos();
        double z = qpos.get(1);
        double pitch = qpos.get(2);
        return z > MIN_HEIGHT && z < MAX_HEIGHT && pitch > -MAX_ABS_PITCH && pitch < MAX_ABS_PITCH;
    }
}
