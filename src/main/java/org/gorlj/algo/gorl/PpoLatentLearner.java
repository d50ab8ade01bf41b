package org.gorlj.algo.gorl;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.env.Task;
import org.gorlj.nn.Ops;
import org.gorlj.policy.ActionMap;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.Rng;

/**
 * GoRL-PPO's latent learner: {@link PpoAlgorithm} on the latent eps (its policy is the encoder,
 * its action map the decoder) plus the latent regulariser of docs/method.md §3.1, whose weight is
 * {@code z_reg_first} in stage 0 and {@code z_reg} later. Decoders see normalised observations.
 */
public final class PpoLatentLearner extends PpoAlgorithm implements LatentLearner {
    /** PPO's columns and the latent regulariser. */
    public static final List<String> COLUMNS = columns();

    private final GorlConfig gcfg;
    private int stage;
    private GaussianPolicy.Snapshot collector;

    /** PPO on {@code task}, with the GoRL settings read from the same config. */
    public PpoLatentLearner(Config config, Task task) {
        super(config, task, null);
        this.gcfg = GorlConfig.from(config);
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(PpoAlgorithm.COLUMNS);
        c.add("latent_reg");
        return List.copyOf(c);
    }

    /** The latent regulariser (none when its weight is 0, so stage 0 can equal plain PPO exactly). */
    @Override
    protected Function<GaussianPolicy.Dist, NDArray> extraLoss() {
        return this::latentRegulariser;
    }

    /** The latent regulariser: z (mean(mu^2) + mean(sigma^2)) or z KL(N(mu, sigma) || N(0, I)), z by stage. */
    Function<GaussianPolicy.Dist, NDArray> latentRegulariser() {
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
        collector = null;
        Map<String, Object> row = new LinkedHashMap<>(super.iterate());
        row.put("latent_reg", lastStats().extraLoss());
        return row;
    }

    @Override
    public List<String> metricColumns() {
        return COLUMNS;
    }

    @Override
    public Rng rng() {
        return rng;
    }

    @Override
    public void setLatentMap(ActionMap map) {
        setActionMap(map);
    }

    /** PPO's iterations are whole rollouts: the budget is not used. */
    @Override
    public void setStepBudget(long steps) {}

    @Override
    public void decoderObservations(float[] out) {
        obsNorm.normalize(envs.observations(), cfg.numEnvs(), out);
    }

    @Override
    public void sampleLatents(float[] decoderObs, int rows, float[] eps) {
        if (collector == null) {
            collector = learner().policy().snapshot();
        }
        collector.sample(decoderObs, rows, false, rng, eps, new float[rows]);
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
        reinitialiseLearner(keepCritic);
        collector = null;
        if (initStd > 0) {
            learner().policy().setInitialStd(initStd);
        }
    }

    @Override
    public void startStage(int stage) {
        this.stage = stage;
    }

    @Override
    public void save(CheckpointData out) {
        super.save(out);
        out.meta().put("latent_stage", stage);
    }

    @Override
    public void load(CheckpointData in) {
        super.load(in);
        // checkpoints written before the stage scheduler was split out kept only the scheduler's stage
        stage = (int) in.metaLong(in.meta().containsKey("latent_stage") ? "latent_stage" : "gorl.stage");
        collector = null;
    }
}
