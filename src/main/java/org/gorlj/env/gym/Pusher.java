package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium Pusher-v5 with its default keywords: a seven-joint arm pushes a cylinder onto a goal.
 * Frame skip 5 (dt 0.05 s); observation (23) = the arm's qpos[0:7], qvel[0:7], then the body frame
 * positions of the fingertip ({@code tips_arm}), the object and the goal (3 each). Reward =
 * -0.5 |object - fingertip| - |object - goal| - 0.1 |a|^2; never terminates; 100-step episodes.
 * Reset: arm at qpos0 (all zero), object at (y, x) offsets (U(-0.3, 0), U(-0.2, 0.2)) from its model
 * position, drawn again until farther than 0.17 from the goal offset (0, 0); arm velocities
 * U(-0.005, 0.005), object and goal still. docs/tasks.md §3.10.
 */
public final class Pusher extends GymMujocoEnv {
    static final String MODEL = "models/gym/pusher.xml";
    static final int FRAME_SKIP = 5;
    static final double NEAR_REWARD_WEIGHT = 0.5;
    static final double DIST_REWARD_WEIGHT = 1.0;
    static final double CONTROL_REWARD_WEIGHT = 0.1;
    static final double MIN_OBJECT_GOAL_DISTANCE = 0.17;
    static final double VELOCITY_NOISE = 0.005;
    /** qpos index of the object's first slide (y); then its x, then the goal's y and x. */
    static final int OBJECT_QPOS = 7;

    private final int tipsArm;
    private final int object;
    private final int goal;

    /** A new environment (loads its own model). */
    public Pusher() {
        super(MODEL, FRAME_SKIP, 23);
        tipsArm = model.bodyId("tips_arm");
        object = model.bodyId("object");
        goal = model.bodyId("goal");
    }

    @Override
    protected void addResetNoise() {
        double first;
        double second;
        do {
            first = rng.uniform(-0.3, 0.0);
            second = rng.uniform(-0.2, 0.2);
        } while (!(Math.hypot(first, second) > MIN_OBJECT_GOAL_DISTANCE));
        MjArray qpos = data.qpos();
        qpos.set(OBJECT_QPOS, first);
        qpos.set(OBJECT_QPOS + 1, second);
        qpos.set(OBJECT_QPOS + 2, 0.0);
        qpos.set(OBJECT_QPOS + 3, 0.0);
        MjArray qvel = data.qvel();
        addUniformNoise(qvel, VELOCITY_NOISE);
        for (int i = OBJECT_QPOS, n = qvel.size(); i < n; i++) {
            qvel.set(i, 0.0);
        }
    }

    @Override
    public void step(double[] action, StepResult result) {
        doSimulation(action);
        result.reward = reward(distance(object, tipsArm), distance(object, goal), action);
        result.terminated = false;
        observe(result.observation);
    }

    /** Reward of a step ending with those object-fingertip and object-goal distances, with that action. */
    static double reward(double objectToFingertip, double objectToGoal, double[] action) {
        return -NEAR_REWARD_WEIGHT * objectToFingertip
                - DIST_REWARD_WEIGHT * objectToGoal
                - CONTROL_REWARD_WEIGHT * squaredNorm(action);
    }

    private double distance(int bodyA, int bodyB) {
        MjArray xpos = data.xpos();
        double dx = xpos.get(bodyA, 0) - xpos.get(bodyB, 0);
        double dy = xpos.get(bodyA, 1) - xpos.get(bodyB, 1);
        double dz = xpos.get(bodyA, 2) - xpos.get(bodyB, 2);
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    @Override
    protected void observe(double[] o) {
        data.qpos().copyTo(0, o, 0, 7);
        data.qvel().copyTo(0, o, 7, 7);
        data.xpos().copyTo(3 * tipsArm, o, 14, 3);
        data.xpos().copyTo(3 * object, o, 17, 3);
        data.xpos().copyTo(3 * goal, o, 20, 3);
    }
}
