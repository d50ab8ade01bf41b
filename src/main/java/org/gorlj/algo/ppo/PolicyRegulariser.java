package org.gorlj.algo.ppo;

import ai.djl.ndarray.NDArray;
import org.gorlj.policy.GaussianPolicy;

/**
 * An additional loss on the Gaussian policy's distribution (GoRL's latent regulariser), in both
 * learners' forms: a tensor for autograd ({@code learner=torch}) and a value with its gradient
 * written out ({@code learner=java}). It is reported as {@link AbstractPpoLearner.Stats#extraLoss()}.
 */
public interface PolicyRegulariser {
    /** Whether the loss applies now; when not, the loss has no such term at all (so it can equal plain PPO's). */
    boolean active();

    /** The loss of a minibatch's distribution, a scalar tensor (called only while {@link #active()}). */
    NDArray loss(GaussianPolicy.Dist d);

    /**
     * The same loss from a minibatch's means and standard deviations, with its gradient with respect to
     * them added into {@code dMean} and {@code dStd} (called only while {@link #active()}).
     *
     * @param mean the means, row {@code b} at {@code b * meanStride}
     * @param std the standard deviations, {@code size * dim}, row-major
     * @param dMean the gradient with respect to the means, {@code size * dim}, row-major
     * @param dStd the gradient with respect to the standard deviations, likewise
     * @return the loss
     */
    double addGradient(float[] mean, int meanStride, float[] std, int size, int dim, double[] dMean, double[] dStd);
}
