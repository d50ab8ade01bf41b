package org.gorlj.algo.flowpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.util.Rng;

/**
 * DPPO as the GoRL paper ran it: the flow policy's Euler chain with fixed Gaussian noise sigma
 * added at each step is an MDP whose steps have exact Gaussian likelihoods,
 * N(x_{k+1}; x_k + v(s, x_k, k/K) / K, sigma^2 I). The whole chain x_0 .. x_K of each transition
 * and its per-step log-likelihoods under the collecting weights are stored; the PPO ratio is
 * taken per denoising step ({@code dppo_ratio=per_step}, the released code) or on the summed
 * chain log-likelihood ({@code chain}).
 */
public final class DppoLearner extends FlowPolicyLearner<DppoLearner.Minibatch> {
    private final int steps;
    /** Policy data per transition of a rollout: the chain x_0 .. x_K, then the K step log-likelihoods. */
    private final int chainSize;

    /**
     * The chains of one minibatch of {@code size} transitions.
     *
     * @param obs their normalised observations
     * @param chain their chains x_0 .. x_K
     * @param oldLogLik their per-step log-likelihoods under the collecting weights
     */
    protected record Minibatch(int size, float[] obs, float[] chain, float[] oldLogLik) {}

    /** A DPPO learner. */
    public DppoLearner(PpoConfig cfg, FlowPolicyConfig fcfg, int obsDim, int xDim, Rng initRng) {
        super(cfg, fcfg, obsDim, xDim, initRng, policy -> new JavaDppoTerms(policy, fcfg));
        this.steps = fcfg.steps();
        this.chainSize = (steps + 1) * xDim;
    }

    @Override
    public int rolloutDataWidth() {
        return chainSize + steps;
    }

    @Override
    public double samplingSigma() {
        return fcfg.dppoSigma();
    }

    /** The stored chain x_0 .. x_K of transition {@code index} of {@code r}. */
    public float[] chain(Rollout r, int index) {
        int from = index * rolloutDataWidth();
        return java.util.Arrays.copyOfRange(r.policyData, from, from + chainSize);
    }

    @Override
    public void record(
            FlowPolicy.Snapshot snap,
            float[] obs,
            float[] actions,
            float[] chain,
            float[] logLik,
            int rows,
            int base,
            Rng rng,
            float[] logProb,
            float[] policyData) {
        int width = rolloutDataWidth();
        for (int r = 0; r < rows; r++) {
            int at = (base + r) * width;
            System.arraycopy(chain, r * chainSize, policyData, at, chainSize);
            System.arraycopy(logLik, r * steps, policyData, at + chainSize, steps);
        }
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < steps; k++) {
                s += logLik[r * steps + k];
            }
            logProb[r] = (float) s;
        }
    }

    @Override
    protected Minibatch prepareMinibatch(Rollout r, int[] order, int start, int size, Rng rng) {
        float[] obs = new float[size * r.obsDim];
        float[] chain = new float[size * chainSize];
        float[] old = new float[size * steps];
        for (int b = 0; b < size; b++) {
            int k = order[start + b];
            System.arraycopy(r.obs, k * r.obsDim, obs, b * r.obsDim, r.obsDim);
            int at = k * (chainSize + steps);
            System.arraycopy(r.policyData, at, chain, b * chainSize, chainSize);
            System.arraycopy(r.policyData, at + chainSize, old, b * steps, steps);
        }
        return new Minibatch(size, obs, chain, old);
    }

    @Override
    protected PolicyTerms policyTerms(NDManager mb, NDArray obs, Minibatch batch) {
        int size = batch.size();
        NDArray logLik = policy.chainLogLikelihood(mb, batch.obs(), batch.chain(), size, fcfg.dppoSigma());
        NDArray old = Tensors.create(mb, batch.oldLogLik(), new Shape(size, steps));
        NDArray logRatio = fcfg.dppoRatio() == FlowPolicyConfig.DppoRatio.PER_STEP
                ? logLik.sub(old)
                : logLik.sum(new int[] {1}).sub(old.sum(new int[] {1}));
        return new PolicyTerms(
                logRatio,
                null,
                null,
                () -> String.format(
                        "max |log-ratio| %.3g, min step log-likelihood %.3g",
                        logRatio.abs().max().getFloat(), logLik.min().getFloat()));
    }
}
