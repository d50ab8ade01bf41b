package org.gorlj.extension;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.AbstractEnv;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;

/**
 * A user's pure-Java task as a test jar would ship it: a point on a line pushed by a bounded force,
 * rewarded for staying near 0 (terminates beyond |x| = 3). Observation (x, v), action a force in [-1, 1].
 */
public final class Drift extends AbstractEnv {
    private static final BoxSpace OBS = BoxSpace.unbounded(2);
    private static final BoxSpace ACT = BoxSpace.uniform(1, -1, 1);
    private double x;
    private double v;

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
        x = rng.uniform(-1, 1);
        v = 0;
        observation[0] = x;
        observation[1] = v;
    }

    @Override
    public void step(double[] action, StepResult result) {
        double a = Math.clamp(action[0], -1.0, 1.0);
        v += 0.1 * a;
        x += 0.1 * v;
        result.observation[0] = x;
        result.observation[1] = v;
        result.reward = -x * x - 0.01 * a * a;
        result.terminated = Math.abs(x) > 3;
    }

    @Override
    protected void savePhysics(DataOutput out) throws IOException {
        out.writeDouble(x);
        out.writeDouble(v);
    }

    @Override
    protected void loadPhysics(DataInput in) throws IOException {
        x = in.readDouble();
        v = in.readDouble();
    }
}
