package org.gorlj.algo;

import org.gorlj.util.Rng;

/**
 * A trained policy as a function from raw observations to environment actions: what evaluation
 * and deployment use. It holds a frozen copy of the weights and normaliser statistics.
 */
public interface Actor {
    /**
     * Acts for {@code rows} observations.
     *
     * @param obs raw observations, {@code rows * obsDim}
     * @param deterministic take the mean (of the latent, for GoRL) instead of sampling
     * @param rng noise source when sampling
     * @param actions output, {@code rows * actionDim}
     */
    void act(double[] obs, int rows, boolean deterministic, Rng rng, double[] actions);
}
