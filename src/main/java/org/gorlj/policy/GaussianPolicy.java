package org.gorlj.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;
import org.gorlj.nn.Mlp;
import org.gorlj.nn.Ops;
import org.gorlj.nn.ParamStore;
import org.gorlj.util.Rng;

/**
 * A diagonal Gaussian over a vector x given an (already normalised) observation: the policy
 * of Gaussian PPO (x is the pre-squash action) and GoRL's latent policy (x is the latent eps).
 *
 * <p>The standard deviation is either state-independent, {@code std = exp(log_std)} with a learned
 * vector (CleanRL), or state-dependent, the MLP emitting 2 * dim values and
 * {@code std = softplus(raw) + minStd} (Brax, which the paper uses).
 */
public final class GaussianPolicy {
    private final Mlp net;
    private final NDArray logStd;
    private final int dim;
    private final boolean stateDependentStd;
    private final double minStd;

    /** The mean and standard deviation of a batch, both {@code [batch, dim]}. */
    public record Dist(NDArray mean, NDArray std) {}

    /**
     * Builds the network in {@code store}.
     *
     * @param hidden hidden widths
     * @param outputGain initialiser gain of the output layer (CleanRL: 0.01)
     * @param initLogStd initial log-std for the state-independent variant
     */
    public GaussianPolicy(
            ParamStore store,
            String prefix,
            int obsDim,
            int dim,
            int[] hidden,
            Activation activation,
            Init init,
            double hiddenGain,
            double outputGain,
            boolean stateDependentStd,
            double initLogStd,
            double minStd,
            Rng rng) {
        this.dim = dim;
        this.stateDependentStd = stateDependentStd;
        this.minStd = minStd;
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = obsDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = stateDependentStd ? 2 * dim : dim;
        this.net = new Mlp(store, prefix, sizes, activation, init, hiddenGain, outputGain, rng);
        if (stateDependentStd) {
            this.logStd = null;
        } else {
            float[] init0 = new float[dim];
            java.util.Arrays.fill(init0, (float) initLogStd);
            this.logStd = store.add(prefix + ".log_std", init0, new Shape(dim));
        }
    }

    /** Size of x. */
    public int dim() {
        return dim;
    }

    /**
     * Sets the output offset so that, at initialisation (when the output weights are near zero),
     * the standard deviation is {@code std} everywhere: the raw std bias becomes softplus^-1(std - minStd),
     * or the free log-std vector log(std).
     */
    public void setInitialStd(double std) {
        if (!stateDependentStd) {
            float[] v = new float[dim];
            java.util.Arrays.fill(v, (float) StrictMath.log(std));
            org.gorlj.nn.Tensors.set(logStd, v);
            return;
        }
        if (std <= minStd) {
            throw new IllegalArgumentException("initial std " + std + " must exceed min_std " + minStd);
        }
        NDArray bias = net.outputBias();
        float[] b = bias.toFloatArray();
        double s = std - minStd;
        float raw = (float) (s > 30 ? s : StrictMath.log(StrictMath.expm1(s)));
        java.util.Arrays.fill(b, dim, 2 * dim, raw);
        org.gorlj.nn.Tensors.set(bias, b);
    }

    /**
     * Makes the output exactly N(0, std^2 I) for every observation while the hidden layers keep
     * their weights: the output layer's weights and the mean's offset become zero, the std's offset
     * as in {@link #setInitialStd}. GoRL restarts a trained encoder's output this way at a stage
     * boundary ({@code encoder_reset=head}).
     */
    public void restartOutputLayer(double std) {
        org.gorlj.nn.Tensors.set(
                net.outputWeights(),
                new float[Math.toIntExact(net.outputWeights().size())]);
        org.gorlj.nn.Tensors.set(net.outputBias(), new float[net.outputSize()]);
        setInitialStd(std);
    }

    /** Mean and std for a batch of observations (tensors attached to {@code obs}'s manager). */
    public Dist forward(NDArray obs) {
        NDArray out = net.forward(obs);
        if (stateDependentStd) {
            NDList parts = out.split(2, 1);
            NDArray std = Ops.add(ai.djl.nn.Activation.softPlus(parts.get(1)), minStd);
            return new Dist(parts.get(0), std);
        }
        return new Dist(out, out.zerosLike().add(logStd).exp());
    }

    /** A plain-Java copy for sampling during rollouts (take a new one after each update). */
    public Snapshot snapshot() {
        return new Snapshot(net.snapshot(), logStd == null ? null : logStd.toFloatArray(), dim, minStd);
    }

    /** Frozen policy evaluated in plain Java. */
    public static final class Snapshot {
        private final Mlp.Snapshot net;
        private final float[] logStd;
        private final int dim;
        private final double minStd;

        Snapshot(Mlp.Snapshot net, float[] logStd, int dim, double minStd) {
            this.net = net;
            this.logStd = logStd;
            this.dim = dim;
            this.minStd = minStd;
        }

        /** Size of x. */
        public int dim() {
            return dim;
        }

        /** The network: the mean, followed by the raw std when the std is state-dependent. */
        public Mlp.Snapshot network() {
            return net;
        }

        /** The free log-std vector (a copy), or null when the std is state-dependent. */
        public float[] logStd() {
            return logStd == null ? null : logStd.clone();
        }

        /** The floor added to a state-dependent std. */
        public double minStd() {
            return minStd;
        }

        /** Fills {@code mean} and {@code std} ({@code rows * dim}) for {@code rows} observations. */
        public void meanStd(float[] obs, int rows, float[] mean, float[] std) {
            if (logStd != null) {
                net.forward(obs, rows, mean);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < dim; j++) {
                        std[r * dim + j] = (float) StrictMath.exp(logStd[j]);
                    }
                }
                return;
            }
            float[] out = new float[rows * 2 * dim];
            net.forward(obs, rows, out);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < dim; j++) {
                    mean[r * dim + j] = out[r * 2 * dim + j];
                    std[r * dim + j] = (float) (Gaussian.softplus(out[r * 2 * dim + dim + j]) + minStd);
                }
            }
        }

        /**
         * Samples x = mean + std * noise for each row (or takes the mean when {@code deterministic}),
         * writing x and its Gaussian log-density.
         */
        public void sample(float[] obs, int rows, boolean deterministic, Rng rng, float[] x, float[] logProb) {
            float[] mean = new float[rows * dim];
            float[] std = new float[rows * dim];
            meanStd(obs, rows, mean, std);
            for (int r = 0; r < rows; r++) {
                double lp = 0;
                for (int j = 0; j < dim; j++) {
                    int k = r * dim + j;
                    double noise = deterministic ? 0 : rng.nextGaussian();
                    x[k] = (float) (mean[k] + std[k] * noise);
                    double z = (x[k] - mean[k]) / (double) std[k];
                    lp += -0.5 * z * z - StrictMath.log(std[k]) - Gaussian.HALF_LOG_2PI;
                }
                logProb[r] = (float) lp;
            }
        }
    }
}
