package org.gorlj.algo.sac;

import org.gorlj.policy.ActionMap;
import org.gorlj.util.Rng;

/**
 * An action map for {@link SacAlgorithm} that receives the actor's unsquashed Gaussian sample u
 * instead of x = tanh(u) (replay buffer, critics and log-probabilities stay on x, a bijection of u),
 * with its own warm-up distribution of u before learning starts (instead of SAC's uniform x).
 * GoRL-SAC decodes u as its latent.
 */
public interface PreSquashMap extends ActionMap {
    /** Fills {@code u} with the samples acted on before learning starts. */
    void drawWarmUp(Rng rng, float[] u);
}
