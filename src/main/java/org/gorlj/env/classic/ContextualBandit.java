package org.gorlj.env.classic;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.AbstractEnv;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;

/**
 * A one-step contextual bandit: the episode observes a context s ~ U(-1, 1), takes one action in
 * [-1, 1] (clamped), is paid {@link #payoff} and ends. The context is the whole saved state.
 */
abstract class ContextualBandit extends AbstractEnv {
    private static final BoxSpace UNIT = BoxSpace.uniform(1, -1, 1);

    private double context;

    /** The reward of action a (in [-1, 1]) at context s. */
    protected abstract double payoff(double s, double a);

    @Override
    public BoxSpace observationSpace() {
        return UNIT;
    }

    @Override
    public BoxSpace actionSpace() {
        return UNIT;
    }

    @Override
    public void reset(double[] observation) {
        context = rng.uniform(-1, 1);
        observation[0] = context;
    }

    @Override
    public void step(double[] action, StepResult result) {
        double a = Math.clamp(action[0], -1.0, 1.0);
        result.reward = payoff(context, a);
        result.terminated = true;
        result.observation[0] = context;
    }

    @Override
    protected void savePhysics(DataOutput out) throws IOException {
        out.writeDouble(context);
    }

    @Override
    protected void loadPhysics(DataInput in) throws IOException {
        context = in.readDouble();
    }
}
