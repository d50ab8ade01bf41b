package org.gorlj.algo.ppo;

import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.onpolicy.ObservationNormalizer;
import org.gorlj.onpolicy.RewardTransform;
import org.gorlj.policy.ActionMap;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.run.RunKnobs;
import org.gorlj.util.Rng;

/**
 * Gaussian PPO: the on-policy loop of {@link AbstractPpoAlgorithm} with a diagonal Gaussian policy
 * ({@link PpoLearner}). One {@link #iterate()} is one rollout plus one update.
 *
 * <p>The policy samples x; an {@link ActionMap} turns x into actions (clip or tanh here). An
 * optional extra loss on the policy's distribution is added to PPO's (GoRL wraps this class with its
 * decoder as the action map and its latent regulariser as the extra loss).
 */
public final class PpoAlgorithm extends AbstractPpoAlgorithm<PpoLearner> {
    /** All knobs PPO reads. */
    public static final List<Knob> KNOBS =
            concat(RunKnobs.KNOBS, PpoConfig.KNOBS, ObservationNormalizer.KNOBS, RewardTransform.KNOBS);

    /** Metric columns of a PPO iteration. */
    public static final List<String> COLUMNS =
            List.of("policy_loss", "value_loss", "entropy", "approx_kl", "clip_frac", "grad_norm", "learning_rate");

    private final PolicyRegulariser regulariser;
    private PpoConfig learnerConfig;

    /** PPO on {@code task} with the given (validated) config; {@code actionMap} null means clip or tanh per config. */
    public PpoAlgorithm(Config config, Task task, ActionMap actionMap) {
        this(config, task, actionMap, null, null);
    }

    /**
     * PPO with an additional loss on the policy's distribution ({@code regulariser}, may be null),
     * reported as {@link AbstractPpoLearner.Stats#extraLoss()}, and with
     * {@code learnerConfig} (null: the config's) for the learner's update (see {@link #setLearnerConfig}).
     */
    public PpoAlgorithm(
            Config config, Task task, ActionMap actionMap, PolicyRegulariser regulariser, PpoConfig learnerConfig) {
        this.regulariser = regulariser;
        this.learnerConfig = learnerConfig;
        super(config, task, actionMap);
    }

    /**
     * The PPO settings of learners created from now on (null: the config's), e.g. another ratio or
     * gradient-norm clip per GoRL stage; rollout settings stay the config's.
     */
    public void setLearnerConfig(PpoConfig learnerConfig) {
        this.learnerConfig = learnerConfig;
    }

    @Override
    protected PpoLearner newLearner(Rng initRng) {
        return new PpoLearner(
                learnerConfig != null ? learnerConfig : cfg,
                envs.observationDim(),
                envs.actionDim(),
                initRng,
                regulariser);
    }

    @Override
    protected StepSampler rolloutSampler() {
        GaussianPolicy.Snapshot pol = learner().policy().snapshot();
        return (obs, rows, base, r, x, logp, policyData) -> pol.sample(obs, rows, false, r, x, logp);
    }

    @Override
    protected EvalSampler evaluationSampler() {
        GaussianPolicy.Snapshot pol = learner().policy().snapshot();
        return (obs, rows, deterministic, r, x) -> pol.sample(obs, rows, deterministic, r, x, new float[rows]);
    }

    @Override
    public List<String> metricColumns() {
        return COLUMNS;
    }
}
