package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium InvertedDoublePendulum-v5 with its default keywords: balance two stacked poles on a cart.
 * Frame skip 5 (dt 0.05 s); observation (9) = cart position, sin of both hinge angles, cos of both,
 * qvel (3) clipped to [-10, 10], and the slider's constraint force clipped to [-10, 10]. With (x, z)
 * the position of the second pole's tip: the episode terminates when z <= 1; reward = 10 unless it
 * terminates - (0.01 x^2 + (z - 2)^2) - (1e-3 w1^2 + 5e-3 w2^2), w the hinge velocities. Reset: qpos0
 * + U(-0.1, 0.1), qvel = 0.1 N(0, 1). docs/tasks.md §3.9.
 */
public final class InvertedDoublePendulum extends GymMujocoEnv {
    static final String MODEL = "models/gym/inverted_double_pendulum.xml";
    static final int FRAME_SKIP = 5;
    static final double HEALTHY_REWARD = 10.0;
    static final double RESET_NOISE = 0.1;
    static final double MIN_TIP_HEIGHT = 1.0;
    static final double CLIP = 10.0;
    /** Site id of the second pole's tip. */
    static final int TIP = 0;

    /** A new environment (loads its own model). */
    public InvertedDoublePendulum() {
        super(MODEL, FRAME_SKIP, 9);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addGaussianNoise(data.qvel(), RESET_NOISE);
    }

    @Override
    public void step(double[] action, StepResult result) {
        doSimulation(action);
        double x = data.siteXpos().get(TIP, 0);
        double z = data.siteXpos().get(TIP, 2);
        boolean terminated = z <= MIN_TIP_HEIGHT;
        result.terminated = terminated;
        result.reward = reward(x, z, data.qvel().get(1), data.qvel().get(2), terminated);
        observe(result.observation);
    }

    /** Reward of a step ending with the tip at (x, z) and those hinge velocities. */
    static double reward(double x, double z, double w1, double w2, boolean terminated) {
        double distancePenalty = 0.01 * x * x + (z - 2) * (z - 2);
        double velocityPenalty = 1e-3 * w1 * w1 + 5e-3 * w2 * w2;
        return (terminated ? 0.0 : HEALTHY_REWARD) - distancePenalty - velocityPenalty;
    }

    @Override
    protected void observe(double[] o) {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        o[0] = qpos.get(0);
        o[1] = Math.sin(qpos.get(1));
        o[2] = Math.sin(qpos.get(2));
        o[3] = Math.cos(qpos.get(1));
        o[4] = Math.cos(qpos.get(2));
        for (int i = 0; i < 3; i++) {
            o[5 + i] = Math.clamp(qvel.get(i), -CLIP, CLIP);
        }
        o[8] = Math.clamp(data.qfrcConstraint().get(0), -CLIP, CLIP);
    }
}
