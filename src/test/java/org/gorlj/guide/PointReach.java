package org.gorlj.guide;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjModel;
import org.gorlj.env.mujoco.MujocoEnv;

/** Push a point mass in the plane to a target drawn at each reset (the model: point_reach.xml). */
public final class PointReach extends MujocoEnv {
    private static final BoxSpace OBSERVATIONS = BoxSpace.unbounded(6);
    private final double[] target = new double[2];

    public PointReach() {
        super(MjModel.loadResource("org/gorlj/guide/point_reach.xml"), 5); // 5 physics steps of 0.01 s per step
    }

    @Override
    public BoxSpace observationSpace() {
        return OBSERVATIONS;
    }

    @Override
    public void reset(double[] observation) {
        data.reset();
        data.qpos().set(0, rng.uniform(-0.5, 0.5)); // every random number comes from rng, seeded by reset(seed)
        data.qpos().set(1, rng.uniform(-0.5, 0.5));
        target[0] = rng.uniform(-0.5, 0.5);
        target[1] = rng.uniform(-0.5, 0.5);
        data.forward();
        observe(observation);
    }

    @Override
    public void step(double[] action, StepResult result) {
        doSimulation(action); // the actuators clamp the controls to their ctrlrange
        observe(result.observation);
        double dx = target[0] - data.qpos().get(0);
        double dy = target[1] - data.qpos().get(1);
        result.reward = -Math.sqrt(dx * dx + dy * dy) - 0.01 * (action[0] * action[0] + action[1] * action[1]);
        // never terminated: episodes end at the task's time limit (a truncation)
    }

    /** Position, velocity, and the offset to the target. */
    private void observe(double[] o) {
        o[0] = data.qpos().get(0);
        o[1] = data.qpos().get(1);
        o[2] = data.qvel().get(0);
        o[3] = data.qvel().get(1);
        o[4] = target[0] - o[0];
        o[5] = target[1] - o[1];
    }

    @Override
    protected void saveTaskState(DataOutput out) throws IOException {
        out.writeDouble(target[0]); // MujocoEnv saves the physics and the generator; the task adds its own fields
        out.writeDouble(target[1]);
    }

    @Override
    protected void loadTaskState(DataInput in) throws IOException {
        target[0] = in.readDouble();
        target[1] = in.readDouble();
    }
}
