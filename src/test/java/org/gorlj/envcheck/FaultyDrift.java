package org.gorlj.envcheck;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.gorlj.util.Rng;

/**
 * A point pushed along a line (observation x and v, action a force in [-1, 1], 20-step episodes)
 * written against {@link Env} directly, with at most one deliberate defect: each breaks exactly one
 * of {@link EnvChecker}'s checks, the mistakes users' environments make.
 */
final class FaultyDrift implements Env {
    /** The defect built in, named after the check it breaks. */
    enum Defect {
        NONE,
        /** Declares observations in [-0.25, 0.25]; they reach +-1. */
        SPACES,
        /** The reward of an episode's fifth step is NaN. */
        FINITE,
        /** A seeded reset ignores its seed (the generator is seeded from the clock). */
        RESET_DETERMINISM,
        /** The velocity is not saved. */
        SAVE_RESTORE,
        /** Ends every episode at the time limit as terminated. */
        TERMINATION,
        /** reset(observation), the autoreset's call, does not write the observation. */
        AUTORESET,
        /** A log(1 - a^2) term in the reward: -infinity at the bounds. */
        ACTION_BOUNDS,
        /** Sleeps 5 ms per step. */
        STEP_TIME,
        /** saveState throws (not written yet): the save-restore check fails naming the exception. */
        SAVE_UNSUPPORTED
    }

    static final int EPISODE_STEPS = 20;

    private final Defect defect;
    private Rng rng;
    private double x;
    private double v;
    private int elapsed;

    FaultyDrift(Defect defect) {
        this.defect = defect;
        this.rng = new Rng(defect == Defect.RESET_DETERMINISM ? System.nanoTime() : 0);
    }

    /** The task of an environment with {@code defect}. */
    static Task task(Defect defect) {
        return new Task(
                "test/broken-" + defect.name().toLowerCase(java.util.Locale.ROOT),
                "defect " + defect,
                EPISODE_STEPS,
                () -> new FaultyDrift(defect));
    }

    @Override
    public BoxSpace observationSpace() {
        return defect == Defect.SPACES ? BoxSpace.uniform(2, -0.25, 0.25) : BoxSpace.unbounded(2);
    }

    @Override
    public BoxSpace actionSpace() {
        return BoxSpace.uniform(1, -1, 1);
    }

    @Override
    public void reset(long seed, double[] observation) {
        if (defect != Defect.RESET_DETERMINISM) {
            rng = new Rng(seed);
        }
        start();
        observe(observation);
    }

    @Override
    public void reset(double[] observation) {
        start();
        if (defect != Defect.AUTORESET) {
            observe(observation);
        }
    }

    private void start() {
        x = rng.uniform(-1, 1);
        v = 0;
        elapsed = 0;
    }

    private void observe(double[] o) {
        o[0] = x;
        o[1] = v;
    }

    @Override
    public void step(double[] action, StepResult result) {
        double a = Math.clamp(action[0], -1.0, 1.0);
        v += 0.1 * a;
        x += 0.1 * v;
        elapsed++;
        observe(result.observation);
        result.reward = -x * x - 0.01 * a * a;
        if (defect == Defect.FINITE && elapsed == 5) {
            result.reward = Math.sqrt(-result.reward - 1);
        }
        if (defect == Defect.ACTION_BOUNDS) {
            result.reward += 0.01 * Math.log1p(-a * a);
        }
        result.terminated = defect == Defect.TERMINATION && elapsed >= EPISODE_STEPS;
        if (defect == Defect.STEP_TIME) {
            LockSupport.parkNanos(5_000_000L);
        }
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        if (defect == Defect.SAVE_UNSUPPORTED) {
            throw new UnsupportedOperationException("saveState is not written yet");
        }
        rng.write(out);
        out.writeDouble(x);
        if (defect != Defect.SAVE_RESTORE) {
            out.writeDouble(v);
        }
        out.writeInt(elapsed);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        rng.read(in);
        x = in.readDouble();
        if (defect != Defect.SAVE_RESTORE) {
            v = in.readDouble();
        }
        elapsed = in.readInt();
    }
}
