package org.gorlj.algo.sac;

import java.util.List;
import java.util.Map;
import org.gorlj.algo.Actor;
import org.gorlj.algo.Algorithm;
import org.gorlj.algo.Means;
import org.gorlj.algo.PartTimes;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.policy.ActionMap;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.policy.UnitBoxMap;
import org.gorlj.run.CheckpointData;
import org.gorlj.run.RunKnobs;
import org.gorlj.util.NativeHeap;
import org.gorlj.util.Rng;

/**
 * Soft Actor-Critic: steps {@code num_envs} copies with x = tanh(u), u drawn from the actor
 * (uniform x in [-1, 1]^d before {@code learning_starts}), maps x to actions through an
 * {@link ActionMap}, stores (s, x, r, s', terminated) in a replay buffer, and makes
 * {@code utd_ratio} gradient steps per environment step once learning has started. One
 * {@link #iterate()} covers {@code iteration_steps} environment steps.
 *
 * <p>Observations are used as the environment gives them (no normalisation, as Stable-Baselines3),
 * and the action map receives them as floats. A {@link PreSquashMap} ({@link #setPreSquashMap})
 * receives u instead of x and chooses the warm-up draws of u.
 */
public final class SacAlgorithm implements Algorithm {
    private static final long CHECKPOINT_GARBAGE_BUDGET = 256L << 20;

    /** All knobs SAC reads. */
    public static final List<Knob> KNOBS = PpoAlgorithm.concat(RunKnobs.KNOBS, SacConfig.KNOBS);

    /** Metric columns of a SAC iteration (averages over its gradient steps; empty before learning starts). */
    public static final List<String> COLUMNS = List.of(
            "critic_loss",
            "actor_loss",
            "ent_coef",
            "ent_coef_loss",
            "entropy",
            "q_mean",
            "gradient_steps",
            "buffer_size");

    private final SacConfig cfg;
    private long totalSteps;
    private final VecEnv envs;
    private final Rng rng;
    private SacLearner learner;
    private final ReplayBuffer buffer;
    /** Bytes of short-lived checkpoint arrays made since the last full collection (see {@link #save}). */
    private long checkpointGarbage;

    private final ReplayBuffer.Batch batch;
    private final int obsDim;
    private final int xDim;
    private ActionMap actionMap;
    private PreSquashMap preSquashMap;
    private GaussianPolicy.Snapshot policy;
    private long globalStep;
    private long learningStartsAt;
    private long gradientSteps;
    private double owedGradientSteps;
    private final PartTimes times = new PartTimes();

    // reusable per-step buffers
    private final float[] obsBuf;
    private final float[] nextObsBuf;
    private final float[] uBuf;
    private final float[] xBuf;
    private final float[] logpBuf;
    private final double[] actionBuf;

    /** SAC on {@code task} with a validated config; {@code actionMap} null maps x in [-1, 1] onto the action bounds. */
    public SacAlgorithm(Config config, Task task, ActionMap actionMap) {
        this.cfg = SacConfig.from(config);
        this.totalSteps = config.getLong("total_steps");
        this.rng = new Rng(config.getLong("seed"));
        this.envs = new VecEnv(task, cfg.numEnvs(), config.getInt("env_threads"));
        this.obsDim = envs.observationDim();
        this.xDim = envs.actionDim();
        this.actionMap = actionMap != null ? actionMap : new UnitBoxMap(envs.actionSpace());
        this.learner = new SacLearner(cfg, obsDim, xDim, rng.split());
        this.buffer = new ReplayBuffer(cfg.bufferSize(), obsDim, xDim);
        this.learningStartsAt = cfg.learningStarts();
        this.batch = new ReplayBuffer.Batch(cfg.batchSize(), obsDim, xDim);
        int n = cfg.numEnvs();
        this.obsBuf = new float[n * obsDim];
        this.nextObsBuf = new float[n * obsDim];
        this.uBuf = new float[n * xDim];
        this.xBuf = new float[n * xDim];
        this.logpBuf = new float[n];
        this.actionBuf = new double[n * envs.actionDim()];
        envs.reset(rng.nextLong());
    }

    /** The learner (actor, critics, temperature). */
    public SacLearner learner() {
        return learner;
    }

    /**
     * Replaces the actor (and the critics too unless {@code keepCritic}) by freshly initialised
     * ones with fresh optimisers, drawn from the run's generator. The replay buffer is kept.
     */
    public void reinitialiseLearner(boolean keepCritic) {
        SacLearner fresh = new SacLearner(cfg, obsDim, xDim, rng.split());
        if (keepCritic) {
            fresh.criticStore().copyFrom(learner.criticStore());
            fresh.targetStore().copyFrom(learner.targetStore());
        }
        learner.close();
        learner = fresh;
        policy = null;
    }

    /**
     * Caps the environment steps this algorithm takes in all (its last iteration is cut short),
     * for a caller that spends part of {@code total_steps} elsewhere.
     */
    public void setTotalSteps(long steps) {
        this.totalSteps = steps;
    }

    /** The replay buffer. */
    public ReplayBuffer replayBuffer() {
        return buffer;
    }

    /** Replaces how x becomes an action. */
    public void setActionMap(ActionMap map) {
        this.actionMap = map;
        this.preSquashMap = null;
    }

    /** From now on actions are {@code map} of the unsquashed sample u, and warm-up draws u from {@code map}. */
    public void setPreSquashMap(PreSquashMap map) {
        this.preSquashMap = map;
    }

    /**
     * Forgets all experience: empties the replay buffer and starts learning again after
     * {@code learning_starts} further environment steps (the owed fraction of a gradient step is
     * dropped), for when the stored transitions no longer describe what x does.
     */
    public void clearReplay() {
        buffer.clear();
        learningStartsAt = globalStep + cfg.learningStarts();
        owedGradientSteps = 0;
    }

    /** The environment step from which the actor acts and gradient steps are made. */
    public long learningStartsAt() {
        return learningStartsAt;
    }

    /** The actor's weights. */
    public Map<String, float[]> exportActor() {
        return learner.actorStore().export();
    }

    /** Loads actor weights from {@link #exportActor()}. */
    public void importActor(Map<String, float[]> weights) {
        learner.actorStore().load(weights);
        policy = null;
    }

    /** Sets the std of the actor's Gaussian over u. */
    public void setInitialStd(double std) {
        learner.actor().setInitialStd(std);
        policy = null;
    }

    /** Makes the actor emit N(0, std^2 I) everywhere, keeping its hidden layers. */
    public void restartActorOutput(double std) {
        learner.actor().restartOutputLayer(std);
        policy = null;
    }

    /** Draws u from the actor for {@code rows} observations, from the run's generator. */
    public void sampleU(float[] obs, int rows, float[] u) {
        if (policy == null) {
            policy = learner.actor().snapshot();
        }
        policy.sample(obs, rows, false, rng, u, new float[rows]);
    }

    /** The mean (the deterministic u) and std of the actor's Gaussian over u for {@code rows} observations. */
    public void meanStdU(float[] obs, int rows, float[] mean, float[] std) {
        if (policy == null) {
            policy = learner.actor().snapshot();
        }
        policy.meanStd(obs, rows, mean, std);
    }

    /** Copies the environments' current observations as floats (what actor, critics and action map see). */
    public void observations(float[] out) {
        double[] obs = envs.observations();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) obs[i];
        }
    }

    /** The environments. */
    public VecEnv envs() {
        return envs;
    }

    /** The run's generator. */
    public Rng rng() {
        return rng;
    }

    @Override
    public Map<String, Object> iterate() {
        int n = cfg.numEnvs();
        long remaining = Math.min(cfg.iterationSteps(), totalSteps - globalStep);
        long vectorSteps = Math.max(1, (remaining + n - 1) / n);
        Means means = new Means();
        for (long t = 0; t < vectorSteps; t++) {
            collectStep();
            if (globalStep >= learningStartsAt) {
                owedGradientSteps += cfg.utdRatio() * n;
                long t0 = System.nanoTime();
                while (owedGradientSteps >= 1) {
                    buffer.sample(rng, batch);
                    means.addAll(learner.update(batch, rng));
                    gradientSteps++;
                    owedGradientSteps -= 1;
                    policy = null;
                }
                times.addLearning((System.nanoTime() - t0) * 1e-9);
            }
        }
        Map<String, Object> row = means.row();
        row.put("gradient_steps", gradientSteps);
        row.put("buffer_size", buffer.size());
        return row;
    }

    /** One step of every copy, stored in the replay buffer. */
    private void collectStep() {
        int n = cfg.numEnvs();
        long t0 = System.nanoTime();
        observations(obsBuf);
        if (globalStep < learningStartsAt && preSquashMap != null) {
            preSquashMap.drawWarmUp(rng, uBuf);
            squash(uBuf, xBuf);
        } else if (globalStep < learningStartsAt) {
            for (int i = 0; i < xBuf.length; i++) {
                xBuf[i] = (float) rng.uniform(-1, 1);
            }
        } else {
            if (policy == null) {
                policy = learner.actor().snapshot();
            }
            policy.sample(obsBuf, n, false, rng, uBuf, logpBuf);
            squash(uBuf, xBuf);
        }
        act(preSquashMap, actionMap, obsBuf, uBuf, xBuf, n, actionBuf);
        long t1 = System.nanoTime();
        envs.step(actionBuf);
        long t2 = System.nanoTime();
        boolean[] terminated = envs.terminated();
        boolean[] truncated = envs.truncated();
        double[] next = envs.observations();
        double[] finals = envs.finalObservations();
        for (int i = 0; i < n; i++) {
            double[] src = terminated[i] || truncated[i] ? finals : next;
            for (int j = i * obsDim; j < (i + 1) * obsDim; j++) {
                nextObsBuf[j] = (float) src[j];
            }
        }
        buffer.add(obsBuf, xBuf, envs.rewards(), nextObsBuf, terminated, n);
        globalStep += n;
        times.addPhysics((t2 - t1) * 1e-9);
        times.addInference((t1 - t0 + System.nanoTime() - t2) * 1e-9);
    }

    private static void act(
            PreSquashMap preSquash, ActionMap map, float[] obs, float[] u, float[] x, int rows, double[] actions) {
        if (preSquash != null) {
            preSquash.apply(obs, u, rows, actions);
        } else {
            map.apply(obs, x, rows, actions);
        }
    }

    private static void squash(float[] u, float[] x) {
        for (int i = 0; i < u.length; i++) {
            x[i] = (float) StrictMath.tanh(u[i]);
        }
    }

    @Override
    public long globalStep() {
        return globalStep;
    }

    @Override
    public List<String> metricColumns() {
        return COLUMNS;
    }

    @Override
    public List<VecEnv.Episode> drainEpisodes() {
        return envs.drainFinishedEpisodes();
    }

    @Override
    public Actor actor() {
        GaussianPolicy.Snapshot pol = learner.actor().snapshot();
        ActionMap map = actionMap;
        PreSquashMap preSquash = preSquashMap;
        return (obs, rows, deterministic, r, actions) -> {
            float[] o = new float[rows * obsDim];
            for (int i = 0; i < o.length; i++) {
                o[i] = (float) obs[i];
            }
            float[] u = new float[rows * xDim];
            float[] x = new float[rows * xDim];
            pol.sample(o, rows, deterministic, r, u, new float[rows]);
            squash(u, x);
            act(preSquash, map, o, u, x, rows, actions);
        };
    }

    @Override
    public Map<String, Double> timing() {
        return times.asMap();
    }

    /** Writes weights, optimiser moments, counters, generator, environments and the whole replay buffer. */
    @Override
    public void save(CheckpointData out) {
        learner.exportTo(out.tensors());
        long[] adamSteps = learner.optimizerSteps();
        out.meta().put("adam_steps_actor", adamSteps[0]);
        out.meta().put("adam_steps_critic", adamSteps[1]);
        out.meta().put("adam_steps_alpha", adamSteps[2]);
        out.meta().put("global_step", globalStep);
        out.meta().put("gradient_steps", gradientSteps);
        out.meta().put("learning_starts_at", learningStartsAt);
        times.save(out);
        out.writeState(o -> {
            o.writeDouble(owedGradientSteps);
            rng.write(o);
            envs.saveState(o);
            buffer.write(o);
        });
        // the serialised replay buffer (~105 MB when full on gym/hopper) and the two growing arrays it was
        // built in go straight to the old generation, which ParallelGC enlarges rather than collects:
        // past a budget of such garbage, a full collection (bench/throughput.md, section 10)
        checkpointGarbage += 3L * out.state().length;
        if (checkpointGarbage > CHECKPOINT_GARBAGE_BUDGET) {
            NativeHeap.release();
            checkpointGarbage = 0;
        }
    }

    @Override
    public void load(CheckpointData in) {
        learner.importFrom(in.tensors());
        learner.setOptimizerSteps(new long[] {
            in.metaLong("adam_steps_actor"), in.metaLong("adam_steps_critic"), in.metaLong("adam_steps_alpha")
        });
        globalStep = in.metaLong("global_step");
        gradientSteps = in.metaLong("gradient_steps");
        learningStartsAt =
                in.meta().containsKey("learning_starts_at") ? in.metaLong("learning_starts_at") : cfg.learningStarts();
        times.load(in);
        in.readState(i -> {
            owedGradientSteps = i.readDouble();
            rng.read(i);
            envs.loadState(i);
            buffer.read(i);
        });
        policy = null;
    }

    @Override
    public void close() {
        learner.close();
        envs.close();
    }
}
