package org.gorlj.algo.flowpolicy;

import org.gorlj.policy.Gaussian;

/**
 * DPPO's policy terms in plain Java ({@code learner=java}): the Gaussian log-likelihood of each
 * step of the stored chains under the current weights, log N(x_{k+1}; x_k + v(s, x_k, k/K) / K,
 * sigma^2 I), the log-ratio per step or of the whole chain ({@code dppo_ratio}), and its backward
 * pass, as {@link DppoLearner}'s tensor terms compute them (from the same input rows,
 * {@link FlowPolicy#writeChainSteps}).
 */
final class JavaDppoTerms extends JavaFlowTerms<DppoLearner.Minibatch> {
    private final FlowPolicy policy;
    private final int steps;
    private final double sigma;
    private final boolean perStep;

    private int size;
    private float[] inputs = new float[0];
    private float[] from = new float[0];
    private float[] to = new float[0];
    /** Per step and action dimension, (x_{k+1} - mean) / sigma of the last forward pass. */
    private double[] z = new double[0];
    /** Per step, the log-likelihood of the last forward pass. */
    private double[] logLik = new double[0];

    private double minLogLik;

    JavaDppoTerms(FlowPolicy policy, FlowPolicyConfig fcfg) {
        super(policy, fcfg);
        this.policy = policy;
        this.steps = policy.steps();
        this.sigma = fcfg.dppoSigma();
        this.perStep = fcfg.dppoRatio() == FlowPolicyConfig.DppoRatio.PER_STEP;
    }

    @Override
    public int columns() {
        return perStep ? steps : 1;
    }

    @Override
    public void forward(float[] params, float[] obs, int size, DppoLearner.Minibatch batch, double[] logRatio) {
        int n = size * steps;
        int d = xDim;
        if (logLik.length != n) {
            inputs = new float[n * policy.inputSize()];
            from = new float[n * d];
            to = new float[n * d];
            z = new double[n * d];
            logLik = new double[n];
        }
        this.size = size;
        policy.writeChainSteps(batch.obs(), batch.chain(), size, inputs, from, to);
        float[] v = velocity(params, inputs, n);
        double logNorm = d * (StrictMath.log(sigma) + Gaussian.HALF_LOG_2PI);
        minLogLik = Double.POSITIVE_INFINITY;
        for (int row = 0; row < n; row++) {
            double sq = 0;
            for (int i = row * d; i < (row + 1) * d; i++) {
                double zi = (to[i] - (from[i] + (double) v[i] / steps)) / sigma;
                z[i] = zi;
                sq += zi * zi;
            }
            logLik[row] = -0.5 * sq - logNorm;
            minLogLik = Math.min(minLogLik, logLik[row]);
        }
        float[] old = batch.oldLogLik();
        if (perStep) {
            for (int row = 0; row < n; row++) {
                logRatio[row] = logLik[row] - old[row];
            }
        } else {
            for (int b = 0; b < size; b++) {
                double newSum = 0;
                double oldSum = 0;
                for (int row = b * steps; row < (b + 1) * steps; row++) {
                    newSum += logLik[row];
                    oldSum += old[row];
                }
                logRatio[b] = newSum - oldSum;
            }
        }
    }

    @Override
    protected void velocityGradient(double[] dLogRatio, double[] dVelocity) {
        int d = xDim;
        for (int row = 0; row < size * steps; row++) {
            // d log N / d mean = z / sigma, and the mean moves by v / K
            double dLogLik = perStep ? dLogRatio[row] : dLogRatio[row / steps];
            for (int i = row * d; i < (row + 1) * d; i++) {
                dVelocity[i] = dLogLik * z[i] / (sigma * steps);
            }
        }
    }

    @Override
    protected String extremeLoss() {
        return String.format("min step log-likelihood %.3g", minLogLik);
    }
}
