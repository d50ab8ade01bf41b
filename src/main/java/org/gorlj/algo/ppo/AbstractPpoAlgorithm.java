package org.gorlj.algo.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        this.rollout = new Rollout(cfg.numSteps(), cfg.numEnvs(), obsDim, xDim);
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
         * {@code base .. base + rows}, with the log-probabilities the rollout stores.
         */
        void sample(float[] obs, int rows, int base, Rng rng, float[] x, float[] logProb);
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

    @Override
    public Map<String, Object> iterate() {
        double lr = cfg.learningRateAt(iteration, totalIterations);
        collect();
        long t0 = System.nanoTime();
        rollout.computeAdvantages(cfg.gamma(), cfg.gaeLambda());
        AbstractPpoLearner.Stats s = learner.update(rollout, lr, rng);
        lastStats = s;
        times.addLearning((System.nanoTime() - t0) * 1e-9);
        iteration++;
        Map<String, Object> row = s.row();
        row.put("learning_rate", lr);
        return row;
    }

    /** Statistics of the last update (null before the first), e.g. for the extra loss. */
    public AbstractPpoLearner.Stats lastStats() {
        return lastStats;
    }

    /** Collects one rollout with the current policy into the rollout storage. */
    protected void collect() {
        StepSampler pol = rolloutSampler();
        Mlp.Snapshot val = learner.critic().snapshot();
        int n = cfg.numEnvs();
        int od = envs.observationDim();
        for (int t = 0; t < cfg.numSteps(); t++) {
            long t0 = System.nanoTime();
            double[] raw = envs.observations();
            obsNorm.update(raw, n);
            obsNorm.normalize(raw, n, obsBuf);
            pol.sample(obsBuf, n, t * n, rng, xBuf, logpBuf);
            val.forward(obsBuf, n, valueBuf);
            actionMap.apply(actionMapReadsRaw ? floats(raw, rawObsBuf) : obsBuf, xBuf, n, actionBuf);
            int base = t * n;
            System.arraycopy(obsBuf, 0, rollout.obs, base * od, n * od);
            System.arraycopy(xBuf, 0, rollout.x, base * xDim, n * xDim);
            System.arraycopy(logpBuf, 0, rollout.logProb, base, n);
            System.arraycopy(valueBuf, 0, rollout.values, base, n);
            long t1 = System.nanoTime();
            envs.step(actionBuf);
            long t2 = System.nanoTime();
            boolean[] term = envs.terminated();
            boolean[] trunc = envs.truncated();
            rewardTransform.apply(envs.rewards(), term, trunc, rollout.rewards, base);
            double[] fin = envs.finalObservations();
            for (int i = 0; i < n; i++) {
                rollout.terminated[base + i] = term[i];
                rollout.truncated[base + i] = trunc[i];
                if (trunc[i] && !term[i]) {
                    obsNorm.normalize(java.util.Arrays.copyOfRange(fin, i * od, (i + 1) * od), 1, rowObs);
                    val.forward(rowObs, 1, rowValue);
                    rollout.finalValues[base + i] = rowValue[0];
                }
            }
            globalStep += n;
            times.addPhysics((t2 - t1) * 1e-9);
            times.addInference((t1 - t0 + System.nanoTime() - t2) * 1e-9);
        }
        long t0 = System.nanoTime();
        obsNorm.normalize(envs.observations(), n, obsBuf);
        val.forward(obsBuf, n, rollout.lastValues);
        times.addInference((System.nanoTime() - t0) * 1e-9);
    }

    @Override
    public long globalStep() {
        return globalStep;
    }

    @Override
    public List<VecEnv.Episode> drainEpisodes() {
        return envs.drainFinishedEpisodes();
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
        out.writeState(o -> {
            rng.write(o);
            envs.saveState(o);
            obsNorm.write(o);
            rewardTransform.write(o);
        });
    }

    @Override
    public void load(CheckpointData in) {
        learner.importFrom(in.tensors());
        learner.optimizer().setSteps(in.metaLong("adam_steps"));
        globalStep = in.metaLong("global_step");
        iteration = in.metaLong("iteration");
        times.load(in);
        in.readState(i -> {
            rng.read(i);
            envs.loadState(i);
            obsNorm.read(i);
            rewardTransform.read(i);
        });
    }

    @Override
    public void close() {
        learner.close();
        envs.close();
    }
}
