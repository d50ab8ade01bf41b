package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Ant-v5 with its default keywords: a four-legged robot walks forward. Frame skip 5
 * (dt 0.05 s); observation (105) = qpos[2:] (13: torso height, orientation quaternion, eight joint
 * angles), qvel (14), then the contact forces {@code cfrc_ext} of the 13 bodies (world excluded),
 * each entry clipped to [-1, 1] (78). Reward = torso x velocity + 1 while healthy - 0.5 |a|^2
 * - 5e-4 |clipped cfrc_ext|^2. Healthy: every qpos and qvel entry finite and 0.2 <= torso height
 * <= 1; the episode terminates when unhealthy. Reset: qpos0 + U(-0.1, 0.1), qvel = 0.1 N(0, 1).
 * docs/tasks.md §3.6.
 */
public final class Ant extends ForwardProgressEnv {
    static final String MODEL = "models/gym/ant.xml";
    static final int FRAME_SKIP = 5;
    static final int OBSERVATION_SIZE = 105;
    static final double FORWARD_REWARD_WEIGHT = 1.0;
    static final double HEALTHY_REWARD = 1.0;
    static final double CTRL_COST_WEIGHT = 0.5;
    static final double CONTACT_COST_WEIGHT = 5e-4;
    static final double CONTACT_FORCE_LIMIT = 1.0;
    static final double MIN_Z = 0.2;
    static final double MAX_Z = 1.0;
    static final double RESET_NOISE = 0.1;
    /** Body id of the torso, the {@code main_body} whose frame position measures progress. */
    static final int TORSO = 1;

    /** A new environment (loads its own model). */
    public Ant() {
        super(MODEL, FRAME_SKIP, OBSERVATION_SIZE);
    }

    @Override
    protected double trackedX() {
        return data.xpos().get(TORSO, 0);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addGaussianNoise(data.qvel(), RESET_NOISE);
    }

    @Override
    public void step(double[] action, StepResult result) {
        double xVelocity = simulateAndMeasureXVelocity(action);
        boolean healthy = isHealthy();
        result.reward = reward(xVelocity, action, contactCost(), healthy);
        result.terminated = !healthy;
        observe(result.observation);
    }

    /** Reward of a step with that forward velocity, action, contact cost and health. */
    static double reward(double xVelocity, double[] action, double contactCost, boolean healthy) {
        return FORWARD_REWARD_WEIGHT * xVelocity
                + (healthy ? HEALTHY_REWARD : 0.0)
                - CTRL_COST_WEIGHT * squaredNorm(action)
                - contactCost;
    }

    /** 5e-4 times the sum of squares of every {@code cfrc_ext} entry clipped to [-1, 1]. */
    double contactCost() {
        MjArray forces = data.cfrcExt();
        double sum = 0;
        for (int i = 0, n = forces.size(); i < n; i++) {
            double f = clippedForce(forces.get(i));
            sum += f * f;
        }
        return CONTACT_COST_WEIGHT * sum;
    }

    private static double clippedForce(double force) {
        return Math.clamp(force, -CONTACT_FORCE_LIMIT, CONTACT_FORCE_LIMIT);
    }

    /** All of qpos and qvel finite and the torso height within [0.2, 1] (inclusive). */
    public boolean isHealthy() {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        for (int i = 0, n = qpos.size(); i < n; i++) {
            if (!Double.isFinite(qpos.get(i))) {
                return false;
            }
        }
        for (int i = 0, n = qvel.size(); i < n; i++) {
            if (!Double.isFinite(qvel.get(i))) {
                return false;
            }
        }
        double z = qpos.get(2);
        return z >= MIN_Z && z <= MAX_Z;
    }

    @Override
    protected void observe(double[] o) {
        int k = copyFrom(data.qpos(), 2, o, 0);
        k = copyFrom(data.qvel(), 0, o, k);
        MjArray forces = data.cfrcExt();
        for (int i = forces.cols(), n = forces.size(); i < n; i++) {
            o[k++] = clippedForce(forces.get(i));
        }
    }
}
