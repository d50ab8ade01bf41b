package org.gorlj.algo.sac;

import ai.djl.ndarray.NDArray;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;
import org.gorlj.nn.Mlp;
import org.gorlj.nn.ParamStore;
import org.gorlj.util.Rng;

/**
 * Two independent Q networks Q1(s, x), Q2(s, x), each an MLP on the concatenation of observation
 * and x. Their minimum is the clipped double-Q estimate SAC uses for its targets and its actor.
 */
public final class TwinCritic {
    private final Mlp q1;
    private final Mlp q2;

    /** Builds both networks in {@code store} (parameter names {@code q1.*}, {@code q2.*}). */
    public TwinCritic(ParamStore store, int obsDim, int xDim, int[] hidden, Activation activation, Rng rng) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = obsDim + xDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        this.q1 = new Mlp(
                store,
                "q1",
                sizes,
                activation,
                Init.LECUN_UNIFORM,
                SacLearner.TORCH_DEFAULT_GAIN,
                SacLearner.TORCH_DEFAULT_GAIN,
                rng);
        this.q2 = new Mlp(
                store,
                "q2",
                sizes,
                activation,
                Init.LECUN_UNIFORM,
                SacLearner.TORCH_DEFAULT_GAIN,
                SacLearner.TORCH_DEFAULT_GAIN,
                rng);
    }

    /** Both estimates for {@code [batch, obs]} observations and {@code [batch, xDim]} samples, each {@code [batch]}. */
    public NDArray[] forward(NDArray obs, NDArray x) {
        NDArray input = obs.concat(x, 1);
        return new NDArray[] {q1.forward(input).squeeze(1), q2.forward(input).squeeze(1)};
    }

    /** min(Q1, Q2), {@code [batch]}. */
    public NDArray min(NDArray obs, NDArray x) {
        NDArray[] q = forward(obs, x);
        return q[0].minimum(q[1]);
    }
}
