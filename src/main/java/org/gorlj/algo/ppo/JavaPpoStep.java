package org.gorlj.algo.ppo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.nn.Adam;
import org.gorlj.nn.JavaAdam;
import org.gorlj.nn.JavaMlp;
import org.gorlj.nn.ParamStore;
import org.gorlj.run.DivergenceException;

/**
 * PPO's minibatch step in plain Java ({@code learner=java}): the loss of {@link AbstractPpoLearner}
 * (clipped surrogate over the log-ratios a {@link JavaPolicyTerms} supplies, of shape {@code [batch]}
 * or {@code [batch, k]}, the policy's own terms, and the optionally clipped and masked value loss)
 * with its gradient written out by hand, backpropagated through the policy and a {@link JavaMlp}
 * critic, and a {@link JavaAdam} step over the actor's and the critic's parameters together. For the
 * small networks of these learners this replaces the per-operation overhead of a hundred or so native
 * tensor operations, a backward pass and a fused optimiser per step by a few loops over arrays in the
 * cache.
 *
 * <p>The parameters and the Adam state stay owned by the learner's {@link ParamStore}s and its
 * {@link Adam}: {@link #pull} copies them in before an update and {@link #push} copies them back after
 * it, so snapshots, checkpoints and everything else that reads the stores see the same state as with
 * the tensor learner. The gradients follow autograd's conventions at the kinks (a clip passes the
 * gradient on its closed interval, a maximum of two equal values splits it in halves).
 *
 * @param <B> the policy's data of one minibatch
 */
final class JavaPpoStep<B> {
    private final PpoConfig cfg;
    private final ParamStore actorStore;
    private final ParamStore criticStore;
    private final Adam adam;
    private final JavaPolicyTerms<B> policy;
    private final JavaMlp critic;
    private final int criticOffset;
    /** The parameters of both networks: the policy's, then the critic's. */
    private final float[] params;

    private final float[] grads;
    private final JavaAdam javaAdam;
    /** Parameter names in the order of {@link #params}, with their offsets and sizes. */
    private final List<String> names;

    private final int[] offsets;
    private final int[] sizes;

    private double[] logRatio = new double[0];
    /** The loss's gradient with respect to each log-ratio. */
    private double[] dLogRatio = new double[0];

    private float[] dValue = new float[0];

    JavaPpoStep(
            PpoConfig cfg,
            int obsDim,
            ParamStore actorStore,
            ParamStore criticStore,
            Adam adam,
            double adamBeta1,
            double adamBeta2,
            JavaPolicyTerms<B> policy) {
        this.cfg = cfg;
        this.actorStore = actorStore;
        this.criticStore = criticStore;
        this.adam = adam;
        this.policy = policy;
        this.critic = new JavaMlp(obsDim, cfg.criticHidden(), 1, cfg.activation());
        this.criticOffset = policy.parameterCount();
        int total = criticOffset + critic.parameterCount();
        this.params = new float[total];
        this.grads = new float[total];
        this.javaAdam = new JavaAdam(total, adamBeta1, adamBeta2, cfg.adamEps());
        Map<String, float[]> values = new LinkedHashMap<>(actorStore.export());
        int actorCount = values.values().stream().mapToInt(v -> v.length).sum();
        values.putAll(criticStore.export());
        this.names = List.copyOf(values.keySet());
        this.offsets = new int[names.size()];
        this.sizes = new int[names.size()];
        int at = 0;
        int i = 0;
        for (float[] v : values.values()) {
            offsets[i] = at;
            sizes[i] = v.length;
            at += v.length;
            i++;
        }
        if (at != total || actorCount != criticOffset) {
            throw new IllegalStateException("the stores hold " + actorCount + " + " + (at - actorCount)
                    + " parameters, the plain-Java networks " + criticOffset + " + " + critic.parameterCount());
        }
    }

    /** Copies the parameters, Adam's moments and its step count in from the learner's stores and optimiser. */
    void pull() {
        Map<String, float[]> values = new LinkedHashMap<>(actorStore.export());
        values.putAll(criticStore.export());
        Map<String, float[]> moments = adam.export();
        float[] m = javaAdam.firstMoments();
        float[] v = javaAdam.secondMoments();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            System.arraycopy(values.get(n), 0, params, offsets[i], sizes[i]);
            System.arraycopy(moments.get(n + ".m"), 0, m, offsets[i], sizes[i]);
            System.arraycopy(moments.get(n + ".v"), 0, v, offsets[i], sizes[i]);
        }
        javaAdam.setSteps(adam.steps());
    }

    /** Copies the parameters, moments and step count back out (the inverse of {@link #pull}). */
    void push() {
        Map<String, float[]> actorValues = new LinkedHashMap<>();
        Map<String, float[]> criticValues = new LinkedHashMap<>();
        Map<String, float[]> moments = new LinkedHashMap<>();
        float[] m = javaAdam.firstMoments();
        float[] v = javaAdam.secondMoments();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            int from = offsets[i];
            int to = from + sizes[i];
            (from < criticOffset ? actorValues : criticValues).put(n, java.util.Arrays.copyOfRange(params, from, to));
            moments.put(n + ".m", java.util.Arrays.copyOfRange(m, from, to));
            moments.put(n + ".v", java.util.Arrays.copyOfRange(v, from, to));
        }
        actorStore.load(actorValues);
        criticStore.load(criticValues);
        adam.load(moments);
        adam.setSteps(javaAdam.steps());
    }

    /**
     * One gradient step on a minibatch (the arguments of the tensor step of {@link AbstractPpoLearner}); the
     * exceptions are the learner's, with the same messages as the tensor step's.
     */
    AbstractPpoLearner.MinibatchStats step(
            AbstractPpoLearner<?> learner,
            float[] obs,
            int size,
            B batch,
            float[] adv,
            float[] ret,
            float[] oldValues,
            float[] mask,
            double lr,
            int epoch) {
        Losses l = gradients(obs, size, batch, adv, ret, oldValues, mask);
        if (!Float.isFinite(l.total())) {
            throw learner.lossNotFinite(
                    l.total(),
                    l.policy(),
                    l.value(),
                    l.entropy(),
                    l.diagnostic().get());
        }
        double gradNorm;
        try {
            gradNorm = javaAdam.step(params, grads, lr, cfg.maxGradNorm());
        } catch (DivergenceException e) {
            throw learner.inUpdate(e, epoch, l.diagnostic().get());
        }
        return new AbstractPpoLearner.MinibatchStats(
                l.policy(),
                l.value(),
                l.entropy(),
                l.approxKl(),
                l.clipFraction(),
                l.extra(),
                l.hasEntropy(),
                l.hasExtra(),
                gradNorm);
    }

    /** A minibatch's loss, its parts and statistics (the gradient is in {@link #gradients()}). */
    record Losses(
            float total,
            float policy,
            float value,
            float entropy,
            float approxKl,
            float clipFraction,
            float extra,
            boolean hasEntropy,
            boolean hasExtra,
            java.util.function.Supplier<String> diagnostic) {}

    /** The parameters of both networks (the live array; see the field's layout). */
    float[] parameters() {
        return params;
    }

    /** The gradient of the last {@link #gradients(float[], int, Object, float[], float[], float[], float[])} (live). */
    float[] gradients() {
        return grads;
    }

    /** Parameter names in the order of {@link #parameters()}, with {@link #offset} giving where each starts. */
    List<String> names() {
        return names;
    }

    /** Where parameter {@code i} of {@link #names()} starts. */
    int offset(int i) {
        return offsets[i];
    }

    /** The loss of a minibatch at the current parameters, its gradient written into {@link #gradients()}. */
    Losses gradients(float[] obs, int size, B batch, float[] adv, float[] ret, float[] oldValues, float[] mask) {
        int columns = policy.columns();
        int n = size * columns;
        if (logRatio.length != n) {
            logRatio = new double[n];
            dLogRatio = new double[n];
        }
        if (dValue.length != size) {
            dValue = new float[size];
        }
        java.util.Arrays.fill(grads, 0f);
        policy.forward(params, obs, size, batch, logRatio);
        double clip = cfg.clipCoef();
        double limit = AbstractPpoLearner.LOG_RATIO_LIMIT;
        double pgSum = 0;
        double klSum = 0;
        int clipped = 0;
        // the surrogate is the mean over all n log-ratios, each with its transition's advantage
        for (int b = 0; b < size; b++) {
            double a = adv[b];
            for (int i = b * columns; i < (b + 1) * columns; i++) {
                double bounded = Math.clamp(logRatio[i], -limit, limit);
                double ratio = Math.exp(bounded);
                double pg1 = -a * ratio;
                double pg2 = -a * Math.clamp(ratio, 1 - clip, 1 + clip);
                pgSum += Math.max(pg1, pg2);
                double inside = ratio >= 1 - clip && ratio <= 1 + clip ? 1 : 0;
                double dRatio = (-a * maxWeight(pg1, pg2) + -a * inside * maxWeight(pg2, pg1)) / n;
                dLogRatio[i] = logRatio[i] >= -limit && logRatio[i] <= limit ? dRatio * ratio : 0;
                klSum += ratio - 1 - bounded;
                if (Math.abs(ratio - 1) > clip) {
                    clipped++;
                }
            }
        }
        boolean hasEntropy = policy.hasEntropy();
        boolean hasExtra = policy.hasExtra();
        float entropy = hasEntropy ? policy.entropy() : 0f;
        double extra = policy.backward(params, dLogRatio, grads);
        float valueLoss = valueLossAndGradient(obs, size, ret, oldValues, mask);
        float policyLoss = (float) (pgSum / n);
        double entCoef = cfg.entCoef();
        float total = (float) (policyLoss - (hasEntropy ? entCoef * entropy : 0) + cfg.vfCoef() * valueLoss + extra);
        double[] diagnosed = logRatio;
        return new Losses(
                total,
                policyLoss,
                valueLoss,
                entropy,
                (float) (klSum / n),
                (float) clipped / n,
                (float) extra,
                hasEntropy,
                hasExtra,
                () -> policy.diagnostic(diagnosed));
    }

    /** The critic's value loss of a minibatch, its gradient added into the critic's part of {@link #gradients()}. */
    private float valueLossAndGradient(float[] obs, int size, float[] ret, float[] oldValues, float[] mask) {
        float[] v = critic.forward(params, criticOffset, obs, size);
        double maskSum = 0;
        for (float w : mask) {
            maskSum += w;
        }
        double norm = 0.5 / Math.max(1, maskSum);
        double clip = cfg.clipCoef();
        double vfCoef = cfg.vfCoef();
        double valueSum = 0;
        for (int b = 0; b < size; b++) {
            double err = v[b] - ret[b];
            double e1 = err * err;
            double dV = 2 * err;
            if (cfg.clipValueLoss()) {
                double d = v[b] - oldValues[b];
                double errClipped = oldValues[b] + Math.clamp(d, -clip, clip) - ret[b];
                double e2 = errClipped * errClipped;
                double inside = d >= -clip && d <= clip ? 1 : 0;
                dV = 2 * err * maxWeight(e1, e2) + 2 * errClipped * inside * maxWeight(e2, e1);
                e1 = Math.max(e1, e2);
            }
            valueSum += e1 * mask[b];
            dValue[b] = (float) (vfCoef * norm * mask[b] * dV);
        }
        critic.backward(params, criticOffset, dValue, grads, criticOffset);
        return (float) (valueSum * norm);
    }

    /** The share of the gradient of max(a, b) that goes to a: 1, 0, or a half for a tie (autograd's rule). */
    private static double maxWeight(double a, double b) {
        return a > b ? 1 : a < b ? 0 : 0.5;
    }
}
