package org.gorlj.algo.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.gorlj.onpolicy.Rollout;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gorlj.nn.Adam;
import org.gorlj.nn.Ops;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.policy.Gaussian;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.policy.ValueFunction;
import org.gorlj.util.Rng;

/**
 * The learning half of PPO: a Gaussian policy over x, a critic, one Adam over both, and the
 * clipped-surrogate update over a {@link Rollout}. It knows nothing of environments or of what
 * x means, which is why GoRL reuses it unchanged for its latent policy.
 */
public final class PpoLearner implements AutoCloseable {
    private final PpoConfig cfg;
    private final ParamStore actorStore;
    private final ParamStore criticStore;
    private final GaussianPolicy policy;
    private final ValueFunction critic;
    private final Adam adam;
    private final Function<GaussianPolicy.Dist, NDArray> extraLoss;

    /** Statistics of one update, averaged over its minibatches. */
    public record Stats(double policyLoss, double valueLoss, double entropy, double approxKl, double clipFraction,
                        double gradNorm, double extraLoss) {}

    /**
     * Builds fresh networks.
     *
     * @param extraLoss optional additional loss on the policy's distribution (e.g. GoRL's latent
     *     regulariser); may be null
     */
    public PpoLearner(PpoConfig cfg, int obsDim, int xDim, Rng initRng, Function<GaussianPolicy.Dist, NDArray> extraLoss) {
        this.cfg = cfg;
        this.extraLoss = extraLoss;
        this.actorStore = new ParamStore();
        this.criticStore = new ParamStore();
        this.policy = new GaussianPolicy(actorStore, "actor", obsDim, xDim, cfg.actorHidden(), cfg.activation(),
                cfg.init(), Math.sqrt(2), 0.01, cfg.stateDependentStd(), cfg.initLogStd(), cfg.minStd(), initRng);
        this.critic = new ValueFunction(criticStore, "critic", obsDim, cfg.criticHidden(), cfg.activation(), cfg.init(),
                Math.sqrt(2), 1.0, initRng);
        this.adam = new Adam(List.of(actorStore, criticStore), 0.9, 0.999, cfg.adamEps());
    }

    public GaussianPolicy policy() {
        return policy;
    }

    public ValueFunction critic() {
        return critic;
    }

    public ParamStore actorStore() {
        return actorStore;
    }

    public ParamStore criticStore() {
        return criticStore;
    }

    public Adam optimizer() {
        return adam;
    }

    /** Runs {@code update_epochs} passes of minibatch updates over the rollout (advantages must be computed). */
    public Stats update(Rollout r, double lr, Rng rng) {
        int n = r.size();
        int mbSize = n / cfg.minibatches();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double pl = 0, vl = 0, ent = 0, kl = 0, cf = 0, gn = 0, ex = 0;
        int count = 0;
        float[] mbObs = new float[mbSize * r.obsDim];
        float[] mbX = new float[mbSize * r.xDim];
        float[] mbLogp = new float[mbSize];
        float[] mbAdv = new float[mbSize];
        float[] mbRet = new float[mbSize];
        float[] mbVal = new float[mbSize];
        float[] mbMask = new float[mbSize];
        float[] noise = new float[mbSize * r.xDim];
        boolean squashedEntropy = cfg.entropyMode().equals("squashed");
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            rng.shuffle(order);
            for (int start = 0; start + mbSize <= n; start += mbSize) {
                for (int b = 0; b < mbSize; b++) {
                    int k = order[start + b];
                    System.arraycopy(r.obs, k * r.obsDim, mbObs, b * r.obsDim, r.obsDim);
                    System.arraycopy(r.x, k * r.xDim, mbX, b * r.xDim, r.xDim);
                    mbLogp[b] = r.logProb[k];
                    mbAdv[b] = r.advantages[k];
                    mbRet[b] = r.returns[k];
                    mbVal[b] = r.values[k];
                    mbMask[b] = cfg.maskTruncatedValueLoss() && r.truncated[k] ? 0f : 1f;
                }
                if (cfg.normAdv()) {
                    normalize(mbAdv);
                }
                if (squashedEntropy) {
                    rng.fillGaussian(noise);
                }
                try (NDManager mb = actorStore.manager().newSubManager()) {
                    NDArray obs = Tensors.create(mb, mbObs, new Shape(mbSize, r.obsDim));
                    NDArray x = Tensors.create(mb, mbX, new Shape(mbSize, r.xDim));
                    NDArray oldLogp = Tensors.create(mb, mbLogp);
                    NDArray adv = Tensors.create(mb, mbAdv);
                    NDArray ret = Tensors.create(mb, mbRet);
                    NDArray oldV = Tensors.create(mb, mbVal);
                    NDArray mask = Tensors.create(mb, mbMask);
                    NDArray eps = squashedEntropy ? Tensors.create(mb, noise, new Shape(mbSize, r.xDim)) : null;
                    double[] s;
                    java.util.function.Supplier<String> diagnostic;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        GaussianPolicy.Dist dist = policy.forward(obs);
                        NDArray newLogp = Gaussian.logProb(x, dist.mean(), dist.std());
                        NDArray logRatio = newLogp.sub(oldLogp);
                        NDArray ratio = logRatio.exp();
                        NDArray pg1 = adv.neg().mul(ratio);
                        NDArray pg2 = adv.neg().mul(Ops.clip(ratio, 1 - cfg.clipCoef(), 1 + cfg.clipCoef()));
                        NDArray pgLoss = pg1.maximum(pg2).mean();
                        NDArray v = critic.forward(obs);
                        NDArray vErr = v.sub(ret).square();
                        if (cfg.clipValueLoss()) {
                            NDArray vClipped = oldV.add(Ops.clip(v.sub(oldV), -cfg.clipCoef(), cfg.clipCoef()));
                            vErr = vErr.maximum(vClipped.sub(ret).square());
                        }
                        NDArray vLoss = Ops.mul(vErr.mul(mask).sum(), 0.5 / Math.max(1f, sum(mbMask)));
                        NDArray entropy = squashedEntropy
                                ? Gaussian.tanhEntropyEstimate(dist.mean(), dist.std(), eps).mean()
                                : Gaussian.entropy(dist.std()).mean();
                        NDArray loss = pgLoss.sub(Ops.mul(entropy, cfg.entCoef())).add(Ops.mul(vLoss, cfg.vfCoef()));
                        NDArray extra = extraLoss == null ? null : extraLoss.apply(dist);
                        if (extra != null) {
                            loss = loss.add(extra);
                        }
                        NDArray approxKl = Ops.sub(ratio, 1).sub(logRatio).mean();
                        NDArray clipped = Ops.sub(ratio, 1).abs().gt(Ops.constant(ratio, cfg.clipCoef())).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean();
                        NDArray parts = NDArrays.stack(new NDList(loss, pgLoss, vLoss, entropy, approxKl, clipped,
                                extra == null ? Ops.constant(loss, 0) : extra));
                        float[] values = parts.toFloatArray();
                        s = new double[] {values[1], values[2], values[3], values[4], values[5], values[6]};
                        diagnostic = () -> String.format("max log-ratio %.3g, min std %.3g, max |x - mean| %.3g",
                                logRatio.max().getFloat(), dist.std().min().getFloat(),
                                x.sub(dist.mean()).abs().max().getFloat());
                        if (!Float.isFinite(values[0])) {
                            throw new Adam.NonFiniteException("PPO loss is " + values[0] + " (policy " + values[1]
                                    + ", value " + values[2] + ", entropy " + values[3] + "; " + diagnostic.get() + ")");
                        }
                        gc.backward(loss);
                    }
                    try {
                        gn += adam.step(lr, cfg.maxGradNorm());
                    } catch (Adam.NonFiniteException e) {
                        throw new Adam.NonFiniteException(e.getMessage() + " in PPO update (epoch " + epoch + "; " + diagnostic.get() + ")");
                    }
                    pl += s[0];
                    vl += s[1];
                    ent += s[2];
                    kl += s[3];
                    cf += s[4];
                    ex += s[5];
                    count++;
                }
            }
        }
        return new Stats(pl / count, vl / count, ent / count, kl / count, cf / count, gn / count, ex / count);
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    private static void normalize(float[] a) {
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        double std = a.length > 1 ? Math.sqrt(var / (a.length - 1)) : 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((a[i] - mean) / (std + 1e-8));
        }
    }

    /** Parameters and optimiser state by name, for a checkpoint. */
    public void exportTo(Map<String, float[]> out) {
        out.putAll(actorStore.export());
        out.putAll(criticStore.export());
        adam.export().forEach((k, v) -> out.put("adam." + k, v));
    }

    /** Restores what {@link #exportTo} wrote (the Adam step count is restored separately). */
    public void importFrom(Map<String, float[]> in) {
        actorStore.load(subset(in, actorStore.names()));
        criticStore.load(subset(in, criticStore.names()));
        Map<String, float[]> opt = new java.util.LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k.startsWith("adam.")) {
                opt.put(k.substring(5), v);
            }
        });
        adam.load(opt);
    }

    private static Map<String, float[]> subset(Map<String, float[]> in, List<String> names) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        for (String n : names) {
            float[] v = in.get(n);
            if (v == null) {
                throw new IllegalArgumentException("checkpoint lacks parameter " + n);
            }
            out.put(n, v);
        }
        return out;
    }

    @Override
    public void close() {
        actorStore.close();
        criticStore.close();
    }
}
