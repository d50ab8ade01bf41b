package org.gorlj.env.gym;

/**
 * Gymnasium Swimmer-v5 with its default keywords: a three-segment swimmer moves forward through a
 * viscous fluid. Frame skip 4 (dt 0.04 s); observation (8) = qpos[2:] (front angle, two joint angles)
 * then qvel (5); reward = x velocity of the front segment's slide - 1e-4 |a|^2; never terminates.
 * Reset: qpos0 and zero velocity, each entry + U(-0.1, 0.1). docs/tasks.md §3.7.
 */
public final class Swimmer extends ForwardVelocityEnv {
    static final String MODEL = "models/gym/swimmer.xml";
    static final int FRAME_SKIP = 4;
    static final double CTRL_COST_WEIGHT = 1e-4;
    static final double RESET_NOISE = 0.1;

    /** A new environment (loads its own model). */
    public Swimmer() {
        super(MODEL, FRAME_SKIP, 8, CTRL_COST_WEIGHT);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addUniformNoise(data.qvel(), RESET_NOISE);
    }

    /** Reward of a step with that forward velocity and action. */
    static double reward(double xVelocity, double[] action) {
        return reward(xVelocity, action, CTRL_COST_WEIGHT);
    }

    @Override
    protected void observe(double[] o) {
        int k = copyFrom(data.qpos(), 2, o, 0);
        copyFrom(data.qvel(), 0, o, k);
    }
}
