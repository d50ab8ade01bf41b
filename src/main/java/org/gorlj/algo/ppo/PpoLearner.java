package org.gorlj.algo.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.policy.Gaussian;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.util.Rng;

/**
 * The learning half of Gaussian PPO: a Gaussian policy over x, a critic, one Adam over both, and the
 * clipped-surrogate update over a {@link Rollout} ({@link AbstractPpoLearner}). It knows nothing of
 * environments or of what x means, which is why GoRL reuses it unchanged for its latent policy.
 */
public final class PpoLearner extends AbstractPpoLearner<PpoLearner.Minibatch> {
    private final GaussianPolicy policy;
    private final PolicyRegulariser regulariser;
    private final boolean squashedEntropy;

    /**
     * The policy's data of one minibatch of {@code size} transitions.
     *
     * @param x the stored samples, size * xDim
     * @param oldLogProb their log-probabilities under the collecting policy
     * @param noise standard normal draws for the squashed entropy estimate (empty without it)
     */
    protected record Minibatch(int size, float[] x, float[] oldLogProb, float[] noise) {}

    /**
     * Builds fresh networks (the policy first, then the critic, from {@code initRng}).
     *
     * @param regulariser optional additional loss on the policy's distribution (GoRL's latent
     *     regulariser); may be null
     */
    public PpoLearner(PpoConfig cfg, int obsDim, int xDim, Rng initRng, PolicyRegulariser regulariser) {
        ParamStore actor = new ParamStore();
        GaussianPolicy pol = new GaussianPolicy(
                actor,
                "actor",
                obsDim,
                xDim,
                cfg.actorHidden(),
                cfg.activation(),
                cfg.init(),
                Math.sqrt(2),
                0.01,
                cfg.stateDependentStd(),
                cfg.initLogStd(),
                cfg.minStd(),
                initRng);
        super(cfg, obsDim, actor, initRng, new JavaGaussianTerms(cfg, obsDim, xDim, regulariser));
        this.policy = pol;
        this.regulariser = regulariser;
        this.squashedEntropy = cfg.entropy() == PpoConfig.EntropyMode.SQUASHED;
    }

    public GaussianPolicy policy() {
        return policy;
    }

    @Override
    protected Minibatch prepareMinibatch(Rollout r, int[] order, int start, int size, Rng rng) {
        float[] x = new float[size * r.xDim];
        float[] oldLogProb = new float[size];
        for (int b = 0; b < size; b++) {
            int k = order[start + b];
            System.arraycopy(r.x, k * r.xDim, x, b * r.xDim, r.xDim);
            oldLogProb[b] = r.logProb[k];
        }
        float[] noise = new float[squashedEntropy ? size * r.xDim : 0];
        rng.fillGaussian(noise);
        return new Minibatch(size, x, oldLogProb, noise);
    }

    @Override
    protected PolicyTerms policyTerms(NDManager mb, NDArray obs, Minibatch batch) {
        int xDim = policy.dim();
        NDArray x = Tensors.create(mb, batch.x(), new Shape(batch.size(), xDim));
        NDArray oldLogp = Tensors.create(mb, batch.oldLogProb());
        GaussianPolicy.Dist dist = policy.forward(obs);
        NDArray newLogp = Gaussian.logProb(x, dist.mean(), dist.std());
        NDArray logRatio = newLogp.sub(oldLogp);
        NDArray entropy = squashedEntropy
                ? Gaussian.tanhEntropyEstimate(
                                dist.mean(),
                                dist.std(),
                                Tensors.create(mb, batch.noise(), new Shape(batch.size(), xDim)))
                        .mean()
                : Gaussian.entropy(dist.std()).mean();
        NDArray extra = regulariser != null && regulariser.active() ? regulariser.loss(dist) : null;
        return new PolicyTerms(
                logRatio,
                entropy,
                extra,
                () -> String.format(
                        "max log-ratio %.3g, min std %.3g, max |x - mean| %.3g",
                        logRatio.max().getFloat(),
                        dist.std().min().getFloat(),
                        x.sub(dist.mean()).abs().max().getFloat()));
    }
}
