package org.gorlj.policy;

/**
 * Turns what the policy samples (x) into the actions sent to the environment. For Gaussian PPO
 * it clips or tanh-squashes x into the action bounds; for GoRL it decodes the latent x through
 * the generative decoder first. Everything upstream of an ActionMap (log-probabilities, PPO)
 * sees only x.
 */
public interface ActionMap {
    /**
     * Maps {@code rows} samples.
     *
     * @param obs normalised observations, {@code rows * obsDim}
     * @param x policy samples, {@code rows * xDim}
     * @param actions output environment actions, {@code rows * actionDim}
     */
    void apply(float[] obs, float[] x, int rows, double[] actions);
}
