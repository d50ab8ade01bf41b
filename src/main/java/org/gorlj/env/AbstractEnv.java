package org.gorlj.env;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.util.Rng;

/**
 * Base class for environments: owns the random generator and implements seeding, so a task only
 * writes {@link #reset(double[])}, {@link #step}, and the saving of its own physical state.
 */
public abstract class AbstractEnv implements Env {
    /** The environment's random generator (re-created by a seeded reset). */
    protected Rng rng = new Rng(0);

    /** An environment whose generator is seeded with 0 until the first seeded reset. */
    protected AbstractEnv() {}

    @Override
    public final void reset(long seed, double[] observation) {
        rng = new Rng(seed);
        reset(observation);
    }

    @Override
    public final void saveState(DataOutput out) throws IOException {
        rng.write(out);
        savePhysics(out);
    }

    @Override
    public final void loadState(DataInput in) throws IOException {
        rng.read(in);
        loadPhysics(in);
    }

    /** Writes the task's own state (everything but the generator). */
    protected abstract void savePhysics(DataOutput out) throws IOException;

    /** Restores what {@link #savePhysics} wrote. */
    protected abstract void loadPhysics(DataInput in) throws IOException;
}
