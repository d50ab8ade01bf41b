package org.gorlj.algo.flowpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gorlj.generative.FlowNetwork;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Ops;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.policy.Gaussian;
import org.gorlj.util.Rng;

/**
 * A policy that IS a flow model (FPO and DPPO, docs/method.md §4): the shared
 * {@link FlowNetwork} v(s, x_tau, tau) times an output scale, integrated by K Euler steps from
 * x_0 ~ N(0, I) at tau = 0 to the pre-squash action x_K at tau = 1,
 * {@code x_{k+1} = x_k + v(s, x_k, k/K) / K + sigma z_k} with z_k ~ N(0, I) (sigma = 0 for FPO, a
 * fixed sigma for DPPO's stochastic chain).
 *
 * <p>Time runs from noise (tau = 0) to action (tau = 1), as in the GoRL decoders; the released FPO
 * code runs t = 1 - tau, which is the same model with the time input mirrored.
 */
public final class FlowPolicy {
    private static final double HALF_LOG_2PI = Gaussian.HALF_LOG_2PI;
    private final FlowNetwork net;
    private final int obsDim;
    private final int xDim;
    private final int steps;
    private final double outputScale;

    /** Builds the network in {@code store} under {@code prefix}. */
    public FlowPolicy(
            ParamStore store,
            String prefix,
            int obsDim,
            int xDim,
            int[] hidden,
            Activation activation,
            int steps,
            double outputScale,
            Rng rng) {
        this.net = new FlowNetwork(store, prefix, obsDim, xDim, hidden, activation, rng);
        this.obsDim = obsDim;
        this.xDim = xDim;
        this.steps = steps;
        this.outputScale = outputScale;
    }

    /** Action size. */
    public int xDim() {
        return xDim;
    }

    /** Euler steps K. */
    public int steps() {
        return steps;
    }

    /** Width of one network input row. */
    public int inputSize() {
        return net.inputSize();
    }

    /** The velocity of {@code rows} input rows (written by {@link FlowNetwork#writeInput}): {@code [rows, xDim]}. */
    public NDArray velocity(NDManager m, float[] inputs, int rows) {
        NDArray in = Tensors.create(m, inputs, new Shape(rows, net.inputSize()));
        return Ops.mul(net.forward(in), outputScale);
    }

    /**
     * The per-step log-likelihoods of stored chains under the current weights, {@code [rows, K]}:
     * log N(x_{k+1}; x_k + v(s, x_k, k/K) / K, sigma^2 I), summed over action dimensions.
     *
     * @param obs normalised observations, {@code rows * obsDim}
     * @param chain chains x_0 .. x_K, {@code rows * (K + 1) * xDim}
     */
    public NDArray chainLogLikelihood(NDManager m, float[] obs, float[] chain, int rows, double sigma) {
        int k = steps;
        float[] inputs = new float[rows * k * net.inputSize()];
        float[] from = new float[rows * k * xDim];
        float[] to = new float[rows * k * xDim];
        writeChainSteps(obs, chain, rows, inputs, from, to);
        NDArray v = velocity(m, inputs, rows * k);
        NDArray mean = Tensors.create(m, from, new Shape(rows * k, xDim)).add(Ops.mul(v, 1.0 / k));
        NDArray z = Ops.mul(Tensors.create(m, to, new Shape(rows * k, xDim)).sub(mean), 1.0 / sigma);
        NDArray logp =
                Ops.sub(Ops.mul(z.square().sum(new int[] {-1}), -0.5), xDim * (StrictMath.log(sigma) + HALF_LOG_2PI));
        return logp.reshape(rows, k);
    }

    /**
     * Writes the K steps of each of {@code rows} stored chains as rows {@code r * K + s}: the network
     * input (observation r, x_s, time s / K) into {@code inputs}, and the step's start x_s and end
     * x_{s+1} into {@code from} and {@code to} ({@code rows * K * xDim} each).
     *
     * @param obs normalised observations, {@code rows * obsDim}
     * @param chain chains x_0 .. x_K, {@code rows * (K + 1) * xDim}
     */
    public void writeChainSteps(float[] obs, float[] chain, int rows, float[] inputs, float[] from, float[] to) {
        int k = steps;
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < k; s++) {
                int row = r * k + s;
                int c = r * (k + 1) + s;
                FlowNetwork.writeInput(obsDim, xDim, obs, r, chain, c, (double) s / k, inputs, row);
                System.arraycopy(chain, c * xDim, from, row * xDim, xDim);
                System.arraycopy(chain, (c + 1) * xDim, to, row * xDim, xDim);
            }
        }
    }

    /** The factor on the network's output. */
    public double outputScale() {
        return outputScale;
    }

    /** A plain-Java copy of the current weights. */
    public Snapshot snapshot() {
        return new Snapshot(net.snapshot(), xDim, steps, outputScale);
    }

    /** Frozen weights evaluated in plain Java. */
    public static final class Snapshot {
        private final FlowNetwork.Snapshot net;
        private final int xDim;
        private final int steps;
        private final double outputScale;

        private Snapshot(FlowNetwork.Snapshot net, int xDim, int steps, double outputScale) {
            this.net = net;
            this.xDim = xDim;
            this.steps = steps;
            this.outputScale = outputScale;
        }

        /** Width of one network input row. */
        public int inputSize() {
            return net.inputSize();
        }

        /** The flow network (before the output scale). */
        public FlowNetwork.Snapshot network() {
            return net;
        }

        /** Euler steps K. */
        public int steps() {
            return steps;
        }

        /** The factor on the network's output. */
        public double outputScale() {
            return outputScale;
        }

        /** Evaluates prepared input rows into velocities ({@code rows * xDim}). */
        public void velocity(float[] inputs, int rows, float[] out) {
            net.forward(inputs, rows, out);
            float scale = (float) outputScale;
            for (int i = 0; i < rows * xDim; i++) {
                out[i] *= scale;
            }
        }

        /**
         * Integrates the flow from {@code x0} for {@code rows} observations.
         *
         * @param obs normalised observations, {@code rows * obsDim}
         * @param x0 starting points, {@code rows * xDim}
         * @param sigma noise added at each step (0: the deterministic Euler ODE; no draws are made)
         * @param rng source of the step noise (drawn step by step, {@code rows * xDim} values each)
         * @param chain if not null, receives x_0 .. x_K per row, {@code rows * (K + 1) * xDim}
         * @param logLik if not null (and sigma > 0), receives the per-step log-likelihoods of the
         *     chain, {@code rows * K}
         * @param out the final points x_K, {@code rows * xDim}
         */
        public void sample(
                float[] obs, float[] x0, int rows, double sigma, Rng rng, float[] chain, float[] logLik, float[] out) {
            int d = xDim;
            float[] x = x0.clone();
            float[] inputs = new float[rows * net.inputSize()];
            float[] v = new float[rows * d];
            float[] z = new float[rows * d];
            float dt = 1f / steps;
            float sig = (float) sigma;
            double logNorm = d * (StrictMath.log(sigma) + HALF_LOG_2PI);
            for (int s = 0; s < steps; s++) {
                if (chain != null) {
                    copyRows(x, s, rows, chain);
                }
                net.writeInputs(obs, x, (double) s / steps, rows, inputs);
                velocity(inputs, rows, v);
                if (sigma > 0) {
                    rng.fillGaussian(z);
                }
                for (int r = 0; r < rows; r++) {
                    double sq = 0;
                    for (int j = 0; j < d; j++) {
                        int i = r * d + j;
                        float mean = x[i] + v[i] * dt;
                        x[i] = sigma > 0 ? mean + sig * z[i] : mean;
                        float zz = (x[i] - mean) / sig;
                        sq += (double) zz * zz;
                    }
                    if (logLik != null && sigma > 0) {
                        logLik[r * steps + s] = (float) (-0.5 * sq - logNorm);
                    }
                }
            }
            if (chain != null) {
                copyRows(x, steps, rows, chain);
            }
            System.arraycopy(x, 0, out, 0, rows * d);
        }

        private void copyRows(float[] x, int step, int rows, float[] chain) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, r * xDim, chain, (r * (steps + 1) + step) * xDim, xDim);
            }
        }
    }
}
