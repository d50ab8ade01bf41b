package org.gorlj.env.gym;

import org.gorlj.env.StepResult;

/**
 * The shared shape of Gymnasium's Hopper and Walker2d (v5): reward = forward velocity + 1 while
 * healthy - 0.001 |a|^2, termination when unhealthy, frame skip 4, reset noise U(-0.005, 0.005) on
 * qpos and qvel, observation qpos[1:] then qvel clipped to [-10, 10]. Subclasses say what healthy is.
 */
abstract class HealthyLocomotionEnv extends GymMujocoEnv {
    static final int FRAME_SKIP = 4;
    static final double FORWARD_REWARD_WEIGHT = 1.0;
    static final double HEALTHY_REWARD = 1.0;
    static final double CTRL_COST_WEIGHT = 1e-3;
    static final double VELOCITY_CLIP = 10.0;
    static final double RESET_NOISE = 5e-3;

    HealthyLocomotionEnv(String model, int observationDim) {
        super(model, FRAME_SKIP, observationDim);
    }

    /** Whether the robot is in its healthy range (the episode terminates otherwise). */
    public abstract boolean isHealthy();

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
        return FORWARD_REWARD_WEIGHT * xVelocity
                + (healthy ? HEALTHY_REWARD : 0.0)
                - CTRL_COST_WEIGHT * squaredNorm(action);
    }

    @Override
    protected void observe(double[] o) {
        observePositionsWithoutXAndVelocities(o, VELOCITY_CLIP);
    }
}
