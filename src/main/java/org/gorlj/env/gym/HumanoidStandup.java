package org.gorlj.env.gym;

import org.gorlj.env.StepResult;

/**
 * Gymnasium HumanoidStandup-v5 with its default keywords: the humanoid starts lying on its back and
 * is rewarded for raising its torso. Frame skip 5 (dt 0.015 s); observation (348) as
 * {@link HumanoidObservation}. Reward = torso height / 0.003 (the model's time step, not dt, as
 * Gymnasium computes it) - 0.1 |a|^2 - min(5e-7 |cfrc_ext|^2, 10) + 1; never terminates. Reset: qpos0
 * and zero velocity, each entry + U(-0.01, 0.01). docs/tasks.md §3.12.
 */
public final class HumanoidStandup extends GymMujocoEnv {
    static final String MODEL = "models/gym/humanoid_standup.xml";
    static final int FRAME_SKIP = 5;
    static final double UPH_COST_WEIGHT = 1.0;
    static final double CTRL_COST_WEIGHT = 0.1;
    static final double IMPACT_COST_WEIGHT = 0.5e-6;
    static final double MAX_IMPACT_COST = 10.0;
    static final double RESET_NOISE = 1e-2;

    /** A new environment (loads its own model). */
    public HumanoidStandup() {
        super(MODEL, FRAME_SKIP, HumanoidObservation.SIZE);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addUniformNoise(data.qvel(), RESET_NOISE);
    }

    @Override
    public void step(double[] action, StepResult result) {
        doSimulation(action);
        data.rnePostConstraint();
        result.reward =
                reward(data.qpos().get(2), model.timestep(), action, HumanoidObservation.squaredContactForces(data));
        result.terminated = false;
        observe(result.observation);
    }

    /** Reward of a step ending at that torso height, for that time step, action and sum of squared contact forces. */
    static double reward(double height, double timestep, double[] action, double squaredContactForces) {
        return UPH_COST_WEIGHT * height / timestep
                - CTRL_COST_WEIGHT * squaredNorm(action)
                - Math.min(IMPACT_COST_WEIGHT * squaredContactForces, MAX_IMPACT_COST)
                + 1.0;
    }

    @Override
    protected void observe(double[] o) {
        HumanoidObservation.write(data, o);
    }
}
