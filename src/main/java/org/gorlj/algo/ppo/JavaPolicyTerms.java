package org.gorlj.algo.ppo;

/**
 * A policy's part of the plain-Java PPO step ({@code learner=java}): what {@link
 * AbstractPpoLearner.PolicyTerms} is to the tensor step. It evaluates the log-ratios of a minibatch
 * (one per transition, or {@link #columns()} of them) and backpropagates the loss's gradient with
 * respect to them into the policy's parameters; the step itself (surrogate, value loss through the
 * critic, Adam, statistics) is the same for every policy. An implementation keeps what its backward
 * pass needs from the forward pass, so one instance serves one step at a time.
 *
 * @param <B> the policy's data of one minibatch (its learner's)
 */
public interface JavaPolicyTerms<B> {
    /** The policy's parameter count: the actor store's parameters, in the order it exports them. */
    int parameterCount();

    /** Log-ratios per transition: 1, or k for a {@code [batch, k]} log-ratio. */
    int columns();

    /**
     * Evaluates the policy on a minibatch with the parameters {@code params[0 .. parameterCount())}.
     *
     * @param obs the observations, {@code size * obsDim}
     * @param logRatio receives the log-ratios of new to old policy (before {@link
     *     AbstractPpoLearner#LOG_RATIO_LIMIT}'s bound), {@code size * columns()}, row-major
     */
    void forward(float[] params, float[] obs, int size, B batch, double[] logRatio);

    /** Whether the policy has an entropy term (then the step subtracts {@code ent_coef} times {@link #entropy()}). */
    boolean hasEntropy();

    /** The mean entropy of the last {@link #forward} pass (when {@link #hasEntropy()}). */
    float entropy();

    /** Whether the policy adds an extra loss now (the value {@link #backward} returns). */
    boolean hasExtra();

    /**
     * Adds the gradient of the loss's policy part into {@code grads[0 .. parameterCount())}: through
     * the log-ratios of the last {@link #forward} pass, with {@code dLogRatio} the loss's gradient with
     * respect to them (laid out as they are), plus the gradients of the policy's own entropy and extra terms.
     *
     * @return the extra loss (0 without one)
     */
    double backward(float[] params, double[] dLogRatio, float[] grads);

    /**
     * The text describing the last minibatch when its loss is not finite (as the tensor step's), given
     * its log-ratios ({@code size * columns()} values, the array's length).
     */
    String diagnostic(double[] logRatio);
}
