package org.gorlj.algo.gorl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.Actor;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.algo.ppo.PpoLearner;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.policy.ActionMap;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.Rng;

/**
 * GoRL-PPO's latent learner ({@code gorl-fm}, {@code gorl-diffusion}): a {@link PpoAlgorithm} on the
 * latent eps (its policy is the encoder, its action map the decoder) whose extra loss is the
 * {@link LatentRegulariser}, with weight {@code z_reg_first} in stage 0 and {@code z_reg}
 * later. Decoders read normalised observations, or raw ones through statistics of their own; a collection row covers
 * {@code num_steps} vector steps. With the identity decoder and {@code z_reg_first=0}, stage 0 is exactly the same
 * computation as PPO with tanh squashing, state-dependent std and the Gaussian entropy bonus.
 */
public final class PpoLatentLearner implements LatentLearner {
    /** The knobs of GoRL-PPO: PPO's and GoRL's. */
    public static final List<Knob> KNOBS =
            PpoAlgorithm.concat(PpoAlgorithm.KNOBS, GorlConfig.KNOBS, GorlConfig.PPO_KNOBS);

    /** PPO's columns and the latent regulariser. */
    public static final List<String> COLUMNS = columns();

    private final PpoAlgorithm ppo;
    private final LatentRegulariser regulariser;
    private final GorlConfig gcfg;
    /** PPO's settings in stage 0 and after it (null for both: the config's in every stage). */
    private final PpoConfig firstStage;

    private final PpoConfig laterStages;
    private int stage;
    private GaussianPolicy.Snapshot collector;

    /** PPO on {@code task}, with the GoRL settings read from the same config. */
    public PpoLatentLearner(Config config, Task task) {
        this.gcfg = GorlConfig.from(config);
        double clipFirst = config.getDouble("clip_coef_first");
        double gradFirst = config.getDouble("max_grad_norm_first");
        if (clipFirst >= 0 || gradFirst >= 0) {
            this.laterStages = PpoConfig.from(config);
            this.firstStage = PpoConfig.from(config.with(Map.of(
                    "clip_coef", clipFirst >= 0 ? clipFirst : laterStages.clipCoef(),
                    "max_grad_norm", gradFirst >= 0 ? gradFirst : laterStages.maxGradNorm())));
        } else {
            this.laterStages = null;
            this.firstStage = null;
        }
        this.regulariser =
                new LatentRegulariser(gcfg.klRegulariser(), () -> stage == 0 ? gcfg.zRegFirst() : gcfg.zReg());
        this.ppo = new PpoAlgorithm(config, task, null, regulariser, firstStage);
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(PpoAlgorithm.COLUMNS);
        c.add("latent_reg");
        return List.copyOf(c);
    }

    /** The PPO algorithm underneath. */
    public PpoAlgorithm ppo() {
        return ppo;
    }

    /** The PPO learner (encoder, critic, optimiser). */
    public PpoLearner learner() {
        return ppo.learner();
    }

    /** The latent regulariser, with the current stage's weight. */
    LatentRegulariser regulariser() {
        return regulariser;
    }

    @Override
    public GorlConfig gorlConfig() {
        return gcfg;
    }

    @Override
    public int collectChunk() {
        return ppo.ppoConfig().numSteps();
    }

    @Override
    public Map<String, Object> iterate() {
        collector = null;
        Map<String, Object> row = new LinkedHashMap<>(ppo.iterate());
        row.put("latent_reg", ppo.lastStats().extraLoss());
        return row;
    }

    @Override
    public long globalStep() {
        return ppo.globalStep();
    }

    @Override
    public List<String> metricColumns() {
        return COLUMNS;
    }

    @Override
    public List<VecEnv.Episode> drainEpisodes() {
        return ppo.drainEpisodes();
    }

    @Override
    public Actor actor() {
        return ppo.actor();
    }

    @Override
    public Map<String, Double> timing() {
        return ppo.timing();
    }

    @Override
    public VecEnv envs() {
        return ppo.envs();
    }

    @Override
    public Rng rng() {
        return ppo.rng();
    }

    @Override
    public void setLatentMap(ActionMap map, boolean rawObservations) {
        if (rawObservations) {
            ppo.setRawObservationActionMap(map);
        } else {
            ppo.setActionMap(map);
        }
    }

    /**
     * PPO's iterations are whole rollouts, so the budget does not cut one short; with
     * {@code async_collection} it and the stage's boundary end collecting ahead: the rollout after
     * the coming update is collected only if another RL unit of this stage will learn from it.
     */
    @Override
    public void setStepBudget(long steps) {
        long[] boundaries = gcfg.boundaries();
        ppo.setCollectionLimit(stage < boundaries.length ? Math.min(steps, boundaries[stage]) : steps);
    }

    @Override
    public void learnerObservations(float[] out) {
        if (ppo.hasRolloutAhead()) {
            throw new IllegalStateException("a rollout collected ahead would be lost by the stage's data collection");
        }
        ppo.observationNormalizer()
                .normalize(ppo.envs().observations(), ppo.envs().numEnvs(), out);
    }

    @Override
    public void sampleLatents(float[] learnerObs, int rows, float[] eps) {
        if (collector == null) {
            collector = learner().policy().snapshot();
        }
        collector.sample(learnerObs, rows, false, ppo.rng(), eps, new float[rows]);
    }

    @Override
    public void latentMeanStd(float[] learnerObs, int rows, float[] mean, float[] std) {
        if (collector == null) {
            collector = learner().policy().snapshot();
        }
        collector.meanStd(learnerObs, rows, mean, std);
    }

    @Override
    public Map<String, float[]> exportEncoder() {
        return learner().actorStore().export();
    }

    @Override
    public void importEncoder(Map<String, float[]> weights) {
        learner().actorStore().load(weights);
        collector = null;
    }

    @Override
    public void reinitialise(boolean keepCritic, double initStd) {
        ppo.reinitialiseLearner(keepCritic);
        collector = null;
        if (initStd > 0) {
            learner().policy().setInitialStd(initStd);
        }
    }

    @Override
    public void restartEncoderOutput(double std) {
        learner().policy().restartOutputLayer(std);
        collector = null;
    }

    /**
     * Nothing is stored across PPO's rollouts: the regulariser's weight changes, and with per-stage
     * clips the encoder re-created next (reset_encoder is required for them) gets the later stages'.
     */
    @Override
    public void startStage(int stage) {
        this.stage = stage;
        if (laterStages != null) {
            ppo.setLearnerConfig(stage == 0 ? firstStage : laterStages);
        }
    }

    /**
     * Before loading a checkpoint of stage {@code stage}: with per-stage clips past stage 0 the
     * learner is re-created with the later stages' settings (the load then restores its weights,
     * optimiser and the generator the re-creation drew from).
     */
    @Override
    public void resumeStage(int stage) {
        this.stage = stage;
        if (laterStages != null && stage > 0) {
            ppo.setLearnerConfig(laterStages);
            ppo.reinitialiseLearner(false);
        }
    }

    /** PPO's state; the stage is the scheduler's (older checkpoints also hold it as {@code latent_stage}, now ignored). */
    @Override
    public void save(CheckpointData out) {
        ppo.save(out);
    }

    @Override
    public void load(CheckpointData in) {
        ppo.load(in);
        collector = null;
    }

    @Override
    public void close() {
        ppo.close();
    }
}
