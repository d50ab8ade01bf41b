package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Walker2d-v5: walk forward on two legs. Frame skip 4 (dt 0.008 s); observation (17) =
 * qpos[1:9] then qvel clipped to [-10, 10]; reward = x velocity + 1 (only while healthy)
 * - 0.001 |a|^2; the episode terminates when unhealthy: healthy means 0.8 < height < 2 and
 * -1 < pitch < 1. Reset: qpos0 and zero velocity, each + U(-0.005, 0.005).
 */
public final class Walker2d extends GymMujocoEnv {
    static final String MODEL = "models/gym/walker2d.xml";
    static final int FRAME_SKIP = 4;
    static final double FORWARD_REWARD_WEIGHT = 1.0;
    static final double HEALTHY_REWARD = 1.0;
    static final double CTRL_COST_WEIGHT = 1e-3;
    static final double MIN_HEIGHT = 0.8;
    static final double MAX_HEIGHT = 2.0;
    static final double MAX_ABS_PITCH = 1.0;
    static final double VELOCITY_CLIP = 10.0;
    static final double RESET_NOISE = 5e-3;

    /** A new environment (loads its own model). */
    public Walker2d() {
        super(MODEL, FRAME_SKIP, 17);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addUniformNoise(data.qvel(), RESET_NOISE);
    }

    @Override
    public void step(double[] action, StepResult result) {
        double xBefore = data.qpos().get(0);
        doSimulation(action);
        double xVelocity = (data.qpos().get(0) - xBefore) / dt;
        boolean healthy = isHealthy();
        result.reward = reward(xVelocity, action, healthy);
        result.terminated = !healthy;
        observe(result.observation);
    }

    /** Reward of a step with that forward velocity, action and health. */
    static double reward(double xVelocity, double[] action, boolean healthy) {
        return FORWARD_REWARD_WEIGHT * xVelocity + (healthy ? HEALTHY_REWARD : 0.0)
                - CTRL_COST_WEIGHT * squaredNorm(action);
    }

    /** Height within (0.8, 2) and pitch within (-1, 1) (strict). */
    public boolean isHealthy() {
        MjArray qpos = data.qpos();
        double z = qpos.get(1);
        double pitch = qpos.get(2);
        return z > MIN_HEIGHT && z < MAX_HEIGHT && pitch > -MAX_ABS_PITCH && pitch < MAX_ABS_PITCH;
    }

    @Override
    protected void observe(double[] o) {
        observePositionsWithoutXAndVelocities(o, VELOCITY_CLIP);
    }
}
