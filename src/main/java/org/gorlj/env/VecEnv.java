package org.gorlj.env;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gorlj.util.Rng;

/**
 * N copies of one task stepped together, with Gymnasium's "same-step" autoreset: when a copy's
 * episode ends, its final observation is kept in {@link #finalObservations()} and the copy is
 * reset at once, so {@link #observations()} always holds the observation to act on next.
 *
 * <p>All batches are flat, row-major {@code double[]} arrays owned by this object and reused
 * across steps (nothing is allocated per step). With {@code threads > 1} the copies are split
 * into contiguous blocks stepped on a fixed pool; the results do not depend on the thread count,
 * because each copy owns its generator.
 */
public final class VecEnv implements AutoCloseable {
    private final Task task;
    private final Env[] envs;
    private final StepResult[] results;
    private final int obsDim;
    private final int actDim;
    private final double[] observations;
    private final double[] finalObservations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final double[] episodeReturn;
    private final int[] episodeLength;
    private final List<Episode> finished = new ArrayList<>();
    private final double[][] actionRows;
    private final ExecutorService pool;
    private final int threads;

    /** A finished episode's undiscounted return and length. */
    public record Episode(int envIndex, double episodeReturn, int length) {}

    /** Builds {@code numEnvs} copies of {@code task}, stepped on {@code threads} threads. */
    public VecEnv(Task task, int numEnvs, int threads) {
        if (numEnvs <= 0) {
            throw new IllegalArgumentException("numEnvs must be positive");
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive");
        }
        this.task = task;
        this.envs = new Env[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            envs[i] = task.make();
        }
        this.obsDim = envs[0].observationSpace().dim();
        this.actDim = envs[0].actionSpace().dim();
        this.results = new StepResult[numEnvs];
        this.actionRows = new double[numEnvs][actDim];
        for (int i = 0; i < numEnvs; i++) {
            results[i] = new StepResult(obsDim);
        }
        this.observations = new double[numEnvs * obsDim];
        this.finalObservations = new double[numEnvs * obsDim];
        this.rewards = new double[numEnvs];
        this.terminated = new boolean[numEnvs];
        this.truncated = new boolean[numEnvs];
        this.episodeReturn = new double[numEnvs];
        this.episodeLength = new int[numEnvs];
        this.threads = Math.min(threads, numEnvs);
        this.pool = this.threads > 1
                ? Executors.newFixedThreadPool(this.threads, r -> {
                    Thread t = new Thread(r, "env-step");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /** The task these copies run. */
    public Task task() {
        return task;
    }

    /** Number of copies. */
    public int numEnvs() {
        return envs.length;
    }

    /** Observation size of one copy. */
    public int observationDim() {
        return obsDim;
    }

    /** Action size of one copy. */
    public int actionDim() {
        return actDim;
    }

    /** The action space of one copy. */
    public BoxSpace actionSpace() {
        return envs[0].actionSpace();
    }

    /** The observation space of one copy. */
    public BoxSpace observationSpace() {
        return envs[0].observationSpace();
    }

    /** Resets every copy; copy i is seeded from one generator built on {@code seed}. */
    public double[] reset(long seed) {
        Rng seeds = new Rng(seed);
        double[] row = new double[obsDim];
        for (int i = 0; i < envs.length; i++) {
            envs[i].reset(seeds.nextLong(), row);
            System.arraycopy(row, 0, observations, i * obsDim, obsDim);
            episodeReturn[i] = 0;
            episodeLength[i] = 0;
        }
        finished.clear();
        return observations;
    }

    /**
     * Steps every copy with its row of {@code actions} ({@code numEnvs * actionDim} values). Afterwards
     * {@link #rewards()}, {@link #terminated()}, {@link #truncated()} describe the step, and copies whose
     * episode ended were reset (their last observation is in {@link #finalObservations()}).
     */
    public void step(double[] actions) {
        if (actions.length != envs.length * actDim) {
            throw new IllegalArgumentException(
                    "expected " + envs.length * actDim + " action values, got " + actions.length);
        }
        if (pool == null) {
            stepRange(actions, 0, envs.length);
        } else {
            List<Future<?>> futures = new ArrayList<>(threads);
            int n = envs.length;
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                futures.add(pool.submit(() -> stepRange(actions, from, to)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stepping", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        for (int i = 0; i < envs.length; i++) {
            if (terminated[i] || truncated[i]) {
                finished.add(new Episode(i, episodeReturn[i], episodeLength[i]));
                episodeReturn[i] = 0;
                episodeLength[i] = 0;
            }
        }
    }

    /**
     * Steps every copy {@code vectorSteps} times with actions drawn uniformly from the action space
     * by {@code rng}, discarding finished episodes: the environment's load alone, without a policy
     * (for throughput measurements).
     */
    public void stepRandomly(Rng rng, long vectorSteps) {
        BoxSpace space = actionSpace();
        double[] actions = new double[envs.length * actDim];
        for (long s = 0; s < vectorSteps; s++) {
            for (int i = 0; i < actions.length; i++) {
                int k = i % actDim;
                actions[i] = rng.uniform(space.low(k), space.high(k));
            }
            step(actions);
            finished.clear();
        }
    }

    private void stepRange(double[] actions, int from, int to) {
        for (int i = from; i < to; i++) {
            double[] a = actionRows[i];
            System.arraycopy(actions, i * actDim, a, 0, actDim);
            StepResult r = results[i];
            r.reward = 0;
            r.terminated = false;
            r.truncated = false;
            envs[i].step(a, r);
            rewards[i] = r.reward;
            terminated[i] = r.terminated;
            truncated[i] = r.truncated;
            episodeReturn[i] += r.reward;
            episodeLength[i]++;
            if (r.done()) {
                System.arraycopy(r.observation, 0, finalObservations, i * obsDim, obsDim);
                envs[i].reset(r.observation);
            }
            System.arraycopy(r.observation, 0, observations, i * obsDim, obsDim);
        }
    }

    /** Current observations, {@code numEnvs * observationDim} (live view, overwritten by the next step). */
    public double[] observations() {
        return observations;
    }

    /** Final observations of copies whose episode ended at the last step (other rows are stale). */
    public double[] finalObservations() {
        return finalObservations;
    }

    /** Rewards of the last step (live view). */
    public double[] rewards() {
        return rewards;
    }

    /** Termination flags of the last step (live view). */
    public boolean[] terminated() {
        return terminated;
    }

    /** Truncation flags of the last step (live view). */
    public boolean[] truncated() {
        return truncated;
    }

    /** Episodes finished since the last call, oldest first; the list is cleared. */
    public List<Episode> drainFinishedEpisodes() {
        List<Episode> out = List.copyOf(finished);
        finished.clear();
        return out;
    }

    /** Writes every copy's state, the running episode statistics and the current observations. */
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(envs.length);
        for (int i = 0; i < envs.length; i++) {
            envs[i].saveState(out);
            out.writeDouble(episodeReturn[i]);
            out.writeInt(episodeLength[i]);
        }
        for (double v : observations) {
            out.writeDouble(v);
        }
    }

    /** Restores a state written by {@link #saveState} into copies of the same task and count. */
    public void loadState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n != envs.length) {
            throw new IOException("checkpoint holds " + n + " environments, this run has " + envs.length);
        }
        for (int i = 0; i < n; i++) {
            envs[i].loadState(in);
            episodeReturn[i] = in.readDouble();
            episodeLength[i] = in.readInt();
        }
        for (int i = 0; i < observations.length; i++) {
            observations[i] = in.readDouble();
        }
        finished.clear();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Env e : envs) {
            e.close();
        }
    }
}
