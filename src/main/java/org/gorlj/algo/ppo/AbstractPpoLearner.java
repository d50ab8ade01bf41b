package org.gorlj.algo.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gorlj.algo.Means;
import org.gorlj.nn.Adam;
import org.gorlj.nn.Ops;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.policy.ValueFunction;
import org.gorlj.run.DivergenceException;
import org.gorlj.util.Rng;

/**
 * The policy-agnostic half of a PPO learner: a critic, one Adam over the actor's and the critic's
 * parameters, and the clipped-surrogate update over a {@link Rollout}. What the policy contributes
 * to a minibatch (the log-ratio of new to old policy, an entropy, an extra loss) comes from the
 * subclass: {@link PpoLearner} for a Gaussian policy, the flow policies of FPO and DPPO for theirs.
 *
 * <p>The log-ratio may have shape {@code [batch]} or {@code [batch, k]}; in the second case the
 * clipped surrogate is taken per column (each with the transition's advantage) and averaged, which
 * is how FPO's per-sample ratio and DPPO's per-denoising-step ratio enter PPO.
 *
 * @param <B> the policy's data of one minibatch ({@link #prepareMinibatch}), from which
 *     {@link #policyTerms} builds its loss terms
 */
public abstract class AbstractPpoLearner<B> implements AutoCloseable {
    protected final PpoConfig cfg;
    private final ParamStore actorStore;
    private final ParamStore criticStore;
    private final ValueFunction critic;
    private final Adam adam;
    /** The plain-Java step ({@code learner=java}), or null for the tensor step. */
    private final JavaPpoStep<B> javaStep;

    /** Adam's first-moment decay. */
    static final double ADAM_BETA1 = 0.9;
    /** Adam's second-moment decay. */
    static final double ADAM_BETA2 = 0.999;

    /** Name of the mean policy loss in {@link Stats}; also a metric column. */
    public static final String POLICY_LOSS = "policy_loss";
    /** Name of the mean value loss. */
    public static final String VALUE_LOSS = "value_loss";
    /** Name of the mean entropy (only for a policy with an entropy term). */
    public static final String ENTROPY = "entropy";
    /** Name of the mean approximate KL, mean(ratio - 1 - log ratio) (CleanRL's {@code approx_kl}). */
    public static final String APPROX_KL = "approx_kl";
    /** Name of the mean fraction of ratios outside the clip range. */
    public static final String CLIP_FRACTION = "clip_frac";
    /** Name of the mean global gradient norm before clipping. */
    public static final String GRAD_NORM = "grad_norm";
    /** Name of the mean extra loss (only for a policy with one); not a PPO metric column. */
    public static final String EXTRA_LOSS = "extra_loss";

    /**
     * Statistics of one update: the means over its minibatches, by name ({@link #POLICY_LOSS} ..
     * {@link #GRAD_NORM}, {@link #ENTROPY} and {@link #EXTRA_LOSS} when the policy has them).
     *
     * @param epochs the passes over the rollout made (fewer than {@code update_epochs} after a
     *     {@code target_kl} early stop)
     */
    public record Stats(Means means, int epochs) {
        /** PPO's metric cells: every mean but the extra loss's. */
        public Map<String, Object> row() {
            Map<String, Object> row = means.row();
            row.remove(EXTRA_LOSS);
            return row;
        }

        /** The mean of the statistic {@code name}. */
        public double mean(String name) {
            return means.mean(name);
        }

        /** The mean extra loss, 0 for a policy without one (GoRL reports its latent regulariser from it). */
        public double extraLoss() {
            return means.contains(EXTRA_LOSS) ? means.mean(EXTRA_LOSS) : 0;
        }
    }

    /**
     * What the policy contributes to one minibatch's loss, built under the gradient collector.
     *
     * @param logRatio log(new / old) probability, {@code [batch]} or {@code [batch, k]}
     * @param entropy mean entropy (scalar) for the bonus, or null for none
     * @param extra an additional loss (scalar) added as is, or null
     * @param diagnostic text describing the minibatch when a loss is not finite
     */
    public record PolicyTerms(NDArray logRatio, NDArray entropy, NDArray extra, Supplier<String> diagnostic) {}

    /**
     * Builds the critic (after the actor, which the subclass has already put into {@code actorStore}
     * from the same {@code initRng}), the optimiser and, with {@code learner=java}, the plain-Java step
     * over the policy's {@code javaTerms}.
     */
    protected AbstractPpoLearner(
            PpoConfig cfg, int obsDim, ParamStore actorStore, Rng initRng, JavaPolicyTerms<B> javaTerms) {
        this.cfg = cfg;
        this.actorStore = actorStore;
        this.criticStore = new ParamStore();
        this.critic = new ValueFunction(
                criticStore,
                "critic",
                obsDim,
                cfg.criticHidden(),
                cfg.activation(),
                cfg.init(),
                Math.sqrt(2),
                1.0,
                initRng);
        this.adam = new Adam(List.of(actorStore, criticStore), ADAM_BETA1, ADAM_BETA2, cfg.adamEps());
        this.javaStep = cfg.learner() == PpoConfig.Learner.JAVA
                ? new JavaPpoStep<>(cfg, obsDim, actorStore, criticStore, adam, ADAM_BETA1, ADAM_BETA2, javaTerms)
                : null;
    }

    /** The plain-Java step, or null with {@code learner=torch}. */
    JavaPpoStep<B> javaStep() {
        return javaStep;
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

    /**
     * Called for each minibatch before any tensor is made, with its rollout indices
     * {@code order[start .. start + size)}: gathers the policy's own per-transition data and draws
     * any noise the minibatch needs (from {@code rng}, in a fixed order).
     */
    protected abstract B prepareMinibatch(Rollout r, int[] order, int start, int size, Rng rng);

    /** The policy's terms for a minibatch of {@code obs} and its prepared data; tensors go into {@code mb}. */
    protected abstract PolicyTerms policyTerms(NDManager mb, NDArray obs, B batch);

    /**
     * Floats per transition the policy records at collection time into {@link Rollout#policyData}
     * (what its ratio needs beyond the sample and its log-probability); 0 by default.
     */
    public int rolloutDataWidth() {
        return 0;
    }

    /** Name of the update in error messages. */
    protected String name() {
        return "PPO";
    }

    /**
     * The current policy's ratios to the collecting policy (exp of {@link PolicyTerms#logRatio}, bounded
     * by {@link #LOG_RATIO_LIMIT}) for
     * the transitions {@code indices} of a rollout, without any update: {@code indices.length} rows
     * of {@code k} values each (k = 1 for a per-transition ratio).
     */
    public float[][] ratios(Rollout r, int[] indices) {
        int size = indices.length;
        float[] obsRows = new float[size * r.obsDim];
        for (int b = 0; b < size; b++) {
            System.arraycopy(r.obs, indices[b] * r.obsDim, obsRows, b * r.obsDim, r.obsDim);
        }
        B batch = prepareMinibatch(r, indices, 0, size, new Rng(0));
        try (NDManager mb = actorStore.manager().newSubManager()) {
            NDArray logRatio =
                    boundedLogRatio(policyTerms(mb, Tensors.create(mb, obsRows, new Shape(size, r.obsDim)), batch));
            int k = logRatio.getShape().dimension() == 2
                    ? (int) logRatio.getShape().get(1)
                    : 1;
            float[] flat = logRatio.exp().toFloatArray();
            float[][] out = new float[size][k];
            for (int b = 0; b < size; b++) {
                System.arraycopy(flat, b * k, out[b], 0, k);
            }
            return out;
        }
    }

    /**
     * Largest |log-ratio| the surrogate exponentiates. exp overflows float32 above 88.7, and one
     * infinite ratio with a negative advantage makes the loss infinite and every gradient NaN (seen:
     * FPO on dmc/hopper-stand, whose CFM-loss differences grew past 100 as it diverged). e^20 ~ 5e8 is
     * far outside any trust region, so a healthy run never reaches the bound and its numbers are
     * unchanged; a ratio held at the bound passes no gradient, so such a transition stops steering
     * the update instead of overwhelming it.
     */
    public static final double LOG_RATIO_LIMIT = 20;

    private static NDArray boundedLogRatio(PolicyTerms terms) {
        return Ops.clip(terms.logRatio(), -LOG_RATIO_LIMIT, LOG_RATIO_LIMIT);
    }

    /**
     * Runs {@code update_epochs} passes of minibatch updates over the rollout (advantages must be
     * computed), or fewer with {@code target_kl}: as CleanRL, the update ends after an epoch whose
     * last minibatch had an approximate KL above it. With {@code learner=java}, the steps run in plain
     * Java on copies of the parameters and Adam's state, taken before the update and written back after it.
     */
    public Stats update(Rollout r, double lr, Rng rng) {
        if (javaStep == null) {
            return epochs(r, lr, rng);
        }
        javaStep.pull();
        try {
            return epochs(r, lr, rng);
        } finally {
            javaStep.push();
        }
    }

    private Stats epochs(Rollout r, double lr, Rng rng) {
        int n = r.size();
        int mbSize = n / cfg.minibatches();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Means means = new Means();
        float[] mbObs = new float[mbSize * r.obsDim];
        float[] mbAdv = new float[mbSize];
        float[] mbRet = new float[mbSize];
        float[] mbVal = new float[mbSize];
        float[] mbMask = new float[mbSize];
        int epoch = 0;
        boolean klExceeded = false;
        while (epoch < cfg.epochs() && !klExceeded) {
            rng.shuffle(order);
            for (int start = 0; start + mbSize <= n; start += mbSize) {
                for (int b = 0; b < mbSize; b++) {
                    int k = order[start + b];
                    System.arraycopy(r.obs, k * r.obsDim, mbObs, b * r.obsDim, r.obsDim);
                    mbAdv[b] = r.advantages[k];
                    mbRet[b] = r.returns[k];
                    mbVal[b] = r.values[k];
                    mbMask[b] = cfg.maskTruncatedValueLoss() && r.truncated[k] ? 0f : 1f;
                }
                if (cfg.normAdv()) {
                    normalize(mbAdv);
                }
                B batch = prepareMinibatch(r, order, start, mbSize, rng);
                MinibatchStats stats = step(mbObs, mbSize, r.obsDim, batch, mbAdv, mbRet, mbVal, mbMask, lr, epoch);
                stats.addTo(means);
                // CleanRL's target_kl: the KL of the epoch's last minibatch decides after the epoch
                klExceeded = cfg.earlyStop() && stats.approxKl() > cfg.targetKl();
            }
            epoch++;
        }
        return new Stats(means, epoch);
    }

    /**
     * One gradient step on a minibatch of {@code size} transitions: the loss's gradient with respect to
     * the actor's and the critic's parameters, then an Adam step over both.
     *
     * @param obs the observations, {@code size * obsDim}
     * @param adv the advantages (normalised when {@code norm_adv})
     * @param ret the returns
     * @param oldValues the values at collection time
     * @param mask 1 for a transition in the value loss, 0 for one left out
     * @param epoch the epoch, for error messages
     * @return the minibatch's statistics
     */
    private MinibatchStats step(
            float[] obs,
            int size,
            int obsDim,
            B batch,
            float[] adv,
            float[] ret,
            float[] oldValues,
            float[] mask,
            double lr,
            int epoch) {
        if (javaStep != null) {
            return javaStep.step(this, obs, size, batch, adv, ret, oldValues, mask, lr, epoch);
        }
        try (NDManager mb = actorStore.manager().newSubManager()) {
            NDArray obsTensor = Tensors.create(mb, obs, new Shape(size, obsDim));
            Losses losses;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                losses = losses(mb, obsTensor, batch, adv, ret, oldValues, mask);
                if (!Float.isFinite(losses.total())) {
                    throw lossNotFinite(
                            losses.total(),
                            losses.policy(),
                            losses.value(),
                            losses.entropy(),
                            losses.diagnostic().get());
                }
                gc.backward(losses.loss());
            }
            double gradNorm;
            try {
                gradNorm = adam.step(lr, cfg.maxGradNorm());
            } catch (DivergenceException e) {
                throw inUpdate(e, epoch, losses.diagnostic().get());
            }
            return losses.stats(gradNorm);
        }
    }

    /** The error for a minibatch whose loss is not finite. */
    protected DivergenceException lossNotFinite(
            float total, float policy, float value, float entropy, String diagnostic) {
        return new DivergenceException(name() + " loss is " + total + " (policy " + policy + ", value " + value
                + ", entropy " + entropy + "; " + diagnostic + ")");
    }

    /** The optimiser's error {@code e} (a non-finite gradient norm) with where in the update it happened. */
    protected DivergenceException inUpdate(DivergenceException e, int epoch, String diagnostic) {
        return new DivergenceException(
                e.getMessage() + " in " + name() + " update (epoch " + epoch + "; " + diagnostic + ")");
    }

    /**
     * The statistics of one minibatch's step.
     *
     * @param entropy the mean entropy, when {@code hasEntropy}
     * @param extra the extra loss, when {@code hasExtra}
     * @param gradNorm the global gradient norm before clipping
     */
    protected record MinibatchStats(
            float policy,
            float value,
            float entropy,
            float approxKl,
            float clipFraction,
            float extra,
            boolean hasEntropy,
            boolean hasExtra,
            double gradNorm) {
        void addTo(Means means) {
            means.add(POLICY_LOSS, policy);
            means.add(VALUE_LOSS, value);
            if (hasEntropy) {
                means.add(ENTROPY, entropy);
            }
            means.add(APPROX_KL, approxKl);
            means.add(CLIP_FRACTION, clipFraction);
            means.add(GRAD_NORM, gradNorm);
            if (hasExtra) {
                means.add(EXTRA_LOSS, extra);
            }
        }
    }

    /**
     * One minibatch's loss (the tensor to differentiate) and its statistics as floats.
     *
     * @param hasEntropy whether the policy has an entropy term
     * @param hasExtra whether the policy has an extra loss
     */
    record Losses(
            NDArray loss,
            float total,
            float policy,
            float value,
            float entropy,
            float approxKl,
            float clipFraction,
            float extra,
            boolean hasEntropy,
            boolean hasExtra,
            Supplier<String> diagnostic) {
        MinibatchStats stats(double gradNorm) {
            return new MinibatchStats(
                    policy, value, entropy, approxKl, clipFraction, extra, hasEntropy, hasExtra, gradNorm);
        }
    }

    /**
     * The clipped-surrogate loss of one minibatch (under the gradient collector): policy loss, minus
     * {@code ent_coef} times the entropy, plus {@code vf_coef} times the (optionally clipped, optionally
     * truncation-masked) value loss, plus the policy's extra loss.
     */
    Losses losses(NDManager mb, NDArray obs, B batch, float[] mbAdv, float[] mbRet, float[] mbVal, float[] mbMask) {
        NDArray adv = Tensors.create(mb, mbAdv);
        NDArray ret = Tensors.create(mb, mbRet);
        NDArray oldV = Tensors.create(mb, mbVal);
        NDArray mask = Tensors.create(mb, mbMask);
        PolicyTerms terms = policyTerms(mb, obs, batch);
        NDArray logRatio = boundedLogRatio(terms);
        NDArray ratio = logRatio.exp();
        NDArray a = logRatio.getShape().dimension() == 2 ? adv.expandDims(1) : adv;
        NDArray pg1 = a.neg().mul(ratio);
        NDArray pg2 = a.neg().mul(Ops.clip(ratio, 1 - cfg.clipCoef(), 1 + cfg.clipCoef()));
        NDArray pgLoss = pg1.maximum(pg2).mean();
        NDArray v = critic.forward(obs);
        NDArray vErr = v.sub(ret).square();
        if (cfg.clipValueLoss()) {
            NDArray vClipped = oldV.add(Ops.clip(v.sub(oldV), -cfg.clipCoef(), cfg.clipCoef()));
            vErr = vErr.maximum(vClipped.sub(ret).square());
        }
        NDArray vLoss = Ops.mul(vErr.mul(mask).sum(), 0.5 / Math.max(1f, sum(mbMask)));
        NDArray entropy = terms.entropy();
        NDArray loss = entropy == null ? pgLoss : pgLoss.sub(Ops.mul(entropy, cfg.entCoef()));
        loss = loss.add(Ops.mul(vLoss, cfg.vfCoef()));
        NDArray extra = terms.extra();
        if (extra != null) {
            loss = loss.add(extra);
        }
        NDArray approxKl = Ops.sub(ratio, 1).sub(logRatio).mean();
        NDArray clipped = Ops.sub(ratio, 1)
                .abs()
                .gt(Ops.constant(ratio, cfg.clipCoef()))
                .toType(DataType.FLOAT32, false)
                .mean();
        NDArray zero = Ops.constant(loss, 0);
        float[] values = NDArrays.stack(new NDList(
                        loss,
                        pgLoss,
                        vLoss,
                        entropy == null ? zero : entropy,
                        approxKl,
                        clipped,
                        extra == null ? zero : extra))
                .toFloatArray();
        return new Losses(
                loss,
                values[0],
                values[1],
                values[2],
                values[3],
                values[4],
                values[5],
                values[6],
                entropy != null,
                extra != null,
                terms.diagnostic());
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
        Map<String, float[]> opt = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k.startsWith("adam.")) {
                opt.put(k.substring(5), v);
            }
        });
        adam.load(opt);
    }

    private static Map<String, float[]> subset(Map<String, float[]> in, List<String> names) {
        Map<String, float[]> out = new LinkedHashMap<>();
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
