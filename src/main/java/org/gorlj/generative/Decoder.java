package org.gorlj.generative;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import org.gorlj.nn.Activation;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.util.Rng;

/**
 * A conditional generative decoder a = g(s, eps): maps a normalised observation and a latent
 * eps ~ N(0, I) (of the action's size) to a pre-squash action by integrating a
 * {@link FlowNetwork} over a fixed number of steps. A fresh decoder is the identity, g(s, eps) = eps.
 * It is trained by regression on examples built from (observation, action) pairs and fresh noise
 * ({@link #examples}); the plain-Java {@link Sampler} decodes for rollouts.
 *
 * <p>A decoder fitted with its own {@link ObservationStats} (frozen from its data set) reads raw
 * observations through {@link #observationSampler()}; one without (the identity decoder, decoders
 * of checkpoints written before decoders had statistics, {@code decoder_obs_stats=encoder}) reads
 * the observations as the RL algorithm gives them to its action map. A decoder fitted with an
 * {@link ActionScale} regresses standardised actions and maps its network's output back to action
 * units in {@link #sampler()}.
 */
public abstract sealed class Decoder implements AutoCloseable permits FlowDecoder, DiffusionDecoder {
    /** The two decoder families. */
    public enum Kind {
        /** Flow matching with Euler sampling (GoRL-FM). */
        FLOW,
        /** DDPM epsilon-prediction with DDIM (eta = 0) sampling (GoRL-Diff). */
        DIFFUSION;

        /** Parses {@code flow} or {@code diffusion}. */
        public static Kind parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** Decodes latents in plain Java; safe to share between threads. */
    public interface Sampler {
        /**
         * Decodes {@code rows} latents.
         *
         * @param obs normalised observations, {@code rows * obsDim}
         * @param eps latents, {@code rows * actDim}
         * @param out pre-squash actions, {@code rows * actDim}
         */
        void decode(float[] obs, float[] eps, int rows, float[] out);
    }

    protected final ParamStore store;
    protected final FlowNetwork net;
    protected final int steps;
    private ObservationStats observationStats;
    private ActionScale actionScale;

    protected Decoder(int obsDim, int actDim, int[] hidden, Activation activation, int steps, Rng rng) {
        this.store = new ParamStore();
        this.net = new FlowNetwork(store, "decoder", obsDim, actDim, hidden, activation, rng);
        this.steps = steps;
    }

    /** A fresh (identity) decoder of the given kind, with {@code steps} integration steps. */
    public static Decoder create(
            Kind kind, int obsDim, int actDim, int[] hidden, Activation activation, int steps, Rng rng) {
        return switch (kind) {
            case FLOW -> new FlowDecoder(obsDim, actDim, hidden, activation, steps, rng);
            case DIFFUSION -> new DiffusionDecoder(obsDim, actDim, hidden, activation, steps, rng);
        };
    }

    /** The trainable parameters. */
    public ParamStore store() {
        return store;
    }

    /** Action (and latent) size. */
    public int actDim() {
        return net.xDim();
    }

    /** Width of one training input row. */
    public int inputSize() {
        return net.inputSize();
    }

    /**
     * Builds {@code samples} regression examples for each of the data points
     * {@code indices[from .. from + count)}, each with a time drawn from {@code rng} and fresh noise
     * from it too, or the data point's own noise (a coupling of noise and action).
     * Example {@code j * samples + k} belongs to the j-th data point.
     *
     * @param obs normalised observations of the data set
     * @param actions pre-squash actions of the data set
     * @param noise the noise paired with each action (the latent that produced it, standardised), or
     *     null for fresh N(0, I) noise per example
     * @param inputs output, {@code count * samples * inputSize()}
     * @param targets output, {@code count * samples * actDim()}
     */
    public abstract void examples(
            float[] obs,
            float[] actions,
            int[] indices,
            int from,
            int count,
            int samples,
            float[] noise,
            Rng rng,
            float[] inputs,
            float[] targets);

    /**
     * The regression loss of {@code n} examples: the mean over examples of the squared error summed
     * over action dimensions (the flow-matching or DDPM loss). Inputs are made in {@code manager}.
     */
    public NDArray loss(NDManager manager, float[] inputs, float[] targets, int n) {
        return loss(manager, inputs, targets, 0, n);
    }

    /** The regression loss of the {@code n} examples from example {@code from} of {@code inputs} and {@code targets}. */
    public NDArray loss(NDManager manager, float[] inputs, float[] targets, int from, int n) {
        NDArray in = Tensors.create(manager, inputs, from * inputSize(), new Shape(n, inputSize()));
        NDArray target = Tensors.create(manager, targets, from * actDim(), new Shape(n, actDim()));
        return net.forward(in).sub(target).square().sum(new int[] {-1}).mean();
    }

    /** Integration (Euler or DDIM) steps K. */
    public int steps() {
        return steps;
    }

    /** A frozen plain-Java copy of the network's current weights (for export). */
    public FlowNetwork.Snapshot networkSnapshot() {
        return net.snapshot();
    }

    /**
     * A frozen plain-Java sampler of the current weights, on observations as the network reads them,
     * in action units (through the decoder's {@link ActionScale} when it has one).
     */
    public Sampler sampler() {
        Sampler inner = networkSampler();
        ActionScale scale = actionScale;
        if (scale == null) {
            return inner;
        }
        return (obs, eps, rows, out) -> {
            inner.decode(obs, eps, rows, out);
            scale.restore(out, rows);
        };
    }

    /** A frozen plain-Java sampler of the network alone: what it integrates the latent to. */
    protected abstract Sampler networkSampler();

    /** The decoder's own action scale, or null when its network decodes in action units. */
    public ActionScale actionScale() {
        return actionScale;
    }

    /** Freezes the action scale the decoder is fitted and decodes with (null: none). */
    public void setActionScale(ActionScale scale) {
        this.actionScale = scale;
    }

    /** The decoder's own observation statistics, or null when it reads observations as given. */
    public ObservationStats observationStats() {
        return observationStats;
    }

    /** Freezes the observation statistics the decoder is fitted and decodes with (null: none). */
    public void setObservationStats(ObservationStats stats) {
        this.observationStats = stats;
    }

    /**
     * A frozen sampler that takes raw observations and normalises them with the decoder's own
     * statistics; without statistics, {@link #sampler()}.
     */
    public Sampler observationSampler() {
        Sampler inner = sampler();
        ObservationStats stats = observationStats;
        if (stats == null) {
            return inner;
        }
        return (obs, eps, rows, out) -> {
            float[] normalised = new float[rows * stats.dim()];
            stats.normalize(obs, rows, normalised);
            inner.decode(normalised, eps, rows, out);
        };
    }

    @Override
    public void close() {
        store.close();
    }
}
