package org.gorlj.generative;

import ai.djl.ndarray.NDArray;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;
import org.gorlj.nn.Mlp;
import org.gorlj.nn.ParamStore;
import org.gorlj.util.Rng;

/**
 * The network of the generative decoders: an MLP from {@code [normalised observation, x, time
 * embedding(t)]} to a vector of x's size (a velocity for flow matching, a noise prediction for
 * diffusion). Hidden layers use LeCun-uniform weights (Flax's default); the output layer starts
 * at zero, so a fresh network outputs exactly 0.
 */
public final class FlowNetwork {
    private final Mlp mlp;
    private final int obsDim;
    private final int xDim;

    /** Builds the network in {@code store} under {@code prefix}. */
    public FlowNetwork(
            ParamStore store, String prefix, int obsDim, int xDim, int[] hidden, Activation activation, Rng rng) {
        this.obsDim = obsDim;
        this.xDim = xDim;
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputSize(obsDim, xDim);
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = xDim;
        this.mlp = new Mlp(store, prefix, sizes, activation, Init.LECUN_UNIFORM, 1.0, 0.0, rng);
    }

    /** Width of one input row for the given sizes. */
    public static int inputSize(int obsDim, int xDim) {
        return obsDim + xDim + TimeEmbedding.DIM;
    }

    /** Width of one input row. */
    public int inputSize() {
        return inputSize(obsDim, xDim);
    }

    /** Size of x (and of the output). */
    public int xDim() {
        return xDim;
    }

    /**
     * Writes input row {@code row} of {@code input}: observation row {@code obsRow} of {@code obs},
     * x row {@code xRow} of {@code x}, and the embedding of {@code t}.
     */
    public void writeInput(float[] obs, int obsRow, float[] x, int xRow, double t, float[] input, int row) {
        writeInput(obsDim, xDim, obs, obsRow, x, xRow, t, input, row);
    }

    /**
     * Writes input row {@code row} of {@code input} for a network of the given sizes: observation row
     * {@code obsRow} of {@code obs}, x row {@code xRow} of {@code x}, and the embedding of {@code t}.
     */
    public static void writeInput(
            int obsDim, int xDim, float[] obs, int obsRow, float[] x, int xRow, double t, float[] input, int row) {
        int embeddingAt = writeObservationAndX(obsDim, xDim, obs, obsRow, x, xRow, input, row);
        TimeEmbedding.write(t, input, embeddingAt);
    }

    /** Writes the observation and x parts of input row {@code row}; returns where its embedding goes. */
    private static int writeObservationAndX(
            int obsDim, int xDim, float[] obs, int obsRow, float[] x, int xRow, float[] input, int row) {
        int base = row * inputSize(obsDim, xDim);
        System.arraycopy(obs, obsRow * obsDim, input, base, obsDim);
        System.arraycopy(x, xRow * xDim, input, base + obsDim, xDim);
        return base + obsDim + xDim;
    }

    /** Evaluates a {@code [batch, inputSize]} tensor (result attached to its manager). */
    public NDArray forward(NDArray input) {
        return mlp.forward(input);
    }

    /** A plain-Java copy of the current weights. */
    public Snapshot snapshot() {
        return new Snapshot(obsDim, xDim, mlp.snapshot());
    }

    /** Frozen network evaluated in plain Java. */
    public static final class Snapshot {
        private final int obsDim;
        private final int xDim;
        private final Mlp.Snapshot mlp;

        private Snapshot(int obsDim, int xDim, Mlp.Snapshot mlp) {
            this.obsDim = obsDim;
            this.xDim = xDim;
            this.mlp = mlp;
        }

        /**
         * Evaluates the network at one time {@code t} for {@code rows} (observation, x) pairs into
         * {@code out} ({@code rows * xDim}); {@code input} is scratch space of {@code rows * inputSize}.
         */
        public void evaluate(float[] obs, float[] x, double t, int rows, float[] input, float[] out) {
            writeInputs(obs, x, t, rows, input);
            mlp.forward(input, rows, out);
        }

        /**
         * Writes the {@code rows} input rows of {@link #evaluate} into {@code input}: row r holds
         * observation row r, x row r and the embedding of {@code t} (computed once for all rows).
         */
        public void writeInputs(float[] obs, float[] x, double t, int rows, float[] input) {
            int firstEmbedding = obsDim + xDim;
            TimeEmbedding.write(t, input, firstEmbedding); // computed once, copied to every row
            for (int r = 0; r < rows; r++) {
                int embeddingAt = writeObservationAndX(obsDim, xDim, obs, r, x, r, input, r);
                if (r > 0) {
                    System.arraycopy(input, firstEmbedding, input, embeddingAt, TimeEmbedding.DIM);
                }
            }
        }

        /** Evaluates {@code rows} input rows already written by {@link FlowNetwork#writeInput} into {@code out}. */
        public void forward(float[] input, int rows, float[] out) {
            mlp.forward(input, rows, out);
        }

        /** Width of one input row. */
        public int inputSize() {
            return FlowNetwork.inputSize(obsDim, xDim);
        }

        /** Observation width of an input row. */
        public int obsDim() {
            return obsDim;
        }

        /** Size of x (and of the output). */
        public int xDim() {
            return xDim;
        }

        /** The MLP over {@code [observation, x, time embedding]}. */
        public Mlp.Snapshot mlp() {
            return mlp;
        }
    }
}
