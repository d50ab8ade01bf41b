package org.gorlj.algo.flowpolicy;

/**
 * FPO's policy terms in plain Java ({@code learner=java}): the CFM loss of each stored (eps, tau)
 * pair under the current weights (either {@code fpo_loss} form), the log-ratio from the old and new
 * losses (either {@code fpo_ratio} form; the per-pair clip passes the gradient on its closed
 * interval, as autograd's), and its backward pass, as {@link FpoLearner}'s tensor terms compute them.
 */
final class JavaFpoTerms extends JavaFlowTerms<FpoLearner.Minibatch> {
    private final int pairs;
    private final boolean epsLoss;
    private final boolean meanRatio;
    private final double logRatioClip;

    private FpoLearner.Minibatch batch;
    private int size;
    /** Per pair and action dimension, the CFM error of the last forward pass. */
    private double[] err = new double[0];
    /** Per pair, the CFM loss of the last forward pass. */
    private double[] newLoss = new double[0];

    private double maxLoss;

    JavaFpoTerms(FlowPolicy policy, FlowPolicyConfig fcfg) {
        super(policy, fcfg);
        this.pairs = fcfg.fpoSamples();
        this.epsLoss = fcfg.fpoLoss() == FlowPolicyConfig.FpoLoss.EPS;
        this.meanRatio = fcfg.fpoRatio() == FlowPolicyConfig.FpoRatio.MEAN;
        this.logRatioClip = fcfg.fpoLogRatioClip();
    }

    @Override
    public int columns() {
        return meanRatio ? 1 : pairs;
    }

    @Override
    public void forward(float[] params, float[] obs, int size, FpoLearner.Minibatch batch, double[] logRatio) {
        int n = size * pairs;
        int d = xDim;
        if (newLoss.length != n) {
            err = new double[n * d];
            newLoss = new double[n];
        }
        this.batch = batch;
        this.size = size;
        float[] v = velocity(params, batch.inputs(), n);
        float[] xTau = batch.xTau();
        float[] eps = batch.eps();
        float[] tau = batch.tau();
        float[] target = batch.target();
        maxLoss = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            double sum = 0;
            for (int i = p * d; i < (p + 1) * d; i++) {
                double e = epsLoss ? xTau[i] - (double) tau[p] * v[i] - eps[i] : (double) v[i] - target[i];
                err[i] = e;
                sum += e * e;
            }
            newLoss[p] = sum / d;
            maxLoss = Math.max(maxLoss, newLoss[p]);
        }
        float[] old = batch.oldLoss();
        for (int b = 0; b < size; b++) {
            if (meanRatio) {
                double oldSum = 0;
                double newSum = 0;
                for (int p = b * pairs; p < (b + 1) * pairs; p++) {
                    oldSum += old[p];
                    newSum += newLoss[p];
                }
                logRatio[b] = oldSum / pairs - newSum / pairs;
            } else {
                for (int p = b * pairs; p < (b + 1) * pairs; p++) {
                    logRatio[p] = Math.clamp(old[p] - newLoss[p], -logRatioClip, logRatioClip);
                }
            }
        }
    }

    @Override
    protected void velocityGradient(double[] dLogRatio, double[] dVelocity) {
        int d = xDim;
        float[] old = batch.oldLoss();
        float[] tau = batch.tau();
        for (int p = 0; p < size * pairs; p++) {
            double dNewLoss;
            if (meanRatio) {
                dNewLoss = -dLogRatio[p / pairs] / pairs;
            } else {
                double diff = old[p] - newLoss[p];
                dNewLoss = diff >= -logRatioClip && diff <= logRatioClip ? -dLogRatio[p] : 0;
            }
            for (int i = p * d; i < (p + 1) * d; i++) {
                double dErr = dNewLoss * 2 * err[i] / d;
                dVelocity[i] = epsLoss ? -tau[p] * dErr : dErr;
            }
        }
    }

    @Override
    protected String extremeLoss() {
        return String.format("max CFM loss %.3g", maxLoss);
    }
}
