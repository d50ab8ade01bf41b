package org.gorlj.algo.ppo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.nn.Adam;
import org.gorlj.nn.JavaAdam;
import org.gorlj.nn.JavaMlp;
import org.gorlj.nn.ParamStore;
import org.gorlj.policy.Gaussian;
import org.gorlj.run.DivergenceException;

/**
 * Gaussian PPO's minibatch step in plain Java ({@code learner=java}): the loss of
 * {@link AbstractPpoLearner} (clipped surrogate, entropy bonus, optionally clipped and masked value
 * loss) with its gradient written out by hand, backpropagated through {@link JavaMlp}s, and a
 * {@link JavaAdam} step over the actor's and the critic's parameters together, with the
 * gradient of the policy's {@link PolicyRegulariser} when it has one. For the small networks
 * of CleanRL's setting this replaces ~90 native tensor operations, a backward pass and a fused
 * optimiser per step by a few loops over arrays in the cache.
 *
 * <p>The parameters and the Adam state stay owned by the learner's {@link ParamStore}s and its
 * {@link Adam}: {@link #pull} copies them in before an update and {@link #push} copies them back after
 * it, so snapshots, checkpoints and everything else that reads the stores see the same state as with
 * the tensor learner. The gradients follow autograd's conventions at the kinks (a clip passes the
 * gradient on its closed interval, a maximum of two equal values splits it in halves).
 */
final class JavaPpoStep {
    private final PpoConfig cfg;
    private final ParamStore actorStore;
    private final ParamStore criticStore;
    private final Adam adam;
    private final int xDim;
    private final boolean stateDependentStd;
    private final boolean squashedEntropy;
    private final double minStd;
    /** The policy's additional loss, or null. */
    private final PolicyRegulariser regulariser;

    private final JavaMlp actor;
    private final JavaMlp critic;
    /** Where the free log-std vector starts in {@link #params} (-1 with a state-dependent std). */
    private final int logStdOffset;

    private final int criticOffset;
    /** The parameters of both networks: the actor's (then its log-std vector), then the critic's. */
    private final float[] params;

    private final float[] grads;
    private final JavaAdam javaAdam;
    /** Parameter names in the order of {@link #params}, with their offsets and sizes. */
    private final List<String> names;

    private final int[] offsets;
    private final int[] sizes;

    private float[] dActor = new float[0];
    private float[] dValue = new float[0];
    private float[] std = new float[0];
    /** The loss's gradient with respect to each mean and standard deviation of the minibatch, size * xDim. */
    private double[] meanGrad = new double[0];

    private double[] stdGrad = new double[0];

    JavaPpoStep(
            PpoConfig cfg,
            int obsDim,
            int xDim,
            ParamStore actorStore,
            ParamStore criticStore,
            Adam adam,
            double adamBeta1,
            double adamBeta2,
            PolicyRegulariser regulariser) {
        this.cfg = cfg;
        this.regulariser = regulariser;
        this.actorStore = actorStore;
        this.criticStore = criticStore;
        this.adam = adam;
        this.xDim = xDim;
        this.stateDependentStd = cfg.stateDependentStd();
        this.squashedEntropy = cfg.entropy() == PpoConfig.EntropyMode.SQUASHED;
        this.minStd = cfg.minStd();
        this.actor =
                new JavaMlp(widths(obsDim, cfg.actorHidden(), stateDependentStd ? 2 * xDim : xDim), cfg.activation());
        this.critic = new JavaMlp(widths(obsDim, cfg.criticHidden(), 1), cfg.activation());
        this.logStdOffset = stateDependentStd ? -1 : actor.parameterCount();
        this.criticOffset = actor.parameterCount() + (stateDependentStd ? 0 : xDim);
        int total = criticOffset + critic.parameterCount();
        this.params = new float[total];
        this.grads = new float[total];
        this.javaAdam = new JavaAdam(total, adamBeta1, adamBeta2, cfg.adamEps());
        Map<String, float[]> values = new LinkedHashMap<>(actorStore.export());
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
        if (at != total) {
            throw new IllegalStateException("the stores hold " + at + " parameters, the plain-Java networks " + total);
        }
    }

    private static int[] widths(int in, int[] hidden, int out) {
        int[] w = new int[hidden.length + 2];
        w[0] = in;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = out;
        return w;
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
     * One gradient step on a minibatch (the arguments of {@link AbstractPpoLearner#step}); the
     * exceptions are the learner's, with the same messages as the tensor step's.
     */
    AbstractPpoLearner.MinibatchStats step(
            AbstractPpoLearner<?> learner,
            float[] obs,
            int size,
            PpoLearner.Minibatch batch,
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
                true,
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
            boolean hasExtra,
            java.util.function.Supplier<String> diagnostic) {}

    /** The parameters of both networks (the live array; see the field's layout). */
    float[] parameters() {
        return params;
    }

    /** The gradient of the last {@link #gradients(float[], int, PpoLearner.Minibatch, float[], float[], float[], float[])} (live). */
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
    Losses gradients(
            float[] obs,
            int size,
            PpoLearner.Minibatch batch,
            float[] adv,
            float[] ret,
            float[] oldValues,
            float[] mask) {
        int outWidth = actor.outputSize();
        if (dActor.length != size * outWidth) {
            dActor = new float[size * outWidth];
            dValue = new float[size];
            std = new float[size * xDim];
            meanGrad = new double[size * xDim];
            stdGrad = new double[size * xDim];
        }
        java.util.Arrays.fill(grads, 0f);
        float[] out = actor.forward(params, 0, obs, size);
        float[] x = batch.x();
        float[] noise = batch.noise();
        double clip = cfg.clipCoef();
        double entCoef = cfg.entCoef();
        double limit = AbstractPpoLearner.LOG_RATIO_LIMIT;
        double pgSum = 0;
        double entropySum = 0;
        double klSum = 0;
        int clipped = 0;
        double maxLogRatio = Double.NEGATIVE_INFINITY;
        // the entropy bonus enters the loss as -ent_coef * mean over the batch
        double entWeight = -entCoef / size;
        for (int b = 0; b < size; b++) {
            int o = b * outWidth;
            int s = b * xDim;
            double logp = 0;
            double entropy = xDim * (0.5 + Gaussian.HALF_LOG_2PI);
            for (int j = 0; j < xDim; j++) {
                double sd = stateDependentStd
                        ? softplus(out[o + xDim + j]) + minStd
                        : (float) Math.exp(params[logStdOffset + j]);
                std[s + j] = (float) sd;
                double z = (x[s + j] - out[o + j]) / sd;
                double logSd = Math.log(sd);
                logp += -0.5 * z * z - logSd;
                entropy += logSd;
                if (squashedEntropy) {
                    double u = out[o + j] + sd * noise[s + j];
                    entropy += 2 * (LOG_2 - u - softplus(-2 * u));
                }
            }
            logp -= xDim * Gaussian.HALF_LOG_2PI;
            double logRatio = logp - batch.oldLogProb()[b];
            maxLogRatio = Math.max(maxLogRatio, logRatio);
            double bounded = Math.clamp(logRatio, -limit, limit);
            double ratio = Math.exp(bounded);
            double a = adv[b];
            double pg1 = -a * ratio;
            double pg2 = -a * Math.clamp(ratio, 1 - clip, 1 + clip);
            pgSum += Math.max(pg1, pg2);
            double inside = ratio >= 1 - clip && ratio <= 1 + clip ? 1 : 0;
            double dRatio = (-a * maxWeight(pg1, pg2) + -a * inside * maxWeight(pg2, pg1)) / size;
            double dLogp = logRatio >= -limit && logRatio <= limit ? dRatio * ratio : 0;
            klSum += ratio - 1 - bounded;
            if (Math.abs(ratio - 1) > clip) {
                clipped++;
            }
            entropySum += entropy;
            for (int j = 0; j < xDim; j++) {
                double sd = std[s + j];
                double z = (x[s + j] - out[o + j]) / sd;
                double dMean = dLogp * z / sd;
                double dStd = dLogp * (z * z - 1) / sd + entWeight / sd;
                if (squashedEntropy) {
                    // d/du of log(1 - tanh(u)^2) is -2 tanh(u); u = mean + std * noise
                    double dU = entWeight * -2 * Math.tanh(out[o + j] + sd * noise[s + j]);
                    dMean += dU;
                    dStd += dU * noise[s + j];
                }
                meanGrad[s + j] = dMean;
                stdGrad[s + j] = dStd;
            }
        }
        boolean hasExtra = regulariser != null && regulariser.active();
        double extra = hasExtra ? regulariser.addGradient(out, outWidth, std, size, xDim, meanGrad, stdGrad) : 0;
        for (int b = 0; b < size; b++) {
            int o = b * outWidth;
            int s = b * xDim;
            for (int j = 0; j < xDim; j++) {
                dActor[o + j] = (float) meanGrad[s + j];
                if (stateDependentStd) {
                    dActor[o + xDim + j] = (float) (stdGrad[s + j] * softplusSlope(out[o + xDim + j]));
                } else {
                    grads[logStdOffset + j] += (float) (stdGrad[s + j] * std[s + j]);
                }
            }
        }
        float[] v = critic.forward(params, criticOffset, obs, size);
        double maskSum = 0;
        for (float w : mask) {
            maskSum += w;
        }
        double norm = 0.5 / Math.max(1, maskSum);
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
        float policyLoss = (float) (pgSum / size);
        float valueLoss = (float) (valueSum * norm);
        float entropy = (float) (entropySum / size);
        float total = (float) (policyLoss - entCoef * entropy + vfCoef * valueLoss + extra);
        double maxLog = maxLogRatio;
        actor.backward(params, 0, dActor, grads, 0);
        critic.backward(params, criticOffset, dValue, grads, criticOffset);
        return new Losses(
                total,
                policyLoss,
                valueLoss,
                entropy,
                (float) (klSum / size),
                (float) clipped / size,
                (float) extra,
                hasExtra,
                () -> diagnostic(maxLog, out, x, size));
    }

    private static final double LOG_2 = Math.log(2);

    /** The share of the gradient of max(a, b) that goes to a: 1, 0, or a half for a tie (autograd's rule). */
    private static double maxWeight(double a, double b) {
        return a > b ? 1 : a < b ? 0 : 0.5;
    }

    /** log(1 + e^x), as libtorch's softplus (linear above 20). */
    private static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    /** The slope of {@link #softplus}: the logistic function, 1 above 20. */
    private static double softplusSlope(double x) {
        return x > 20 ? 1 : 1 / (1 + Math.exp(-x));
    }

    private String diagnostic(double maxLogRatio, float[] out, float[] x, int size) {
        double minStd = Double.POSITIVE_INFINITY;
        double maxDeviation = 0;
        int outWidth = actor.outputSize();
        for (int b = 0; b < size; b++) {
            for (int j = 0; j < xDim; j++) {
                minStd = Math.min(minStd, std[b * xDim + j]);
                maxDeviation = Math.max(maxDeviation, Math.abs(x[b * xDim + j] - out[b * outWidth + j]));
            }
        }
        return String.format(
                "max log-ratio %.3g, min std %.3g, max |x - mean| %.3g", maxLogRatio, minStd, maxDeviation);
    }
}
