package org.gorlj.algo.ppo;

import org.gorlj.nn.JavaMlp;
import org.gorlj.policy.Gaussian;

/**
 * Gaussian PPO's policy terms in plain Java ({@link JavaPolicyTerms}): the log-probability ratio of a
 * diagonal Gaussian whose mean (and, with {@code state_dependent_std}, softplus standard deviation)
 * come from a {@link JavaMlp}, its entropy bonus (exact, or the squashed estimate), and the gradient
 * of its {@link PolicyRegulariser} when it has one.
 */
final class JavaGaussianTerms implements JavaPolicyTerms<PpoLearner.Minibatch> {
    private static final double LOG_2 = Math.log(2);

    private final int xDim;
    private final boolean stateDependentStd;
    private final boolean squashedEntropy;
    private final double minStd;
    private final double entCoef;
    /** The policy's additional loss, or null. */
    private final PolicyRegulariser regulariser;

    private final JavaMlp actor;
    /** Where the free log-std vector starts in the parameters (-1 with a state-dependent std). */
    private final int logStdOffset;

    private final int parameterCount;

    private int size;
    private PpoLearner.Minibatch batch;
    /** The actor's output of the last forward pass (the network's buffer). */
    private float[] out;

    private double entropySum;
    private float[] dActor = new float[0];
    private float[] std = new float[0];
    /** The loss's gradient with respect to each mean and standard deviation of the minibatch, size * xDim. */
    private double[] meanGrad = new double[0];

    private double[] stdGrad = new double[0];

    JavaGaussianTerms(PpoConfig cfg, int obsDim, int xDim, PolicyRegulariser regulariser) {
        this.xDim = xDim;
        this.stateDependentStd = cfg.stateDependentStd();
        this.squashedEntropy = cfg.entropy() == PpoConfig.EntropyMode.SQUASHED;
        this.minStd = cfg.minStd();
        this.entCoef = cfg.entCoef();
        this.regulariser = regulariser;
        this.actor = new JavaMlp(obsDim, cfg.actorHidden(), stateDependentStd ? 2 * xDim : xDim, cfg.activation());
        this.logStdOffset = stateDependentStd ? -1 : actor.parameterCount();
        this.parameterCount = actor.parameterCount() + (stateDependentStd ? 0 : xDim);
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public int columns() {
        return 1;
    }

    @Override
    public void forward(float[] params, float[] obs, int size, PpoLearner.Minibatch batch, double[] logRatio) {
        int outWidth = actor.outputSize();
        if (dActor.length != size * outWidth) {
            dActor = new float[size * outWidth];
            std = new float[size * xDim];
            meanGrad = new double[size * xDim];
            stdGrad = new double[size * xDim];
        }
        this.size = size;
        this.batch = batch;
        out = actor.forward(params, 0, obs, size);
        float[] x = batch.x();
        float[] noise = batch.noise();
        entropySum = 0;
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
            logRatio[b] = logp - batch.oldLogProb()[b];
            entropySum += entropy;
        }
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public float entropy() {
        return (float) (entropySum / size);
    }

    @Override
    public boolean hasExtra() {
        return regulariser != null && regulariser.active();
    }

    @Override
    public double backward(float[] params, double[] dLogRatio, float[] grads) {
        int outWidth = actor.outputSize();
        float[] x = batch.x();
        float[] noise = batch.noise();
        // the entropy bonus enters the loss as -ent_coef * mean over the batch
        double entWeight = -entCoef / size;
        for (int b = 0; b < size; b++) {
            int o = b * outWidth;
            int s = b * xDim;
            double dLogp = dLogRatio[b];
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
        double extra = hasExtra() ? regulariser.addGradient(out, outWidth, std, size, xDim, meanGrad, stdGrad) : 0;
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
        actor.backward(params, 0, dActor, grads, 0);
        return extra;
    }

    /** log(1 + e^x), as libtorch's softplus (linear above 20). */
    private static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    /** The slope of {@link #softplus}: the logistic function, 1 above 20. */
    private static double softplusSlope(double x) {
        return x > 20 ? 1 : 1 / (1 + Math.exp(-x));
    }

    @Override
    public String diagnostic(double[] logRatio) {
        double maxLogRatio = Double.NEGATIVE_INFINITY;
        double minStd = Double.POSITIVE_INFINITY;
        double maxDeviation = 0;
        int outWidth = actor.outputSize();
        float[] x = batch.x();
        for (int b = 0; b < size; b++) {
            maxLogRatio = Math.max(maxLogRatio, logRatio[b]);
            for (int j = 0; j < xDim; j++) {
                minStd = Math.min(minStd, std[b * xDim + j]);
                maxDeviation = Math.max(maxDeviation, Math.abs(x[b * xDim + j] - out[b * outWidth + j]));
            }
        }
        return String.format(
                "max log-ratio %.3g, min std %.3g, max |x - mean| %.3g", maxLogRatio, minStd, maxDeviation);
    }
}
