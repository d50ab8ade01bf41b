package org.gorlj.algo.flowpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.generative.FlowNetwork;
import org.gorlj.nn.Ops;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.util.Rng;

/**
 * FPO (Flow Policy Optimization, arXiv 2507.21053, as the GoRL paper runs it): PPO whose likelihood
 * ratio is replaced by rho = exp(mean_k L_old(s, a, eps_k, tau_k) - mean_k L_new(s, a, eps_k, tau_k)),
 * with the conditional flow-matching loss L evaluated on the SAME (eps_k, tau_k) pairs, drawn and
 * scored with the collecting weights when the transition was collected.
 *
 * <p>CFM loss of a pair, with x_tau = (1 - tau) eps + tau a and the network's velocity v:
 * {@code eps} form (the paper's "predict velocity but supervise as eps"):
 * mean_j (x_tau - tau v - eps)_j^2 = tau^2 mean_j (v - (a - eps))_j^2; {@code velocity} form:
 * mean_j (v - (a - eps))_j^2. Means run over action dimensions, as in the released code.
 */
public final class FpoLearner extends FlowPolicyLearner<FpoLearner.Minibatch> {
    private final int pairs;
    private final boolean eps;
    /** Policy data per transition of a rollout: pairs * xDim noise, then pairs times, then pairs old losses. */
    private final int width;

    /**
     * The pairs of one minibatch of {@code size} transitions ({@code size * pairs} rows).
     *
     * @param inputs the network inputs of the pairs
     * @param xTau x_tau of each pair
     * @param target the velocity target a - eps of each pair
     * @param eps the noise of each pair
     * @param tau the time of each pair
     * @param oldLoss the CFM loss of each pair under the collecting weights
     */
    protected record Minibatch(
            int size, float[] inputs, float[] xTau, float[] target, float[] eps, float[] tau, float[] oldLoss) {}

    /** An FPO learner. */
    public FpoLearner(PpoConfig cfg, FlowPolicyConfig fcfg, int obsDim, int xDim, Rng initRng) {
        super(cfg, fcfg, obsDim, xDim, initRng, policy -> new JavaFpoTerms(policy, fcfg));
        this.pairs = fcfg.fpoSamples();
        this.eps = fcfg.fpoLoss() == FlowPolicyConfig.FpoLoss.EPS;
        this.width = pairs * (xDim + 2);
    }

    @Override
    public int rolloutDataWidth() {
        return width;
    }

    @Override
    public double samplingSigma() {
        return 0;
    }

    /** The old (collection-time) CFM losses of the pairs of transition {@code index} of {@code r}. */
    public float[] oldLosses(Rollout r, int index) {
        int from = index * width + pairs * (policy.xDim() + 1);
        return java.util.Arrays.copyOfRange(r.policyData, from, from + pairs);
    }

    /** Draws each transition's pairs (eps ~ N(0, I), tau ~ U(0, 1)) and scores them with {@code snap}. */
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
        int d = policy.xDim();
        int n = rows * pairs;
        float[] e = new float[n * d];
        rng.fillGaussian(e);
        float[] tau = new float[n];
        for (int i = 0; i < n; i++) {
            tau[i] = (float) rng.nextDouble();
        }
        float[] inputs = new float[n * policy.inputSize()];
        float[] xTau = new float[n * d];
        float[] target = new float[n * d];
        buildInputs(obs, actions, e, tau, rows, inputs, xTau, target);
        float[] v = new float[n * d];
        snap.velocity(inputs, n, v);
        float[] loss = new float[n];
        for (int p = 0; p < n; p++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                int i = p * d + j;
                double err = eps ? xTau[i] - tau[p] * v[i] - e[i] : v[i] - target[i];
                s += err * err;
            }
            loss[p] = (float) (s / d);
        }
        for (int r = 0; r < rows; r++) {
            int at = (base + r) * width;
            System.arraycopy(e, r * pairs * d, policyData, at, pairs * d);
            System.arraycopy(tau, r * pairs, policyData, at + pairs * d, pairs);
            System.arraycopy(loss, r * pairs, policyData, at + pairs * (d + 1), pairs);
        }
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < pairs; k++) {
                s += loss[r * pairs + k];
            }
            logProb[r] = (float) (-s / pairs); // the ELBO-like score FPO's ratio is built from
        }
    }

    /** Network inputs, x_tau and the velocity target a - eps of each pair of {@code rows} transitions. */
    private void buildInputs(
            float[] obs,
            float[] actions,
            float[] e,
            float[] tau,
            int rows,
            float[] inputs,
            float[] xTau,
            float[] target) {
        int d = policy.xDim();
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < pairs; k++) {
                int p = r * pairs + k;
                for (int j = 0; j < d; j++) {
                    xTau[p * d + j] = (1 - tau[p]) * e[p * d + j] + tau[p] * actions[r * d + j];
                    target[p * d + j] = actions[r * d + j] - e[p * d + j];
                }
                FlowNetwork.writeInput(obsDim, d, obs, r, xTau, p, tau[p], inputs, p);
            }
        }
    }

    @Override
    protected Minibatch prepareMinibatch(Rollout r, int[] order, int start, int size, Rng rng) {
        int d = r.xDim;
        int n = size * pairs;
        float[] mbEps = new float[n * d];
        float[] mbTau = new float[n];
        float[] mbOld = new float[n];
        float[] obs = new float[size * r.obsDim];
        float[] act = new float[size * d];
        for (int b = 0; b < size; b++) {
            int k = order[start + b];
            System.arraycopy(r.obs, k * r.obsDim, obs, b * r.obsDim, r.obsDim);
            System.arraycopy(r.x, k * d, act, b * d, d);
            int at = k * width;
            System.arraycopy(r.policyData, at, mbEps, b * pairs * d, pairs * d);
            System.arraycopy(r.policyData, at + pairs * d, mbTau, b * pairs, pairs);
            System.arraycopy(r.policyData, at + pairs * (d + 1), mbOld, b * pairs, pairs);
        }
        float[] inputs = new float[n * policy.inputSize()];
        float[] xTau = new float[n * d];
        float[] target = new float[n * d];
        buildInputs(obs, act, mbEps, mbTau, size, inputs, xTau, target);
        return new Minibatch(size, inputs, xTau, target, mbEps, mbTau, mbOld);
    }

    @Override
    protected PolicyTerms policyTerms(NDManager mb, NDArray obs, Minibatch batch) {
        int d = policy.xDim();
        int size = batch.size();
        int n = size * pairs;
        NDArray v = policy.velocity(mb, batch.inputs(), n);
        NDArray err;
        if (eps) {
            NDArray xTau = Tensors.create(mb, batch.xTau(), new Shape(n, d));
            NDArray e = Tensors.create(mb, batch.eps(), new Shape(n, d));
            NDArray tau = Tensors.create(mb, batch.tau(), new Shape(n, 1));
            err = xTau.sub(tau.mul(v)).sub(e);
        } else {
            err = v.sub(Tensors.create(mb, batch.target(), new Shape(n, d)));
        }
        NDArray newLoss = err.square().mean(new int[] {-1}).reshape(size, pairs);
        NDArray old = Tensors.create(mb, batch.oldLoss(), new Shape(size, pairs));
        NDArray logRatio = fcfg.fpoRatio() == FlowPolicyConfig.FpoRatio.MEAN
                ? old.mean(new int[] {1}).sub(newLoss.mean(new int[] {1}))
                : Ops.clip(old.sub(newLoss), -fcfg.fpoLogRatioClip(), fcfg.fpoLogRatioClip());
        return new PolicyTerms(
                logRatio,
                null,
                null,
                () -> String.format(
                        "max |log-ratio| %.3g, max CFM loss %.3g",
                        logRatio.abs().max().getFloat(), newLoss.max().getFloat()));
    }
}
