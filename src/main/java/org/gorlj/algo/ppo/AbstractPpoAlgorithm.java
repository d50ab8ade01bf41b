package org.gorlj.algo.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gorlj.algo.Actor;
import org.gorlj.algo.Algorithm;
import org.gorlj.algo.PartTimes;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.nn.Mlp;
import org.gorlj.onpolicy.ObservationNormalizer;
import org.gorlj.onpolicy.RewardTransform;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.policy.ActionMap;
import org.gorlj.policy.Squash;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.Rng;

/**
 * The on-policy loop of PPO for any policy: collects a rollout from {@code num_envs} copies with the
 * current policy, computes GAE advantages (bootstrapping truncated episodes from their final
 * observation, never terminated ones), and runs the learner's clipped-surrogate update. One
 * {@link #iterate()} is one rollout plus one update. Subclasses say what the policy is: how it is
 * built ({@link #newLearner}), how it samples during rollouts ({@link #rolloutSampler}) and in
 * evaluation ({@link #evaluationSampler}).
 *
 * <p>The policy samples x; an {@link ActionMap} turns x into actions (clip or tanh here).
 *
 * <p>With {@code async_collection} the next rollout is collected on a thread of its own (physics and
 * plain-Java inference from snapshots of the weights taken before the update) while the learner
 * updates on the current one, so the policy that collects lags the learner by one update. The
 * rollout stores the collecting policy's log-probabilities and values, so the ratio, GAE and the
 * value clip refer to the behaviour policy exactly. Only the collector touches the environments,
 * the observation normaliser and the reward transform, one collection at a time, each with a
 * generator split from the run's at a fixed point, so the results do not depend on thread timing.
 * The collection started during an update is complete when {@link #iterate()} returns; a checkpoint
 * holds it and a resumed run learns from it next. The global step counts the rollouts learned from,
 * and the next rollout is collected ahead only while the step after the update stays below the
 * collection limit ({@link #setCollectionLimit}), so no steps beyond the run's are collected.
 *
 * @param <L> the learner (policy, critic, optimiser)
 */
public abstract class AbstractPpoAlgorithm<L extends AbstractPpoLearner<?>> implements Algorithm {

    protected final Config config;
    protected final PpoConfig cfg;
    protected final VecEnv envs;
    protected final ObservationNormalizer obsNorm;
    protected final RewardTransform rewardTransform;
    protected final Rng rng;
    private final long totalIterations;
    private final Rollout rollout;
    /** The second rollout storage of async collection (null in the synchronous loop). */
    private final Rollout aheadStorage;

    private final boolean asyncCollection;
    private ExecutorService collector;
    /** The rollout collected ahead of the learner, not learned from yet (null when there is none). */
    private Collected ahead;
    /** Episodes of the rollouts learned from, not drained yet (async collection keeps them with their rollout). */
    private final List<VecEnv.Episode> learnedEpisodes = new ArrayList<>();

    private long collectionLimit;
    private final int xDim;
    private ActionMap actionMap;
    private boolean actionMapReadsRaw;
    private L learner;
    private long globalStep;
    private long iteration;
    private AbstractPpoLearner.Stats lastStats;
    private final PartTimes times = new PartTimes();

    // reusable per-step buffers
    private final float[] obsBuf;
    private final float[] rawObsBuf;
    private final float[] xBuf;
    private final float[] logpBuf;
    private final float[] valueBuf;
    private final double[] actionBuf;
    private final float[] rowObs;
    private final float[] rowValue = new float[1];

    /** PPO on {@code task} with the given (validated) config; {@code actionMap} null means clip or tanh per config. */
    @SuppressWarnings("this-escape") // newLearner is the subclass's factory hook, called once here by design
    protected AbstractPpoAlgorithm(Config config, Task task, ActionMap actionMap) {
        this.config = config;
        this.cfg = PpoConfig.from(config);
        long seed = config.getLong("seed");
        this.rng = new Rng(seed);
        this.envs = new VecEnv(task, cfg.numEnvs(), config.getInt("env_threads"));
        int obsDim = envs.observationDim();
        this.xDim = envs.actionDim();
        this.obsNorm = new ObservationNormalizer(config, obsDim);
        this.rewardTransform = new RewardTransform(config, cfg.numEnvs(), cfg.gamma());
        this.actionMap = actionMap != null ? actionMap : new Squash(envs.actionSpace(), cfg.tanh());
        this.learner = newLearner(rng.split());
        int width = learner.rolloutDataWidth();
        this.rollout = new Rollout(cfg.numSteps(), cfg.numEnvs(), obsDim, xDim, width);
        this.asyncCollection = cfg.asyncCollection();
        this.aheadStorage = asyncCollection ? new Rollout(cfg.numSteps(), cfg.numEnvs(), obsDim, xDim, width) : null;
        this.collectionLimit = config.getLong("total_steps");
        this.totalIterations = Math.max(1, (config.getLong("total_steps") + cfg.batchSize() - 1) / cfg.batchSize());
        int n = cfg.numEnvs();
        this.obsBuf = new float[n * obsDim];
        this.rawObsBuf = new float[n * obsDim];
        this.xBuf = new float[n * xDim];
        this.logpBuf = new float[n];
        this.valueBuf = new float[n];
        this.actionBuf = new double[n * envs.actionDim()];
        this.rowObs = new float[obsDim];
        envs.reset(rng.nextLong());
    }

    /**
     * A fresh learner whose networks are initialised from {@code initRng}; called from the
     * constructor (subclass fields are not set yet: read settings from {@link #config}) and by
     * {@link #reinitialiseLearner}.
     */
    protected abstract L newLearner(Rng initRng);

    /** Draws the policy's samples for one rollout step. */
    @FunctionalInterface
    protected interface StepSampler {
        /**
         * Samples x for {@code rows} normalised observations, which are rollout transitions
         * {@code base .. base + rows}, with the log-probabilities the rollout stores, and records
         * what else the policy needs for them in the rollout's {@code policyData}.
         */
        void sample(float[] obs, int rows, int base, Rng rng, float[] x, float[] logProb, float[] policyData);
    }

    /** Draws the policy's samples for evaluation (from a frozen copy of the weights). */
    @FunctionalInterface
    protected interface EvalSampler {
        /** Samples (or, when {@code deterministic}, picks) x for {@code rows} normalised observations. */
        void sample(float[] obs, int rows, boolean deterministic, Rng rng, float[] x);
    }

    /** The sampler of one rollout, from the current weights (called once per rollout). */
    protected abstract StepSampler rolloutSampler();

    /** A sampler of the current weights, frozen, for {@link #actor()}. */
    protected abstract EvalSampler evaluationSampler();

    /** Concatenates knob lists. */
    @SafeVarargs
    public static List<Knob> concat(List<Knob>... lists) {
        List<Knob> out = new ArrayList<>();
        for (List<Knob> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }

    /** The learner (policy, critic, optimiser). */
    public L learner() {
        return learner;
    }

    /** The PPO settings. */
    public PpoConfig ppoConfig() {
        return cfg;
    }

    /** Replaces how samples become actions (GoRL swaps decoders at stage boundaries); the map reads normalised observations. */
    public void setActionMap(ActionMap map) {
        this.actionMap = map;
        this.actionMapReadsRaw = false;
    }

    /**
     * Replaces how samples become actions by a map that reads the raw observations (as floats)
     * instead of normalised ones (a GoRL decoder with statistics of its own).
     */
    public void setRawObservationActionMap(ActionMap map) {
        this.actionMap = map;
        this.actionMapReadsRaw = true;
    }

    /** The current action map. */
    public ActionMap actionMap() {
        return actionMap;
    }

    /**
     * Replaces the policy with a freshly initialised one (and the critic too unless {@code keepCritic}),
     * with a fresh optimiser: GoRL's encoder re-initialisation at a stage boundary.
     */
    public void reinitialiseLearner(boolean keepCritic) {
        L fresh = newLearner(rng.split());
        if (keepCritic) {
            fresh.criticStore().copyFrom(learner.criticStore());
        }
        learner.close();
        learner = fresh;
    }

    /** The observation normaliser (shared with decoders, which see normalised observations). */
    public ObservationNormalizer observationNormalizer() {
        return obsNorm;
    }

    /** The environments. */
    public VecEnv envs() {
        return envs;
    }

    /** The run's generator (checkpointed with the algorithm). */
    public Rng rng() {
        return rng;
    }

    /** Iterations of the whole run. */
    public long totalIterations() {
        return totalIterations;
    }

    /** Iterations done. */
    public long iteration() {
        return iteration;
    }

    /**
     * Async collection collects the next rollout during an update only if the global step after that
     * update stays below {@code steps} (the run's {@code total_steps} until set): the driver that
     * stops at a budget or at a GoRL stage boundary sets it, so that nothing is collected that would
     * not be learned from.
     */
    public void setCollectionLimit(long steps) {
        this.collectionLimit = steps;
    }

    /** True when a rollout has been collected ahead of the learner (async collection) and not learned from yet. */
    public boolean hasRolloutAhead() {
        return ahead != null;
    }

    /** The rollout collected ahead of the learner, or null (for tests). */
    Rollout rolloutAhead() {
        return ahead == null ? null : ahead.rollout();
    }

    @Override
    public Map<String, Object> iterate() {
        double lr = cfg.learningRateAt(iteration, totalIterations);
        Rollout current;
        if (ahead != null) {
            current = ahead.rollout();
            learnedEpisodes.addAll(ahead.episodes());
            ahead = null;
        } else if (asyncCollection) {
            current = rollout;
            Collected c = collect(current, rng.split(), true);
            times.addPhysics(c.physicsSeconds());
            times.addInference(c.inferenceSeconds());
            learnedEpisodes.addAll(c.episodes());
        } else {
            current = rollout;
            Collected c = collect(current, rng, false);
            times.addPhysics(c.physicsSeconds());
            times.addInference(c.inferenceSeconds());
        }
        globalStep += current.size();
        Future<Collected> next = asyncCollection && globalStep < collectionLimit
                ? startCollection(current == rollout ? aheadStorage : rollout)
                : null;
        AbstractPpoLearner.Stats s;
        try {
            long t0 = System.nanoTime();
            current.computeAdvantages(cfg.gamma(), cfg.gaeLambda());
            s = learner.update(current, lr, rng);
            times.addLearning((System.nanoTime() - t0) * 1e-9);
        } catch (RuntimeException | Error e) {
            if (next != null) {
                awaitAfterFailure(next, e);
            }
            throw e;
        }
        if (next != null) {
            ahead = await(next);
            times.addPhysics(ahead.physicsSeconds());
            times.addInference(ahead.inferenceSeconds());
        }
        lastStats = s;
        iteration++;
        Map<String, Object> row = s.row();
        row.put("learning_rate", lr);
        return row;
    }

    /** Statistics of the last update (null before the first), e.g. for the extra loss. */
    public AbstractPpoLearner.Stats lastStats() {
        return lastStats;
    }

    /**
     * A rollout collected by {@link #collect}, the episodes that ended during it (async collection
     * only; the synchronous loop leaves them in the environments), and the seconds it spent in each part.
     */
    private record Collected(
            Rollout rollout, List<VecEnv.Episode> episodes, double physicsSeconds, double inferenceSeconds) {}

    /**
     * Starts collecting into {@code into} on the collector thread with the current weights (their
     * snapshots and the collection's generator are taken here, on the learner's thread, before the
     * update changes either).
     */
    private Future<Collected> startCollection(Rollout into) {
        StepSampler pol = rolloutSampler();
        Mlp.Snapshot val = learner.critic().snapshot();
        Rng collectRng = rng.split();
        ActionMap map = actionMap;
        boolean mapReadsRaw = actionMapReadsRaw;
        if (collector == null) {
            collector = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rollout-collector");
                t.setDaemon(true);
                return t;
            });
        }
        return collector.submit(() -> collect(into, pol, val, collectRng, map, mapReadsRaw, true));
    }

    private static Collected await(Future<Collected> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rollout collector", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the collection after the update failed with {@code failure} (which keeps any collection failure as suppressed). */
    private static void awaitAfterFailure(Future<Collected> f, Throwable failure) {
        try {
            await(f);
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }

    /** Collects one rollout into {@code into} with the current weights and action map, on this thread. */
    private Collected collect(Rollout into, Rng collectRng, boolean keepEpisodes) {
        return collect(
                into,
                rolloutSampler(),
                learner.critic().snapshot(),
                collectRng,
                actionMap,
                actionMapReadsRaw,
                keepEpisodes);
    }

    /**
     * Collects one rollout into {@code into}: the only code that steps the environments and updates
     * the observation normaliser and the reward transform during RL.
     *
     * @param keepEpisodes drain the episodes that end during the rollout into the result
     */
    private Collected collect(
            Rollout into,
            StepSampler pol,
            Mlp.Snapshot val,
            Rng collectRng,
            ActionMap map,
            boolean mapReadsRaw,
            boolean keepEpisodes) {
        int n = cfg.numEnvs();
        int od = envs.observationDim();
        double physics = 0;
        double inference = 0;
        for (int t = 0; t < cfg.numSteps(); t++) {
            long t0 = System.nanoTime();
            double[] raw = envs.observations();
            obsNorm.update(raw, n);
            obsNorm.normalize(raw, n, obsBuf);
            pol.sample(obsBuf, n, t * n, collectRng, xBuf, logpBuf, into.policyData);
            val.forward(obsBuf, n, valueBuf);
            map.apply(mapReadsRaw ? floats(raw, rawObsBuf) : obsBuf, xBuf, n, actionBuf);
            int base = t * n;
            System.arraycopy(obsBuf, 0, into.obs, base * od, n * od);
            System.arraycopy(xBuf, 0, into.x, base * xDim, n * xDim);
            System.arraycopy(logpBuf, 0, into.logProb, base, n);
            System.arraycopy(valueBuf, 0, into.values, base, n);
            long t1 = System.nanoTime();
            envs.step(actionBuf);
            long t2 = System.nanoTime();
            boolean[] term = envs.terminated();
            boolean[] trunc = envs.truncated();
            rewardTransform.apply(envs.rewards(), term, trunc, into.rewards, base);
            double[] fin = envs.finalObservations();
            for (int i = 0; i < n; i++) {
                into.terminated[base + i] = term[i];
                into.truncated[base + i] = trunc[i];
                if (trunc[i] && !term[i]) {
                    obsNorm.normalize(java.util.Arrays.copyOfRange(fin, i * od, (i + 1) * od), 1, rowObs);
                    val.forward(rowObs, 1, rowValue);
                    into.finalValues[base + i] = rowValue[0];
                }
            }
            physics += (t2 - t1) * 1e-9;
            inference += (t1 - t0 + System.nanoTime() - t2) * 1e-9;
        }
        long t0 = System.nanoTime();
        obsNorm.normalize(envs.observations(), n, obsBuf);
        val.forward(obsBuf, n, into.lastValues);
        inference += (System.nanoTime() - t0) * 1e-9;
        List<VecEnv.Episode> episodes = keepEpisodes ? envs.drainFinishedEpisodes() : List.of();
        return new Collected(into, episodes, physics, inference);
    }

    @Override
    public long globalStep() {
        return globalStep;
    }

    /** Episodes of the rollouts learned from (async collection holds back those of the rollout collected ahead). */
    @Override
    public List<VecEnv.Episode> drainEpisodes() {
        List<VecEnv.Episode> out = new ArrayList<>(learnedEpisodes);
        learnedEpisodes.clear();
        out.addAll(envs.drainFinishedEpisodes());
        return out;
    }

    @Override
    public Actor actor() {
        EvalSampler pol = evaluationSampler();
        ObservationNormalizer norm = obsNorm.copy();
        ActionMap map = actionMap;
        boolean mapReadsRaw = actionMapReadsRaw;
        int od = envs.observationDim();
        return (obs, rows, deterministic, r, actions) -> {
            float[] o = new float[rows * od];
            norm.normalize(obs, rows, o);
            float[] x = new float[rows * xDim];
            pol.sample(o, rows, deterministic, r, x);
            map.apply(mapReadsRaw ? floats(obs, new float[rows * od]) : o, x, rows, actions);
        };
    }

    private static float[] floats(double[] in, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) in[i];
        }
        return out;
    }

    @Override
    public Map<String, Double> timing() {
        return times.asMap();
    }

    @Override
    public void save(CheckpointData out) {
        learner.exportTo(out.tensors());
        out.meta().put("adam_steps", learner.optimizer().steps());
        out.meta().put("global_step", globalStep);
        out.meta().put("iteration", iteration);
        times.save(out);
        if (ahead != null) {
            out.meta().put(ROLLOUT_AHEAD_KEY, 1);
        }
        out.writeState(o -> {
            rng.write(o);
            envs.saveState(o);
            obsNorm.write(o);
            rewardTransform.write(o);
            if (ahead != null) {
                ahead.rollout().write(o);
                o.writeInt(ahead.episodes().size());
                for (VecEnv.Episode e : ahead.episodes()) {
                    o.writeInt(e.envIndex());
                    o.writeDouble(e.episodeReturn());
                    o.writeInt(e.length());
                }
            }
        });
    }

    /**
     * Checkpoint meta key present when the checkpoint holds a rollout collected ahead (async
     * collection): a resumed run learns from it next, as the uninterrupted run does.
     */
    public static final String ROLLOUT_AHEAD_KEY = "rollout_ahead";

    @Override
    public void load(CheckpointData in) {
        learner.importFrom(in.tensors());
        learner.optimizer().setSteps(in.metaLong("adam_steps"));
        globalStep = in.metaLong("global_step");
        iteration = in.metaLong("iteration");
        times.load(in);
        boolean hasAhead = in.meta().containsKey(ROLLOUT_AHEAD_KEY);
        learnedEpisodes.clear();
        ahead = null;
        in.readState(i -> {
            rng.read(i);
            envs.loadState(i);
            obsNorm.read(i);
            rewardTransform.read(i);
            if (hasAhead) {
                Rollout into = aheadStorage != null ? aheadStorage : rollout;
                into.read(i);
                int count = i.readInt();
                List<VecEnv.Episode> episodes = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    episodes.add(new VecEnv.Episode(i.readInt(), i.readDouble(), i.readInt()));
                }
                ahead = new Collected(into, List.copyOf(episodes), 0, 0);
            }
        });
    }

    @Override
    public void close() {
        if (collector != null) {
            collector.shutdownNow();
        }
        learner.close();
        envs.close();
    }
}
