package org.gorlj.algo.gorl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.gorlj.algo.Actor;
import org.gorlj.algo.Algorithm;
import org.gorlj.config.Config;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.RandomReturns;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.generative.ActionScale;
import org.gorlj.generative.Decoder;
import org.gorlj.generative.DecoderActionMap;
import org.gorlj.generative.DecoderTrainer;
import org.gorlj.generative.ObservationStats;
import org.gorlj.policy.Squash;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.NativeHeap;
import org.gorlj.util.Rng;

/**
 * GoRL (docs/method.md §2): a stage scheduler independent of the RL algorithm. A
 * {@link LatentLearner} ({@link PpoLatentLearner} for {@code gorl-fm} and {@code gorl-diffusion},
 * {@link SacLatentLearner} for {@code gorl-sac}) trains the encoder over the latent eps while the action
 * executed is tanh(g(s, eps)) through the current decoder; at each stage boundary a fresh data set of
 * (decoder observation, pre-tanh action) is collected with the stage's best-evaluated encoder,
 * stochastically, through the current decoder, a new decoder is trained on it with fresh noise, and
 * the learner is re-initialised and told that the latents' meaning has changed.
 *
 * <p>Units of work ({@link #iterate()}, one metrics row each): a unit of RL work of the learner
 * (phase {@code rl}), a chunk of collection ({@code collect}: {@code collect_chunk} vector steps,
 * the learner's {@link LatentLearner#collectChunk()}), one decoder epoch ({@code decoder}). The {@code stage} column is the
 * stage the row belongs to; collection and decoder rows belong to the stage that is ending.
 * Collection steps count in the global step, not in the stage lengths (which count the learner's
 * steps). The initial decoder is the identity, so stage 0 is the RL algorithm's tanh-Gaussian
 * policy on the latent. The scheduler stores the current stage (checkpoint key {@code gorl.stage})
 * and hands it to the learner.
 */
public final class GorlAlgorithm implements Algorithm {
    /** The scheduler's columns, after the learner's. */
    public static final List<String> STAGE_COLUMNS = List.of(
            "stage",
            "phase",
            "dataset_size",
            "decoder_epoch",
            "decoder_train_loss",
            "decoder_val_loss",
            "boundary_return_before",
            "boundary_return_after",
            "boundary_retention",
            "boundary_action_gap");

    /** States of the "before" evaluation kept to measure how far the refit moved the deterministic action. */
    static final int PROBE_ROWS = 10_000;

    /**
     * How the run evaluates a policy (the trainer's evaluator, passed in from above): the mean return
     * of {@code episodes} episodes of {@code actor}, acting deterministically, on fresh environment
     * copies seeded from {@code seed}. It must not touch the training environments or generator.
     */
    @FunctionalInterface
    public interface PolicyEvaluator {
        double meanReturn(Actor actor, int episodes, long seed);
    }

    /** Seed of the random-policy evaluation for tasks without a recorded random return. */
    static final long RANDOM_POLICY_SEED = 20_261_203L;

    private static final String PREFIX = "gorl.";

    /** What a unit of work does. */
    enum Phase {
        RL,
        COLLECT,
        DECODER
    }

    private final GorlConfig gcfg;
    private final Decoder.Kind kind;
    private final long[] boundaries;
    private final LatentLearner learner;
    private final VecEnv envs;
    private final Rng rng;
    private final int collectChunk;
    private final long totalSteps;
    private final Squash squash;
    private final List<String> columns;
    private final String taskName;
    private final PolicyEvaluator evaluator;
    private final long seed;
    private double randomReturn = Double.NaN;
    private double boundaryBefore = Double.NaN;
    /** Raw observations of the "before" evaluation (at most {@link #PROBE_ROWS}), rounded to float. */
    private double[] probeObs;
    /** The deterministic actions the policy that collects took on {@link #probeObs}, rounded to float. */
    private double[] probeActions;

    private int probeRows;
    private Decoder decoder;
    private Decoder.Sampler sampler;
    private int stage;
    private Phase phase = Phase.RL;
    private Map<String, float[]> bestEncoder;
    private double bestEncoderReturn = Double.NEGATIVE_INFINITY;
    /** Observations of the data set: raw (the next decoder gets statistics of its own) or the learner's input. */
    private float[] dataObs;

    private boolean dataRaw;
    private float[] dataActions;
    /** The standardised latent noise of each recorded action ({@code decoder_coupling=latent}), else null. */
    private float[] dataNoise;

    private int dataSize;
    private long trainerSeed;
    private DecoderTrainer trainer;
    private long collectSteps;
    private double collectPhysicsSeconds;
    private double collectInferenceSeconds;
    private double decoderSeconds;

    /**
     * GoRL over the latent learner that {@code learner} builds from the run's config (a validated
     * config holding the learner's and GoRL's knobs) on {@code task}, with a decoder of the given kind.
     */
    public static GorlAlgorithm create(
            Config config,
            Task task,
            BiFunction<Config, Task, LatentLearner> learner,
            Decoder.Kind kind,
            PolicyEvaluator evaluator) {
        return new GorlAlgorithm(
                learner.apply(config, task),
                kind,
                config.getLong("seed"),
                config.getLong("total_steps"),
                task.name(),
                evaluator);
    }

    /**
     * The scheduler over {@code learner} with a decoder of the given kind.
     *
     * @param seed the run's seed (the identity decoder is initialised from a generator of its own, so
     *     that stage 0 draws exactly what the plain RL algorithm draws)
     * @param totalSteps the run's budget of environment steps (RL and collection)
     * @param taskName the task (its random-policy return normalises the boundary retention)
     * @param evaluator the run's policy evaluation, for the boundary returns
     */
    public GorlAlgorithm(
            LatentLearner learner,
            Decoder.Kind kind,
            long seed,
            long totalSteps,
            String taskName,
            PolicyEvaluator evaluator) {
        this.learner = learner;
        this.seed = seed;
        this.taskName = taskName;
        this.evaluator = evaluator;
        this.gcfg = learner.gorlConfig();
        this.kind = kind;
        this.boundaries = gcfg.boundaries();
        this.envs = learner.envs();
        this.rng = learner.rng();
        this.collectChunk = learner.collectChunk();
        this.totalSteps = totalSteps;
        this.squash = new Squash(envs.actionSpace(), true);
        List<String> c = new ArrayList<>(learner.metricColumns());
        c.addAll(STAGE_COLUMNS);
        this.columns = List.copyOf(c);
        useDecoder(newDecoder(new Rng(~seed)));
    }

    private Decoder newDecoder(Rng init) {
        return Decoder.create(
                kind,
                envs.observationDim(),
                envs.actionDim(),
                gcfg.decoderHidden(),
                gcfg.decoderActivation(),
                gcfg.decoderSteps(),
                init);
    }

    private void useDecoder(Decoder d) {
        if (decoder != null && decoder != d) {
            decoder.close();
        }
        decoder = d;
        sampler = d.observationSampler();
        learner.setLatentMap(new DecoderActionMap(sampler, squash, envs.actionDim()), d.observationStats() != null);
    }

    /** The latent learner this scheduler drives. */
    public LatentLearner latentLearner() {
        return learner;
    }

    /** The current decoder (its weights are frozen during the RL phase). */
    public Decoder decoder() {
        return decoder;
    }

    /** The current stage, from 0. */
    public int stage() {
        return stage;
    }

    @Override
    public Map<String, Object> iterate() {
        if (phase == Phase.RL && stage < boundaries.length && learner.globalStep() >= boundaries[stage]) {
            startCollection();
        }
        return switch (phase) {
            case RL -> rlUnit();
            case COLLECT -> collectChunk();
            case DECODER -> decoderEpoch();
        };
    }

    private Map<String, Object> rlUnit() {
        learner.setStepBudget(totalSteps - collectSteps);
        Map<String, Object> row = new LinkedHashMap<>(learner.iterate());
        row.put("stage", stage);
        row.put("phase", "rl");
        return row;
    }

    /** Starts collecting: loads the stage's best encoder and evaluates the policy that collects. */
    private void startCollection() {
        if (bestEncoder != null) {
            learner.importEncoder(bestEncoder);
        }
        boundaryBefore = recordedBoundaryReturn(stage);
        int n = envs.numEnvs();
        long rounds = (gcfg.dataSteps() + n - 1) / n;
        int capacity = Math.toIntExact(rounds * n * recordsPerState());
        dataObs = new float[Math.multiplyExact(capacity, envs.observationDim())];
        dataRaw = gcfg.frozenDecoderStats();
        dataActions = new float[Math.multiplyExact(capacity, envs.actionDim())];
        dataNoise = gcfg.latentCoupling() ? new float[dataActions.length] : null;
        dataSize = 0;
        phase = Phase.COLLECT;
        NativeHeap.release();
    }

    /**
     * The deterministic return of the current policy over {@code boundary_eval_episodes} episodes
     * on the seeds of the boundary that ends stage {@code endingStage} (the same before and after
     * the refit); NaN when turned off.
     */
    private double boundaryReturn(Actor actor, int endingStage) {
        int episodes = gcfg.boundaryEvalEpisodes();
        return episodes == 0
                ? Double.NaN
                : evaluator.meanReturn(actor, episodes, seed + 1_000_003L * (endingStage + 1) + 17);
    }

    /**
     * {@link #boundaryReturn} of the policy that collects, keeping its first {@link #PROBE_ROWS}
     * observations and deterministic actions (rounded to float, as a checkpoint keeps them).
     */
    private double recordedBoundaryReturn(int endingStage) {
        probeRows = 0;
        if (gcfg.boundaryEvalEpisodes() == 0) {
            return Double.NaN;
        }
        int od = envs.observationDim();
        int ad = envs.actionDim();
        probeObs = new double[PROBE_ROWS * od];
        probeActions = new double[PROBE_ROWS * ad];
        Actor policy = learner.actor();
        Actor recording = (obs, rows, deterministic, r, actions) -> {
            policy.act(obs, rows, deterministic, r, actions);
            int keep = Math.min(rows, PROBE_ROWS - probeRows);
            for (int i = 0; i < keep * od; i++) {
                probeObs[probeRows * od + i] = (float) obs[i];
            }
            for (int i = 0; i < keep * ad; i++) {
                probeActions[probeRows * ad + i] = (float) actions[i];
            }
            probeRows += keep;
        };
        return boundaryReturn(recording, endingStage);
    }

    /**
     * Mean absolute difference, over the probe states and action dimensions, between the deterministic
     * action of the new composed policy and that of the policy that collected; NaN without probe states.
     */
    private double actionGap() {
        if (probeRows == 0) {
            return Double.NaN;
        }
        int ad = envs.actionDim();
        double[] after = new double[probeRows * ad];
        learner.actor()
                .act(Arrays.copyOf(probeObs, probeRows * envs.observationDim()), probeRows, true, new Rng(0), after);
        double sum = 0;
        for (int i = 0; i < after.length; i++) {
            sum += Math.abs(after[i] - probeActions[i]);
        }
        return sum / after.length;
    }

    /**
     * The task's random-policy return: the figure of {@link RandomReturns}, or else measured once
     * with uniform actions over {@code boundary_eval_episodes} episodes seeded from
     * {@link #RANDOM_POLICY_SEED} (deterministic, so a resumed run computes the same).
     */
    private double randomReturn() {
        if (Double.isNaN(randomReturn)) {
            BoxSpace box = envs.actionSpace();
            Actor uniform = (obs, rows, deterministic, r, actions) -> {
                for (int i = 0; i < actions.length; i++) {
                    int d = i % box.dim();
                    actions[i] = r.uniform(box.low(d), box.high(d));
                }
            };
            randomReturn = RandomReturns.of(taskName)
                    .orElseGet(() -> evaluator.meanReturn(uniform, gcfg.boundaryEvalEpisodes(), RANDOM_POLICY_SEED));
        }
        return randomReturn;
    }

    /** Pairs recorded per collected state: the stochastic draws and, if asked, the latent mean's action. */
    private int recordsPerState() {
        return gcfg.actionSamples() + (gcfg.recordMean() ? 1 : 0);
    }

    /**
     * Collects up to collect_chunk steps of every copy with the (best) encoder through the decoder:
     * records {@code decoder_action_samples} stochastic actions per state (and, with {@code
     * decoder_record_mean}, the latent mean's action with zero noise) and executes the first, or, with
     * {@code decoder_collect_noise} below 1, the latent mean plus that share of the first draw's noise.
     */
    private Map<String, Object> collectChunk() {
        int n = envs.numEnvs();
        int od = envs.observationDim();
        int ad = envs.actionDim();
        int m = gcfg.actionSamples();
        double noise = gcfg.collectNoise();
        int capacity = dataActions.length / ad;
        float[] obs = new float[n * od];
        float[] raw = new float[n * od];
        boolean decoderReadsRaw = decoder.observationStats() != null;
        float[] eps = new float[n * ad];
        float[] first = noise < 1 ? new float[n * ad] : null; // the first draw, when the executed latent scales it
        double spread = gcfg.recordSpread();
        boolean needMean = noise < 1 || dataNoise != null;
        float[] mean = needMean ? new float[n * ad] : null;
        float[] std = needMean ? new float[n * ad] : null;
        float[] u = new float[n * ad];
        float[] wide = spread != 1 ? new float[n * ad] : null; // latents spread about the mean, and their actions
        float[] wideU = spread != 1 ? new float[n * ad] : null;
        double[] actions = new double[n * ad];
        for (int t = 0; t < collectChunk && dataSize < capacity; t++) {
            long t0 = System.nanoTime();
            learner.learnerObservations(obs);
            if (dataRaw || decoderReadsRaw) {
                learner.rawObservations(raw);
            }
            float[] decoderObs = decoderReadsRaw ? raw : obs;
            if (needMean) {
                learner.latentMeanStd(obs, n, mean, std);
            }
            for (int k = 0; k < m; k++) {
                learner.sampleLatents(obs, n, eps);
                sampler.decode(decoderObs, eps, n, u);
                if (k == 0 && first != null) {
                    System.arraycopy(eps, 0, first, 0, n * ad);
                } else if (k == 0) {
                    squash.apply(obs, u, n, actions);
                }
                if (wide != null) {
                    for (int i = 0; i < n * ad; i++) {
                        wide[i] = (float) (mean[i] + spread * (eps[i] - mean[i]));
                    }
                    sampler.decode(decoderObs, wide, n, wideU);
                    record(dataRaw ? raw : obs, wideU, eps, mean, std, n);
                } else {
                    record(dataRaw ? raw : obs, u, eps, mean, std, n);
                }
            }
            if (gcfg.recordMean()) {
                sampler.decode(decoderObs, mean, n, u);
                record(dataRaw ? raw : obs, u, mean, mean, std, n);
            }
            if (noise < 1) {
                for (int i = 0; i < n * ad; i++) {
                    eps[i] = (float) (mean[i] + noise * (first[i] - mean[i]));
                }
                sampler.decode(decoderObs, eps, n, u);
                squash.apply(obs, u, n, actions);
            }
            long t1 = System.nanoTime();
            envs.step(actions);
            collectSteps += n;
            collectInferenceSeconds += (t1 - t0) * 1e-9;
            collectPhysicsSeconds += (System.nanoTime() - t1) * 1e-9;
        }
        if (dataSize == capacity) {
            startDecoderTraining();
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stage", stage);
        row.put("phase", "collect");
        row.put("dataset_size", dataSize);
        return row;
    }

    /** Appends n (state, pre-tanh action) pairs; with coupling, the standardised noise of latents eps. */
    private void record(float[] states, float[] u, float[] eps, float[] mean, float[] std, int n) {
        int od = envs.observationDim();
        int ad = envs.actionDim();
        System.arraycopy(states, 0, dataObs, dataSize * od, n * od);
        System.arraycopy(u, 0, dataActions, dataSize * ad, n * ad);
        if (dataNoise != null) {
            for (int i = 0; i < n * ad; i++) {
                dataNoise[dataSize * ad + i] = (eps[i] - mean[i]) / std[i];
            }
        }
        dataSize += n;
    }

    private void startDecoderTraining() {
        trainerSeed = rng.nextLong();
        Decoder fresh = newDecoder(rng.split());
        if (gcfg.warmStart()) {
            fresh.store().copyFrom(decoder.store());
        }
        trainer = newTrainer(fresh);
        phase = Phase.DECODER;
    }

    /**
     * A trainer of {@code fresh} on the data set; raw data give the decoder statistics of its own,
     * computed from the data set, and the trainer the data normalised with them.
     */
    private DecoderTrainer newTrainer(Decoder fresh) {
        float[] obs = dataObs;
        if (dataRaw) {
            ObservationStats stats = ObservationStats.of(dataObs, dataSize, envs.observationDim());
            obs = new float[dataSize * envs.observationDim()];
            stats.normalize(dataObs, dataSize, obs);
            fresh.setObservationStats(stats);
        }
        float[] targets = fitTargets(dataActions, dataSize * envs.actionDim(), gcfg.targetClip());
        if (gcfg.standardActions()) {
            ActionScale scale = ActionScale.of(targets, dataSize, envs.actionDim());
            targets = scale.standardise(targets, dataSize);
            fresh.setActionScale(scale);
        }
        return new DecoderTrainer(fresh, obs, targets, dataNoise, dataSize, gcfg.training(), trainerSeed);
    }

    /**
     * The first {@code count} recorded pre-tanh actions as the decoder is fitted on them: clipped to
     * [-clip, clip], or {@code actions} itself for clip 0 (the data set keeps the recorded values).
     */
    static float[] fitTargets(float[] actions, int count, double clip) {
        if (clip == 0) {
            return actions;
        }
        float[] clipped = new float[count];
        for (int i = 0; i < count; i++) {
            clipped[i] = (float) Math.max(-clip, Math.min(clip, actions[i]));
        }
        return clipped;
    }

    private Map<String, Object> decoderEpoch() {
        long t0 = System.nanoTime();
        DecoderTrainer.EpochStats s = trainer.runEpoch();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stage", stage);
        row.put("phase", "decoder");
        row.put("dataset_size", dataSize);
        row.put("decoder_epoch", s.epoch());
        row.put("decoder_train_loss", s.trainLoss());
        row.put("decoder_val_loss", s.validationLoss());
        if (s.finished()) {
            endStage();
        }
        decoderSeconds += (System.nanoTime() - t0) * 1e-9;
        if (s.finished() && !Double.isNaN(boundaryBefore)) {
            double after = boundaryReturn(learner.actor(), stage - 1);
            row.put("boundary_return_before", boundaryBefore);
            row.put("boundary_return_after", after);
            double retention = retention(boundaryBefore, after, randomReturn());
            if (!Double.isNaN(retention)) {
                row.put("boundary_retention", retention);
            }
            double gap = actionGap();
            if (!Double.isNaN(gap)) {
                row.put("boundary_action_gap", gap);
            }
            boundaryBefore = Double.NaN;
            probeObs = null;
            probeActions = null;
            probeRows = 0;
        }
        return row;
    }

    /**
     * Normalised boundary retention: (after - random) / (before - random); 1 keeps the policy, 0 is a
     * random policy. NaN (no retention) unless the policy before the refit beats the random policy by
     * {@link #RETENTION_MARGIN} of the larger of their magnitudes: below it the ratio says nothing (a
     * worse policy after the refit could score above 1), and just above it a difference of evaluation
     * noise reads as a large ratio (102.0 then 0.6 against finger-turn-hard's random 100.2 read -55).
     */
    static double retention(double before, double after, double random) {
        double margin = Math.max(1e-9, RETENTION_MARGIN * Math.max(Math.abs(before), Math.abs(random)));
        return before - random > margin ? (after - random) / (before - random) : Double.NaN;
    }

    /** How far above the random policy's return, relative to the returns' size, a stage must end to have a retention. */
    static final double RETENTION_MARGIN = 0.1;

    private static float[] floats(double[] x, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static double[] doubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** Swaps in the trained decoder, re-initialises the encoder and starts the next stage. */
    private void endStage() {
        useDecoder(trainer.finish());
        trainer = null;
        dataObs = null;
        dataActions = null;
        dataNoise = null;
        dataSize = 0;
        stage++;
        learner.startStage(stage);
        if (gcfg.resetEncoder()) {
            Map<String, float[]> features = gcfg.keepEncoderFeatures() ? learner.exportEncoder() : null;
            learner.reinitialise(gcfg.keepCritic(), gcfg.encoderInitStd());
            if (features != null) {
                learner.importEncoder(features);
                learner.restartEncoderOutput(gcfg.encoderInitStd());
            }
        }
        bestEncoder = null;
        bestEncoderReturn = Double.NEGATIVE_INFINITY;
        phase = Phase.RL;
        NativeHeap.release();
    }

    /** Keeps a copy of the encoder whenever it scores a new best evaluation within the stage's RL phase. */
    @Override
    public void onEvaluation(double meanReturn) {
        if (phase == Phase.RL && meanReturn > bestEncoderReturn) {
            bestEncoderReturn = meanReturn;
            bestEncoder = learner.exportEncoder();
        }
    }

    @Override
    public long globalStep() {
        return learner.globalStep() + collectSteps;
    }

    @Override
    public List<String> metricColumns() {
        return columns;
    }

    @Override
    public List<VecEnv.Episode> drainEpisodes() {
        return learner.drainEpisodes();
    }

    @Override
    public Actor actor() {
        return learner.actor();
    }

    @Override
    public Map<String, Double> timing() {
        Map<String, Double> m = new LinkedHashMap<>(learner.timing());
        m.merge("physics", collectPhysicsSeconds, Double::sum);
        m.merge("inference", collectInferenceSeconds, Double::sum);
        m.merge("learning", decoderSeconds, Double::sum);
        return m;
    }

    @Override
    public void save(CheckpointData out) {
        learner.save(out);
        Map<String, float[]> t = out.tensors();
        Map<String, Object> m = out.meta();
        decoder.store().export().forEach((k, v) -> t.put(PREFIX + "decoder." + k, v));
        if (decoder.observationStats() != null) {
            t.put(PREFIX + "decoder_obs.mean", decoder.observationStats().mean());
            t.put(PREFIX + "decoder_obs.std", decoder.observationStats().std());
        }
        if (decoder.actionScale() != null) {
            t.put(PREFIX + "decoder_act.mean", decoder.actionScale().mean());
            t.put(PREFIX + "decoder_act.std", decoder.actionScale().std());
        }
        if (bestEncoder != null) {
            bestEncoder.forEach((k, v) -> t.put(PREFIX + "best_encoder." + k, v));
            m.put(PREFIX + "best_encoder_return", bestEncoderReturn);
        }
        m.put(PREFIX + "stage", stage);
        m.put(PREFIX + "phase", phase.name().toLowerCase(Locale.ROOT));
        m.put(PREFIX + "collect_steps", collectSteps);
        m.put(PREFIX + "collect_physics_s", collectPhysicsSeconds);
        m.put(PREFIX + "collect_inference_s", collectInferenceSeconds);
        m.put(PREFIX + "decoder_s", decoderSeconds);
        if (phase != Phase.RL) {
            if (!Double.isNaN(boundaryBefore)) {
                m.put(PREFIX + "boundary_return_before", boundaryBefore);
            }
            m.put(PREFIX + "data_size", dataSize);
            m.put(PREFIX + "data_raw", dataRaw ? 1 : 0);
            m.put(PREFIX + "data_capacity", dataActions.length / envs.actionDim());
            t.put(PREFIX + "data.obs", Arrays.copyOf(dataObs, dataSize * envs.observationDim()));
            t.put(PREFIX + "data.actions", Arrays.copyOf(dataActions, dataSize * envs.actionDim()));
            if (dataNoise != null) {
                t.put(PREFIX + "data.noise", Arrays.copyOf(dataNoise, dataSize * envs.actionDim()));
            }
            if (probeRows > 0) {
                t.put(PREFIX + "probe.obs", floats(probeObs, probeRows * envs.observationDim()));
                t.put(PREFIX + "probe.actions", floats(probeActions, probeRows * envs.actionDim()));
            }
        }
        if (trainer != null) {
            m.put(PREFIX + "trainer_seed", trainerSeed);
            trainer.save(t, m, PREFIX + "trainer.");
        }
    }

    @Override
    public void load(CheckpointData in) {
        stage = (int) in.metaLong(PREFIX + "stage");
        learner.resumeStage(stage);
        learner.load(in);
        Map<String, float[]> t = in.tensors();
        decoder.store().load(DecoderTrainer.withoutPrefix(t, PREFIX + "decoder."));
        // checkpoints written before decoders had statistics of their own: the decoder reads the learner's input
        decoder.setObservationStats(
                t.containsKey(PREFIX + "decoder_obs.mean")
                        ? new ObservationStats(t.get(PREFIX + "decoder_obs.mean"), t.get(PREFIX + "decoder_obs.std"))
                        : null);
        decoder.setActionScale(
                t.containsKey(PREFIX + "decoder_act.mean")
                        ? new ActionScale(t.get(PREFIX + "decoder_act.mean"), t.get(PREFIX + "decoder_act.std"))
                        : null);
        useDecoder(decoder);
        Map<String, float[]> best = DecoderTrainer.withoutPrefix(t, PREFIX + "best_encoder.");
        bestEncoder = best.isEmpty() ? null : best;
        bestEncoderReturn =
                bestEncoder == null ? Double.NEGATIVE_INFINITY : in.metaDouble(PREFIX + "best_encoder_return");
        Object phaseName = in.meta().get(PREFIX + "phase");
        phase = Phase.valueOf(String.valueOf(phaseName).toUpperCase(Locale.ROOT));
        collectSteps = in.metaLong(PREFIX + "collect_steps");
        collectPhysicsSeconds = in.metaDouble(PREFIX + "collect_physics_s");
        collectInferenceSeconds = in.metaDouble(PREFIX + "collect_inference_s");
        decoderSeconds = in.metaDouble(PREFIX + "decoder_s");
        trainer = null;
        boundaryBefore = phase != Phase.RL && in.meta().containsKey(PREFIX + "boundary_return_before")
                ? in.metaDouble(PREFIX + "boundary_return_before")
                : Double.NaN;
        if (phase != Phase.RL) {
            dataSize = (int) in.metaLong(PREFIX + "data_size");
            dataRaw = in.meta().containsKey(PREFIX + "data_raw") && in.metaLong(PREFIX + "data_raw") == 1;
            int capacity = (int) in.metaLong(PREFIX + "data_capacity");
            dataObs = Arrays.copyOf(in.tensor(PREFIX + "data.obs"), capacity * envs.observationDim());
            dataActions = Arrays.copyOf(in.tensor(PREFIX + "data.actions"), capacity * envs.actionDim());
            dataNoise = t.containsKey(PREFIX + "data.noise")
                    ? Arrays.copyOf(t.get(PREFIX + "data.noise"), capacity * envs.actionDim())
                    : null;
        }
        // checkpoints written before the action gap, or in the RL phase, hold no probe states
        float[] obs = phase != Phase.RL ? t.get(PREFIX + "probe.obs") : null;
        probeRows = obs == null ? 0 : obs.length / envs.observationDim();
        probeObs = obs == null ? null : doubles(obs);
        probeActions = obs == null ? null : doubles(in.tensor(PREFIX + "probe.actions"));
        if (phase == Phase.DECODER) {
            trainerSeed = in.metaLong(PREFIX + "trainer_seed");
            trainer = newTrainer(newDecoder(new Rng(trainerSeed)));
            trainer.load(t, in.meta(), PREFIX + "trainer.");
        }
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.decoder().close();
        }
        decoder.close();
        learner.close();
    }
}
