package org.gorlj.env;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A single-agent environment with Gymnasium's semantics: {@code reset} starts an episode,
 * {@code step} applies an action and reports the reward and whether the episode terminated
 * (a terminal state of the task) or was truncated (cut short, e.g. by a time limit).
 *
 * <p>Observations are written into caller-owned arrays so that stepping allocates nothing.
 * An environment owns its random generator; {@link #reset(long, double[])} re-seeds it, and
 * {@link #saveState}/{@link #loadState} capture everything (physics state, generator, counters)
 * needed to continue exactly, which is what checkpoints use.
 */
public interface Env extends AutoCloseable {

    /** The space observations lie in. */
    BoxSpace observationSpace();

    /** The space of valid actions; actions outside it are clipped or rejected as the task says. */
    BoxSpace actionSpace();

    /** Seeds the environment's generator, then starts a new episode, writing its first observation. */
    void reset(long seed, double[] observation);

    /** Starts a new episode drawing from the environment's current generator state. */
    void reset(double[] observation);

    /** Applies {@code action} and fills {@code result} (whose observation array receives the next observation). */
    void step(double[] action, StepResult result);

    /** Writes the complete state of the environment (including its random generator). */
    void saveState(DataOutput out) throws IOException;

    /** Restores a state written by {@link #saveState}. */
    void loadState(DataInput in) throws IOException;

    /** Releases native resources, if any. */
    @Override
    default void close() {}
}
