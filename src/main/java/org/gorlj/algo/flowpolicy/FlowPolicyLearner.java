package org.gorlj.algo.flowpolicy;

import java.util.function.Function;
import org.gorlj.algo.ppo.AbstractPpoLearner;
import org.gorlj.algo.ppo.JavaPolicyTerms;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.nn.ParamStore;
import org.gorlj.util.Rng;

/**
 * A PPO learner whose policy is a {@link FlowPolicy} (built first from the initialisation generator,
 * then the critic), which records per transition what the ratio needs at collection time, in the
 * rollout's {@link org.gorlj.onpolicy.Rollout#policyData} ({@link #rolloutDataWidth()} floats each).
 *
 * @param <B> the policy's data of one minibatch
 */
public abstract class FlowPolicyLearner<B> extends AbstractPpoLearner<B> {
    protected final FlowPolicyConfig fcfg;
    protected final FlowPolicy policy;
    protected final int obsDim;

    /** Builds the policy, then the critic, with the plain-Java terms {@code javaTerms} makes for the policy. */
    protected FlowPolicyLearner(
            PpoConfig cfg,
            FlowPolicyConfig fcfg,
            int obsDim,
            int xDim,
            Rng initRng,
            Function<FlowPolicy, JavaPolicyTerms<B>> javaTerms) {
        ParamStore actor = new ParamStore();
        FlowPolicy pol = new FlowPolicy(
                actor,
                "policy",
                obsDim,
                xDim,
                fcfg.hidden(),
                fcfg.activation(),
                fcfg.steps(),
                fcfg.outputScale(),
                initRng);
        super(cfg, obsDim, actor, initRng, javaTerms.apply(pol));
        this.fcfg = fcfg;
        this.policy = pol;
        this.obsDim = obsDim;
    }

    /** The flow policy. */
    public FlowPolicy policy() {
        return policy;
    }

    /** Noise added at each Euler step while collecting (0 for FPO). */
    public abstract double samplingSigma();

    /**
     * Records what the ratio needs for the transitions {@code base .. base + rows} of a rollout, just
     * sampled with {@code snap} (the weights of the collection), into the rollout's policy data.
     *
     * @param obs their normalised observations
     * @param actions their pre-squash actions x_K
     * @param chain their chains x_0 .. x_K (rows * (K + 1) * xDim)
     * @param logLik their per-step chain log-likelihoods (rows * K; meaningful when sigma > 0)
     * @param rng source of any further draws
     * @param logProb receives the scalar log-probability the rollout stores per transition
     * @param policyData the rollout's {@link org.gorlj.onpolicy.Rollout#policyData}
     */
    public abstract void record(
            FlowPolicy.Snapshot snap,
            float[] obs,
            float[] actions,
            float[] chain,
            float[] logLik,
            int rows,
            int base,
            Rng rng,
            float[] logProb,
            float[] policyData);

    @Override
    protected String name() {
        return getClass().getSimpleName().replace("Learner", "").toUpperCase(java.util.Locale.ROOT);
    }
}
