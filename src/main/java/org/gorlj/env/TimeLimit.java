package org.gorlj.env;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Truncates episodes after a fixed number of steps, as Gymnasium's {@code TimeLimit}: the step
 * that reaches the limit reports {@code truncated = true} unless it also terminated.
 */
public final class TimeLimit implements Env {
    private final Env inner;
    private final int maxEpisodeSteps;
    private int elapsed;

    /** Wraps {@code inner} with a limit of {@code maxEpisodeSteps} steps per episode. */
    public TimeLimit(Env inner, int maxEpisodeSteps) {
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("maxEpisodeSteps must be positive");
        }
        this.inner = inner;
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** The wrapped environment. */
    public Env inner() {
        return inner;
    }

    /** Steps taken in the current episode. */
    public int elapsedSteps() {
        return elapsed;
    }

    @Override
    public BoxSpace observationSpace() {
        return inner.observationSpace();
    }

    @Override
    public BoxSpace actionSpace() {
        return inner.actionSpace();
    }

    @Override
    public void reset(long seed, double[] observation) {
        elapsed = 0;
        inner.reset(seed, observation);
    }

    @Override
    public void reset(double[] observation) {
        elapsed = 0;
        inner.reset(observation);
    }

    @Override
    public void step(double[] action, StepResult result) {
        inner.step(action, result);
        elapsed++;
        if (elapsed >= maxEpisodeSteps && !result.terminated) {
            result.truncated = true;
        }
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(elapsed);
        inner.saveState(out);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        elapsed = in.readInt();
        inner.loadState(in);
    }

    @Override
    public void close() {
        inner.close();
    }
}
