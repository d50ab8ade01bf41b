package org.gorlj.env.classic;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.AbstractEnv;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;

/**
 * Gymnasium's MountainCarContinuous-v0: drive an under-powered car up the right hill. Reward 100
 * on reaching x >= 0.45 (with v >= 0), minus 0.1 a^2 on the unclipped action; the state is stored
 * in float32 after every step as Gymnasium does. The 999-step limit is applied by the registry.
 */
public final class MountainCarContinuous extends AbstractEnv {
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.45;
    static final double GOAL_VELOCITY = 0.0;
    static final double POWER = 0.0015;

    private static final BoxSpace OBS =
            new BoxSpace(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED});
    private static final BoxSpace ACT = BoxSpace.uniform(1, -1, 1);

    private double position;
    private double velocity;

    @Override
    public BoxSpace observationSpace() {
        return OBS;
    }

    @Override
    public BoxSpace actionSpace() {
        return ACT;
    }

    @Override
    public void reset(double[] observation) {
        position = rng.uniform(-0.6, -0.4);
        velocity = 0;
        observation[0] = position;
        observation[1] = velocity;
    }

    /** Sets the state directly (for tests). */
    public void setState(double position, double velocity) {
        this.position = position;
        this.velocity = velocity;
    }

    @Override
    public void step(double[] action, StepResult result) {
        double force = Math.clamp(action[0], -1.0, 1.0);
        double v = velocity + force * POWER - 0.0025 * StrictMath.cos(3 * position);
        v = Math.clamp(v, -MAX_SPEED, MAX_SPEED);
        double x = Math.clamp(position + v, MIN_POSITION, MAX_POSITION);
        if (x == MIN_POSITION && v < 0) {
            v = 0;
        }
        boolean terminated = x >= GOAL_POSITION && v >= GOAL_VELOCITY;
        position = (float) x;
        velocity = (float) v;
        result.reward = (terminated ? 100.0 : 0.0) - 0.1 * action[0] * action[0];
        result.terminated = terminated;
        result.observation[0] = position;
        result.observation[1] = velocity;
    }

    @Override
    protected void savePhysics(DataOutput out) throws IOException {
        out.writeDouble(position);
        out.writeDouble(velocity);
    }

    @Override
    protected void loadPhysics(DataInput in) throws IOException {
        position = in.readDouble();
        velocity = in.readDouble();
    }
}
