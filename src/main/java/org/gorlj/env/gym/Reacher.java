package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Reacher-v5 with its default keywords: move a two-link arm's fingertip to a random target.
 * Frame skip 2 (dt 0.02 s); observation (10) = cos and sin of the two joint angles (cos, cos, sin,
 * sin), the target's x and y (qpos[2:4]), the two joint velocities, and fingertip - target in x and
 * y (body frame positions). Reward = -|fingertip - target| - |a|^2 (the constructor's default control
 * weight is 1; Gymnasium's documentation table says 0.1); never terminates; 50-step episodes. Reset:
 * arm angles U(-0.1, 0.1), target uniform in the disc of radius 0.2 (rejection from the square),
 * arm velocities U(-0.005, 0.005), target velocity 0. docs/tasks.md §3.8.
 */
public final class Reacher extends GymMujocoEnv {
    static final String MODEL = "models/gym/reacher.xml";
    static final int FRAME_SKIP = 2;
    static final double DIST_REWARD_WEIGHT = 1.0;
    static final double CONTROL_REWARD_WEIGHT = 1.0;
    static final double ARM_NOISE = 0.1;
    static final double GOAL_RADIUS = 0.2;
    static final double VELOCITY_NOISE = 0.005;

    private final int fingertip;
    private final int target;

    /** A new environment (loads its own model). */
    public Reacher() {
        super(MODEL, FRAME_SKIP, 10);
        fingertip = model.bodyId("fingertip");
        target = model.bodyId("target");
    }

    @Override
    protected void addResetNoise() {
        MjArray qpos = data.qpos();
        addUniformNoise(qpos, ARM_NOISE);
        double gx;
        double gy;
        do {
            gx = rng.uniform(-GOAL_RADIUS, GOAL_RADIUS);
            gy = rng.uniform(-GOAL_RADIUS, GOAL_RADIUS);
        } while (!(Math.hypot(gx, gy) < GOAL_RADIUS));
        qpos.set(2, gx);
        qpos.set(3, gy);
        MjArray qvel = data.qvel();
        addUniformNoise(qvel, VELOCITY_NOISE);
        qvel.set(2, 0.0);
        qvel.set(3, 0.0);
    }

    @Override
    public void step(double[] action, StepResult result) {
        doSimulation(action);
        result.reward = reward(fingertipToTarget(), action);
        result.terminated = false;
        observe(result.observation);
    }

    /** Reward of a step ending at that fingertip-target distance, with that action. */
    static double reward(double distance, double[] action) {
        return -DIST_REWARD_WEIGHT * distance - CONTROL_REWARD_WEIGHT * squaredNorm(action);
    }

    /** Distance between the fingertip and target body frames (3D; both lie at z 0.01). */
    double fingertipToTarget() {
        MjArray xpos = data.xpos();
        double dx = xpos.get(fingertip, 0) - xpos.get(target, 0);
        double dy = xpos.get(fingertip, 1) - xpos.get(target, 1);
        double dz = xpos.get(fingertip, 2) - xpos.get(target, 2);
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    @Override
    protected void observe(double[] o) {
        MjArray qpos = data.qpos();
        MjArray xpos = data.xpos();
        o[0] = Math.cos(qpos.get(0));
        o[1] = Math.cos(qpos.get(1));
        o[2] = Math.sin(qpos.get(0));
        o[3] = Math.sin(qpos.get(1));
        o[4] = qpos.get(2);
        o[5] = qpos.get(3);
        o[6] = data.qvel().get(0);
        o[7] = data.qvel().get(1);
        o[8] = xpos.get(fingertip, 0) - xpos.get(target, 0);
        o[9] = xpos.get(fingertip, 1) - xpos.get(target, 1);
    }
}
