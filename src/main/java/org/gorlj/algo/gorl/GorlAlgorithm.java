package org.gorlj.algo.gorl;

import ai.djl.ndarray.NDArray;
import org.gorlj.nn.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.generative.Decoder;
import org.gorlj.generative.DecoderActionMap;
import org.gorlj.generative.DecoderTrainer;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.policy.Squash;
import org.gorlj.train.CheckpointData;
import org.gorlj.util.Rng;

/**
 * GoRL (spec/gorl.md section 2): PPO trains a Gaussian encoder over the latent eps (this class is
 * a {@link PpoAlgorithm} whose action map decodes eps through the current decoder, then squashes
 * with tanh); at each stage boundary a fresh data set of (normalised observation, pre-tanh action)
 * is collected with the stage's best-evaluated encoder through the current decoder, a new decoder
 * is trained on it with fresh noise, and the encoder is re-initialised.
 *
 * <p>Units of work ({@link #iterate()}, one metrics row each): a PPO iteration (phase {@code rl}),
 * a chunk of {@code num_steps} steps of data collection ({@code collect}), one decoder epoch
 * ({@code decoder}). The {@code stage} column is the stage the row belongs to; collection and
 * decoder rows belong to the stage that is ending. Collection steps count in the global step, not
 * in the stage lengths. The initial decoder is the identity, so stage 0 is Gaussian PPO on the
 * latent; with {@code z_reg_first=0} it is exactly the same computation as PPO with tanh
 * squashing, state-dependent std and the Gaussian entropy bonus.
 */
public final class GorlAlgorithm extends PpoAlgorithm {
    /** All knobs: PPO's and GoRL's. */
    public static final List<Knob> KNOBS = concat(PpoAlgorithm.KNOBS, GorlConfig.KNOBS);

    /** Metric columns: PPO's, then the latent regulariser, stage, phase and the decoder's. */
    public static final List<String> COLUMNS = columns();

    private static final String PREFIX = "gorl.";

    /** What a unit of work does. */
    enum Phase { RL, COLLECT, DECODER }

    private final GorlConfig gcfg;
    private final Decoder.Kind kind;
    private final long[] boundaries;
    private final Squash squash;
    private Decoder decoder;
    private Decoder.Sampler sampler;
    private int stage;
    private Phase phase = Phase.RL;
    private Map<String, float[]> bestEncoder;
    private double bestEncoderReturn = Double.NEGATIVE_INFINITY;
    private float[] dataObs;
    private float[] dataActions;
    private int dataSize;
    private long trainerSeed;
    private DecoderTrainer trainer;
    private long collectSteps;
    private double collectPhysicsSeconds;
    private double collectInferenceSeconds;
    private double decoderSeconds;

    /** GoRL with a decoder of the given kind on {@code task}. */
    public GorlAlgorithm(Config config, Task task, Decoder.Kind kind) {
        super(config, task, null);
        this.gcfg = GorlConfig.from(config);
        this.kind = kind;
        this.boundaries = gcfg.boundaries();
        this.squash = new Squash(envs.actionSpace(), true);
        // a generator of its own, so that stage 0 draws exactly what plain PPO draws
        useDecoder(newDecoder(new Rng(~config.getLong("seed"))));
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(PpoAlgorithm.COLUMNS);
        c.addAll(List.of("latent_reg", "stage", "phase", "dataset_size", "decoder_epoch", "decoder_train_loss",
                "decoder_val_loss"));
        return List.copyOf(c);
    }

    private Decoder newDecoder(Rng init) {
        return Decoder.create(kind, envs.observationDim(), envs.actionDim(), gcfg.decoderHidden(),
                gcfg.decoderActivation(), gcfg.decoderSteps(), init);
    }

    private void useDecoder(Decoder d) {
        if (decoder != null && decoder != d) {
            decoder.close();
        }
        decoder = d;
        sampler = d.sampler();
        setActionMap(new DecoderActionMap(sampler, squash, envs.actionDim()));
    }

    /** The current decoder (its weights are frozen during the RL phase). */
    public Decoder decoder() {
        return decoder;
    }

    /** The current stage, from 0. */
    public int stage() {
        return stage;
    }

    /** The latent regulariser (none when its weight is 0, so stage 0 can equal plain PPO exactly). */
    @Override
    protected Function<GaussianPolicy.Dist, NDArray> extraLoss() {
        return this::latentRegulariser;
    }

    private NDArray latentRegulariser(GaussianPolicy.Dist d) {
        double z = stage == 0 ? gcfg.zRegFirst() : gcfg.zReg();
        if (z == 0) {
            return null;
        }
        NDArray mu = d.mean();
        NDArray sigma = d.std();
        if (gcfg.klRegulariser()) {
            NDArray kl = Ops.mul(Ops.sub(mu.square().add(sigma.square()), 1), 0.5).sub(sigma.log()).sum(new int[] {-1});
            return Ops.mul(kl.mean(), z);
        }
        return Ops.mul(mu.square().mean().add(sigma.square().mean()), z);
    }

    @Override
    public Map<String, Object> iterate() {
        if (phase == Phase.RL && stage < boundaries.length && super.globalStep() >= boundaries[stage]) {
            startCollection();
        }
        return switch (phase) {
            case RL -> rlIteration();
            case COLLECT -> collectChunk();
            case DECODER -> decoderEpoch();
        };
    }

    private Map<String, Object> rlIteration() {
        Map<String, Object> row = new LinkedHashMap<>(super.iterate());
        row.put("latent_reg", lastStats().extraLoss());
        row.put("stage", stage);
        row.put("phase", "rl");
        return row;
    }

    private void startCollection() {
        if (bestEncoder != null) {
            learner().actorStore().load(bestEncoder);
        }
        int n = cfg.numEnvs();
        long rounds = (gcfg.dataSteps() + n - 1) / n;
        int capacity = Math.toIntExact(rounds * n);
        dataObs = new float[Math.multiplyExact(capacity, envs.observationDim())];
        dataActions = new float[Math.multiplyExact(capacity, envs.actionDim())];
        dataSize = 0;
        phase = Phase.COLLECT;
    }

    /** Collects up to num_steps steps of every copy with the (best) encoder, stochastically, through the decoder. */
    private Map<String, Object> collectChunk() {
        GaussianPolicy.Snapshot pol = learner().policy().snapshot();
        int n = cfg.numEnvs();
        int od = envs.observationDim();
        int ad = envs.actionDim();
        int capacity = dataActions.length / ad;
        float[] obs = new float[n * od];
        float[] eps = new float[n * ad];
        float[] logp = new float[n];
        float[] u = new float[n * ad];
        double[] actions = new double[n * ad];
        for (int t = 0; t < cfg.numSteps() && dataSize < capacity; t++) {
            long t0 = System.nanoTime();
            obsNorm.normalize(envs.observations(), n, obs);
            pol.sample(obs, n, false, rng, eps, logp);
            sampler.decode(obs, eps, n, u);
            squash.apply(obs, u, n, actions);
            System.arraycopy(obs, 0, dataObs, dataSize * od, n * od);
            System.arraycopy(u, 0, dataActions, dataSize * ad, n * ad);
            dataSize += n;
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

    private void startDecoderTraining() {
        trainerSeed = rng.nextLong();
        Decoder fresh = newDecoder(rng.split());
        if (gcfg.warmStart()) {
            fresh.store().copyFrom(decoder.store());
        }
        trainer = new DecoderTrainer(fresh, dataObs, dataActions, dataSize, gcfg.training(), trainerSeed);
        phase = Phase.DECODER;
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
        return row;
    }

    /** Swaps in the trained decoder, re-initialises the encoder and starts the next stage. */
    private void endStage() {
        useDecoder(trainer.finish());
        trainer = null;
        dataObs = null;
        dataActions = null;
        dataSize = 0;
        stage++;
        if (gcfg.resetEncoder()) {
            reinitialiseLearner(gcfg.keepCritic());
            if (gcfg.encoderInitStd() > 0) {
                learner().policy().setInitialStd(gcfg.encoderInitStd());
            }
        }
        bestEncoder = null;
        bestEncoderReturn = Double.NEGATIVE_INFINITY;
        phase = Phase.RL;
    }

    /** Keeps a copy of the encoder whenever it scores a new best evaluation within the stage's RL phase. */
    @Override
    public void onEvaluation(double meanReturn) {
        if (phase == Phase.RL && meanReturn > bestEncoderReturn) {
            bestEncoderReturn = meanReturn;
            bestEncoder = learner().actorStore().export();
        }
    }

    @Override
    public long globalStep() {
        return super.globalStep() + collectSteps;
    }

    @Override
    public List<String> metricColumns() {
        return COLUMNS;
    }

    @Override
    public Map<String, Double> timing() {
        Map<String, Double> m = new LinkedHashMap<>(super.timing());
        m.merge("physics", collectPhysicsSeconds, Double::sum);
        m.merge("inference", collectInferenceSeconds, Double::sum);
        m.merge("learning", decoderSeconds, Double::sum);
        return m;
    }

    @Override
    public void save(CheckpointData out) {
        super.save(out);
        Map<String, float[]> t = out.tensors();
        Map<String, Object> m = out.meta();
        decoder.store().export().forEach((k, v) -> t.put(PREFIX + "decoder." + k, v));
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
            m.put(PREFIX + "data_size", dataSize);
            m.put(PREFIX + "data_capacity", dataActions.length / envs.actionDim());
            t.put(PREFIX + "data.obs", Arrays.copyOf(dataObs, dataSize * envs.observationDim()));
            t.put(PREFIX + "data.actions", Arrays.copyOf(dataActions, dataSize * envs.actionDim()));
        }
        if (trainer != null) {
            m.put(PREFIX + "trainer_seed", trainerSeed);
            trainer.save(t, m, PREFIX + "trainer.");
        }
    }

    @Override
    public void load(CheckpointData in) {
        super.load(in);
        Map<String, float[]> t = in.tensors();
        decoder.store().load(DecoderTrainer.withoutPrefix(t, PREFIX + "decoder."));
        useDecoder(decoder);
        Map<String, float[]> best = DecoderTrainer.withoutPrefix(t, PREFIX + "best_encoder.");
        bestEncoder = best.isEmpty() ? null : best;
        bestEncoderReturn = bestEncoder == null ? Double.NEGATIVE_INFINITY : in.metaDouble(PREFIX + "best_encoder_return");
        stage = (int) in.metaLong(PREFIX + "stage");
        Object phaseName = in.meta().get(PREFIX + "phase");
        phase = Phase.valueOf(String.valueOf(phaseName).toUpperCase(Locale.ROOT));
        collectSteps = in.metaLong(PREFIX + "collect_steps");
        collectPhysicsSeconds = in.metaDouble(PREFIX + "collect_physics_s");
        collectInferenceSeconds = in.metaDouble(PREFIX + "collect_inference_s");
        decoderSeconds = in.metaDouble(PREFIX + "decoder_s");
        trainer = null;
        if (phase != Phase.RL) {
            dataSize = (int) in.metaLong(PREFIX + "data_size");
            int capacity = (int) in.metaLong(PREFIX + "data_capacity");
            dataObs = Arrays.copyOf(in.tensor(PREFIX + "data.obs"), capacity * envs.observationDim());
            dataActions = Arrays.copyOf(in.tensor(PREFIX + "data.actions"), capacity * envs.actionDim());
        }
        if (phase == Phase.DECODER) {
            trainerSeed = in.metaLong(PREFIX + "trainer_seed");
            trainer = new DecoderTrainer(newDecoder(new Rng(trainerSeed)), dataObs, dataActions, dataSize,
                    gcfg.training(), trainerSeed);
            trainer.load(t, in.meta(), PREFIX + "trainer.");
        }
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.decoder().close();
        }
        decoder.close();
        super.close();
    }
}
