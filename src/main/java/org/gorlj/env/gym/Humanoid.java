package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Humanoid-v5 with its default keywords: a 3D humanoid walks forward. Frame skip 5
 * (dt 0.015 s); observation (348) as {@link HumanoidObservation}. Reward = 1.25 x velocity of the
 * centre of mass + 5 while healthy - 0.1 |a|^2 - min(5e-7 |cfrc_ext|^2, 10). Healthy: 1 < torso height
 * < 2 (strict); the episode terminates when unhealthy. Reset: qpos0 and zero velocity, each entry
 * + U(-0.01, 0.01). docs/tasks.md §3.11.
 */
public final class Humanoid extends ForwardProgressEnv {
    static final String MODEL = "models/gym/humanoid.xml";
    static final int FRAME_SKIP = 5;
    static final double FORWARD_REWARD_WEIGHT = 1.25;
    static final double HEALTHY_REWARD = 5.0;
    static final double CTRL_COST_WEIGHT = 0.1;
    static final double CONTACT_COST_WEIGHT = 5e-7;
    static final double MAX_CONTACT_COST = 10.0;
    static final double MIN_Z = 1.0;
    static final double MAX_Z = 2.0;
    static final double RESET_NOISE = 1e-2;

    private final double totalMass;

    /** A new environment (loads its own model). */
    public Humanoid() {
        super(MODEL, FRAME_SKIP, HumanoidObservation.SIZE);
        double mass = 0;
        for (int b = 0, n = model.nbody(); b < n; b++) {
            mass += model.bodyMass().get(b);
        }
        this.totalMass = mass;
    }

    /** x of the centre of mass: the body masses times their {@code xipos}, over the total mass. */
    @Override
    protected double trackedX() {
        MjArray mass = model.bodyMass();
        MjArray xipos = data.xipos();
        double moment = 0;
        for (int b = 0, n = model.nbody(); b < n; b++) {
            moment += mass.get(b) * xipos.get(b, 0);
        }
        return moment / totalMass;
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addUniformNoise(data.qvel(), RESET_NOISE);
    }

    @Override
    public void step(double[] action, StepResult result) {
        double xVelocity = simulateAndMeasureXVelocity(action);
        boolean healthy = isHealthy();
        result.reward = reward(xVelocity, action, HumanoidObservation.squaredContactForces(data), healthy);
        result.terminated = !healthy;
        observe(result.observation);
    }

    /** Reward of a step with that centre-of-mass velocity, action, sum of squared contact forces and health. */
    static double reward(double xVelocity, double[] action, double squaredContactForces, boolean healthy) {
        return FORWARD_REWARD_WEIGHT * xVelocity
                + (healthy ? HEALTHY_REWARD : 0.0)
                - CTRL_COST_WEIGHT * squaredNorm(action)
                - Math.min(CONTACT_COST_WEIGHT * squaredContactForces, MAX_CONTACT_COST);
    }

    /** Torso height within (1, 2), strict. */
    public boolean isHealthy() {
        double z = data.qpos().get(2);
        return z > MIN_Z && z < MAX_Z;
    }

    @Override
    protected void observe(double[] o) {
        HumanoidObservation.write(data, o);
    }
}
