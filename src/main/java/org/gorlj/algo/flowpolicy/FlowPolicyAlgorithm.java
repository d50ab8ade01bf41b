package org.gorlj.algo.flowpolicy;

import java.util.ArrayList;
import java.util.List;
import org.gorlj.algo.ppo.AbstractPpoAlgorithm;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.util.Rng;

/**
 * FPO and DPPO, the generative baselines of the GoRL paper (docs/method.md §4): PPO's on-policy
 * loop ({@link AbstractPpoAlgorithm}: rollouts, GAE, critic, normalisers, checkpoints) with a
 * {@link FlowPolicy} as the policy. A rollout step integrates the flow from fresh noise (with DPPO's
 * step noise), sends the pre-squash result x_K through the action map (tanh or clip, PPO's
 * {@code action_mode}) and records what the learner's ratio needs ({@link FpoLearner},
 * {@link DppoLearner}). Evaluation integrates without step noise.
 */
public final class FlowPolicyAlgorithm extends AbstractPpoAlgorithm<FlowPolicyLearner<?>> {
    /** The two methods. */
    public enum Method {
        /** Flow Policy Optimization: ratio from CFM-loss differences on stored (eps, t) pairs. */
        FPO,
        /** DPPO as the paper ran it: exact Gaussian likelihoods of a noisy Euler chain. */
        DPPO
    }

    /** FPO's knobs: PPO's and the flow policy's. */
    public static final List<Knob> FPO_KNOBS =
            concat(PpoAlgorithm.KNOBS, FlowPolicyConfig.COMMON_KNOBS, FlowPolicyConfig.FPO_KNOBS);

    /** DPPO's knobs: PPO's and the flow policy's. */
    public static final List<Knob> DPPO_KNOBS =
            concat(PpoAlgorithm.KNOBS, FlowPolicyConfig.COMMON_KNOBS, FlowPolicyConfig.DPPO_KNOBS);

    /** Metric columns: PPO's without the entropy (neither method has an entropy term). */
    public static final List<String> COLUMNS = columns();

    private final FlowPolicyConfig fcfg;
    private final Method method;

    /** FPO or DPPO on {@code task} with a complete, validated config. */
    public FlowPolicyAlgorithm(Config config, Task task, Method method) {
        super(config, task, null);
        this.fcfg = FlowPolicyConfig.from(config);
        this.method = method;
        if ((method == Method.FPO) != (learner() instanceof FpoLearner)) {
            throw new IllegalArgumentException(method + " needs a config with its own knobs ("
                    + method.name().toLowerCase(java.util.Locale.ROOT) + "_...)");
        }
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(PpoAlgorithm.COLUMNS);
        c.remove("entropy");
        return List.copyOf(c);
    }

    /** The method run. */
    public Method method() {
        return method;
    }

    @Override
    protected FlowPolicyLearner<?> newLearner(Rng initRng) {
        // called from the super constructor, before this class's fields are set: the method is the one
        // whose knobs the config has (checked against the method in the constructor)
        FlowPolicyConfig f = FlowPolicyConfig.from(config);
        int od = envs.observationDim();
        int xd = envs.actionDim();
        return config.asMap().containsKey("fpo_samples")
                ? new FpoLearner(cfg, f, od, xd, initRng)
                : new DppoLearner(cfg, f, od, xd, initRng);
    }

    @Override
    protected StepSampler rolloutSampler() {
        FlowPolicyLearner<?> l = learner();
        FlowPolicy.Snapshot snap = l.policy().snapshot();
        double sigma = l.samplingSigma();
        int d = envs.actionDim();
        int k = fcfg.steps();
        return (obs, rows, base, r, x, logProb, policyData) -> {
            float[] x0 = new float[rows * d];
            r.fillGaussian(x0);
            float[] chain = new float[rows * (k + 1) * d];
            float[] logLik = new float[rows * k];
            snap.sample(obs, x0, rows, sigma, r, chain, logLik, x);
            l.record(snap, obs, x, chain, logLik, rows, base, r, logProb, policyData);
        };
    }

    @Override
    protected EvalSampler evaluationSampler() {
        FlowPolicy.Snapshot snap = learner().policy().snapshot();
        double sigma = learner().samplingSigma();
        boolean zeroStart = fcfg.evalStart() == FlowPolicyConfig.EvalStart.ZERO;
        int d = envs.actionDim();
        return (obs, rows, deterministic, r, x) -> {
            float[] x0 = new float[rows * d];
            if (!(deterministic && zeroStart)) {
                r.fillGaussian(x0);
            }
            snap.sample(obs, x0, rows, deterministic ? 0 : sigma, r, null, null, x);
        };
    }

    @Override
    public List<String> metricColumns() {
        return COLUMNS;
    }
}
