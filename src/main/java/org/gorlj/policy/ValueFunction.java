package org.gorlj.policy;

import ai.djl.ndarray.NDArray;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;
import org.gorlj.nn.Mlp;
import org.gorlj.nn.ParamStore;
import org.gorlj.util.Rng;

/** The critic V(s): an MLP from the normalised observation to one value. */
public final class ValueFunction {
    private final Mlp net;

    /** Builds the network in {@code store} (CleanRL: 2 x 64 tanh, output gain 1; paper: 5 x 256 SiLU). */
    public ValueFunction(
            ParamStore store,
            String prefix,
            int obsDim,
            int[] hidden,
            Activation activation,
            Init init,
            double hiddenGain,
            double outputGain,
            Rng rng) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = obsDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        this.net = new Mlp(store, prefix, sizes, activation, init, hiddenGain, outputGain, rng);
    }

    /** Values of a batch, shape [batch]. */
    public NDArray forward(NDArray obs) {
        return net.forward(obs).squeeze(-1);
    }

    /** A plain-Java copy for rollouts. */
    public Mlp.Snapshot snapshot() {
        return net.snapshot();
    }
}
