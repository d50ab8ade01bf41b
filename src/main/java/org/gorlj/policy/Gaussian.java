package org.gorlj.policy;

import ai.djl.ndarray.NDArray;
import org.gorlj.nn.Ops;

/**
 * Diagonal Gaussian and tanh-squashed Gaussian densities, on tensors (for losses) and on plain
 * numbers (for sampling and tests). Log-densities and entropies are summed over the last axis.
 */
public final class Gaussian {
    /** log(2 pi) / 2. */
    public static final double HALF_LOG_2PI = 0.5 * StrictMath.log(2 * Math.PI);

    private Gaussian() {}

    /** log N(x; mean, std), summed over the last axis: shape [batch]. */
    public static NDArray logProb(NDArray x, NDArray mean, NDArray std) {
        NDArray z = x.sub(mean).div(std);
        long dim = x.getShape().get(x.getShape().dimension() - 1);
        return Ops.sub(Ops.mul(z.square(), -0.5).sub(std.log()).sum(new int[] {-1}), HALF_LOG_2PI * dim);
    }

    /** Entropy of N(mean, std), summed over the last axis: shape [batch]. */
    public static NDArray entropy(NDArray std) {
        long dim = std.getShape().get(std.getShape().dimension() - 1);
        return Ops.add(std.log().sum(new int[] {-1}), dim * (0.5 + HALF_LOG_2PI));
    }

    /**
     * log |d tanh(u)/du| = log(1 - tanh(u)^2), computed stably as 2 (log 2 - u - softplus(-2u)),
     * summed over the last axis.
     */
    public static NDArray tanhLogDetJacobian(NDArray u) {
        NDArray softplus = ai.djl.nn.Activation.softPlus(Ops.mul(u, -2));
        return Ops.mul(Ops.add(u.add(softplus).neg(), StrictMath.log(2)), 2).sum(new int[] {-1});
    }

    /**
     * Entropy estimate of tanh(u), u ~ N(mean, std), from one reparameterised sample
     * u = mean + std * noise: H(u) + log|det J(u)| (the estimator Brax's PPO uses).
     */
    public static NDArray tanhEntropyEstimate(NDArray mean, NDArray std, NDArray noise) {
        NDArray u = mean.add(std.mul(noise));
        return entropy(std).add(tanhLogDetJacobian(u));
    }

    /**
     * Log-density of the squashed sample tanh(u), u ~ N(mean, std), given the pre-squash u:
     * log N(u; mean, std) - sum log(1 - tanh(u)^2), shape [batch].
     */
    public static NDArray tanhLogProb(NDArray u, NDArray mean, NDArray std) {
        return logProb(u, mean, std).sub(tanhLogDetJacobian(u));
    }

    /** log N(x; mean, std) of one vector. */
    public static double logProb(double[] x, double[] mean, double[] std) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double z = (x[i] - mean[i]) / std[i];
            s += -0.5 * z * z - StrictMath.log(std[i]) - HALF_LOG_2PI;
        }
        return s;
    }

    /** log(1 - tanh(u)^2) for one value, computed stably. */
    public static double tanhLogDetJacobian(double u) {
        return 2 * (StrictMath.log(2) - u - softplus(-2 * u));
    }

    /**
     * Log-density of the squashed action a = tanh(u), u ~ N(mean, std), given the pre-squash u:
     * log N(u) - sum log(1 - tanh(u)^2).
     */
    public static double tanhLogProb(double[] u, double[] mean, double[] std) {
        double s = logProb(u, mean, std);
        for (double ui : u) {
            s -= tanhLogDetJacobian(ui);
        }
        return s;
    }

    /** log(1 + e^x), without overflow. */
    public static double softplus(double x) {
        return x > 30 ? x : StrictMath.log1p(StrictMath.exp(x));
    }
}
