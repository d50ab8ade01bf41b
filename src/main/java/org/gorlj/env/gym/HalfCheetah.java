package org.gorlj.env.gym;

/**
 * Gymnasium HalfCheetah-v5: run forward. Frame skip 5 (dt 0.05 s); observation (17) = qpos[1:9]
 * then qvel (not clipped); reward = x velocity - 0.1 |a|^2; never terminates.
 * Reset: qpos0 + U(-0.1, 0.1) per entry, qvel = 0.1 N(0, 1) per entry.
 */
public final class HalfCheetah extends ForwardVelocityEnv {
    static final String MODEL = "models/gym/half_cheetah.xml";
    static final int FRAME_SKIP = 5;
    static final double CTRL_COST_WEIGHT = 0.1;
    static final double RESET_NOISE = 0.1;

    /** A new environment (loads its own model). */
    public HalfCheetah() {
        super(MODEL, FRAME_SKIP, 17, CTRL_COST_WEIGHT);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addGaussianNoise(data.qvel(), RESET_NOISE);
    }

    /** Reward of a step with that forward velocity and action. */
    static double reward(double xVelocity, double[] action) {
        return reward(xVelocity, action, CTRL_COST_WEIGHT);
    }

    @Override
    protected void observe(double[] o) {
        observePositionsWithoutXAndVelocities(o, Double.POSITIVE_INFINITY);
    }
}
