package org.gorlj.algo.gorl;

import ai.djl.ndarray.NDArray;
import java.util.function.DoubleSupplier;
import org.gorlj.algo.ppo.PolicyRegulariser;
import org.gorlj.nn.Ops;
import org.gorlj.policy.GaussianPolicy;

/**
 * GoRL's latent regulariser (docs/method.md §3.1), which keeps the encoder's latent near the
 * decoder's N(0, I) prior: z (mean(mu^2) + mean(sigma^2)), the released code's, or z KL(N(mu, sigma)
 * || N(0, I)) summed over the latent and averaged over the batch, the paper's; z by stage. Off while z
 * is 0, so that stage 0 can equal plain PPO exactly.
 */
final class LatentRegulariser implements PolicyRegulariser {
    private final boolean kl;
    private final DoubleSupplier weight;

    /** The KL form when {@code kl}, the moments form otherwise; {@code weight} gives z now. */
    LatentRegulariser(boolean kl, DoubleSupplier weight) {
        this.kl = kl;
        this.weight = weight;
    }

    @Override
    public boolean active() {
        return weight.getAsDouble() != 0;
    }

    @Override
    public NDArray loss(GaussianPolicy.Dist d) {
        double z = weight.getAsDouble();
        NDArray mu = d.mean();
        NDArray sigma = d.std();
        if (kl) {
            NDArray divergence = Ops.mul(Ops.sub(mu.square().add(sigma.square()), 1), 0.5)
                    .sub(sigma.log())
                    .sum(new int[] {-1});
            return Ops.mul(divergence.mean(), z);
        }
        return Ops.mul(mu.square().mean().add(sigma.square().mean()), z);
    }

    /**
     * Moments: d/dmu = 2 z mu / n and d/dsigma = 2 z sigma / n over the n = size * dim entries. KL: d/dmu =
     * z mu / size and d/dsigma = z (sigma - 1 / sigma) / size.
     */
    @Override
    public double addGradient(
            float[] mean, int meanStride, float[] std, int size, int dim, double[] dMean, double[] dStd) {
        double z = weight.getAsDouble();
        double n = (double) size * dim;
        double sum = 0;
        for (int b = 0; b < size; b++) {
            for (int j = 0; j < dim; j++) {
                double mu = mean[b * meanStride + j];
                double sigma = std[b * dim + j];
                int k = b * dim + j;
                if (kl) {
                    sum += 0.5 * (mu * mu + sigma * sigma - 1) - Math.log(sigma);
                    dMean[k] += z * mu / size;
                    dStd[k] += z * (sigma - 1 / sigma) / size;
                } else {
                    sum += mu * mu + sigma * sigma;
                    dMean[k] += 2 * z * mu / n;
                    dStd[k] += 2 * z * sigma / n;
                }
            }
        }
        return z * sum / (kl ? size : n);
    }
}
