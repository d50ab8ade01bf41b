package org.gorlj.generative;

import org.gorlj.policy.ActionMap;
import org.gorlj.policy.Squash;

/**
 * The action map of a generative policy: decodes the latent through a frozen decoder into a
 * pre-squash action, then squashes it into the action box (tanh and scale, as in the paper).
 */
public final class DecoderActionMap implements ActionMap {
    private final Decoder.Sampler sampler;
    private final Squash squash;
    private final int actDim;

    /** Decodes with {@code sampler}, then applies {@code squash}; actions have {@code actDim} values. */
    public DecoderActionMap(Decoder.Sampler sampler, Squash squash, int actDim) {
        this.sampler = sampler;
        this.squash = squash;
        this.actDim = actDim;
    }

    @Override
    public void apply(float[] obs, float[] x, int rows, double[] actions) {
        float[] u = new float[rows * actDim];
        sampler.decode(obs, x, rows, u);
        squash.apply(obs, u, rows, actions);
    }
}
