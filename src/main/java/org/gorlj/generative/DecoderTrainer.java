package org.gorlj.generative;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.nn.Adam;
import org.gorlj.nn.Torch;
import org.gorlj.run.DivergenceException;
import org.gorlj.util.Rng;

/**
 * Supervised training of a {@link Decoder} on a data set of (normalised observation, pre-squash
 * action) pairs, one epoch per {@link #runEpoch()} call: a fixed validation split, Adam on
 * minibatches of data points each expanded into {@code samples} examples with fresh noise, the
 * weights of the best validation loss kept, early stopping after {@code patience} epochs without
 * improvement. Validation examples are drawn once, so validation losses of different epochs are
 * comparable. All randomness derives from one seed and the epoch number, so the state to save
 * between epochs is the weights, the optimiser and a few counters ({@link #save}, {@link #load}).
 */
public final class DecoderTrainer {
    /**
     * Training settings.
     *
     * @param learningRate Adam step size
     * @param batch data points per minibatch
     * @param epochs maximum passes over the training split
     * @param patience epochs without a better validation loss before stopping
     * @param validationFraction share of the data set held out
     * @param samples (noise, time) examples per data point
     * @param cosine the step size decays from {@code learningRate} to 0 over the epoch budget along a
     *     half cosine (false: constant)
     * @param threads the engine's intra-op threads while an epoch or a validation runs, the count it
     *     had restored afterwards (0: the count it has, {@code torch_threads})
     */
    public record Settings(
            double learningRate,
            int batch,
            int epochs,
            int patience,
            double validationFraction,
            int samples,
            boolean cosine,
            int threads) {
        /** Settings with a constant step size, on the engine's threads. */
        public Settings(
                double learningRate, int batch, int epochs, int patience, double validationFraction, int samples) {
            this(learningRate, batch, epochs, patience, validationFraction, samples, false, 0);
        }
    }

    /**
     * What one epoch did.
     *
     * @param threads the engine's intra-op thread count while the epoch ran
     */
    public record EpochStats(int epoch, double trainLoss, double validationLoss, boolean finished, int threads) {}

    private static final int VALIDATION_CHUNK = 16_384;

    private final Decoder decoder;
    private final Settings settings;
    private final float[] obs;
    private final float[] actions;
    private final float[] noise;
    private final long seed;
    private final int[] trainIndices;
    private final float[] validationInputs;
    private final float[] validationTargets;
    private final int validationExamples;
    private final Adam adam;
    private int epoch;
    private int epochsSinceBest;
    private double bestValidationLoss = Double.POSITIVE_INFINITY;
    private Map<String, float[]> bestWeights;

    /**
     * Prepares training of {@code decoder} on the first {@code size} pairs of {@code obs} and
     * {@code actions} with fresh noise; the split and validation noise come from {@code seed}.
     */
    public DecoderTrainer(Decoder decoder, float[] obs, float[] actions, int size, Settings settings, long seed) {
        this(decoder, obs, actions, null, size, settings, seed);
    }

    /**
     * Prepares training on pairs each coupled with its own noise ({@code noise}, the action's size per
     * pair; null for fresh noise): the decoder then learns the map from that noise to the action.
     */
    public DecoderTrainer(
            Decoder decoder, float[] obs, float[] actions, float[] noise, int size, Settings settings, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("a decoder data set needs at least 2 pairs, got " + size);
        }
        this.decoder = decoder;
        this.settings = settings;
        this.obs = obs;
        this.actions = actions;
        this.noise = noise;
        this.seed = seed;
        Rng setup = new Rng(seed);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        setup.shuffle(order);
        int validation = Math.clamp(Math.round(size * settings.validationFraction()), 1, size - 1);
        int[] validationIndices = java.util.Arrays.copyOfRange(order, 0, validation);
        this.trainIndices = java.util.Arrays.copyOfRange(order, validation, size);
        this.validationExamples = validation * settings.samples();
        this.validationInputs = new float[validationExamples * decoder.inputSize()];
        this.validationTargets = new float[validationExamples * decoder.actDim()];
        decoder.examples(
                obs,
                actions,
                validationIndices,
                0,
                validation,
                settings.samples(),
                noise,
                setup,
                validationInputs,
                validationTargets);
        this.adam = new Adam(List.of(decoder.store()), 0.9, 0.999, 1e-8);
    }

    /** The decoder being trained. */
    public Decoder decoder() {
        return decoder;
    }

    /** Epochs run so far. */
    public int epoch() {
        return epoch;
    }

    /** True once the epoch budget is spent or patience ran out. */
    public boolean finished() {
        return epoch >= settings.epochs() || epochsSinceBest >= settings.patience();
    }

    /** The best validation loss so far. */
    public double bestValidationLoss() {
        return bestValidationLoss;
    }

    /**
     * One pass over the training split, then the validation loss, on {@link Settings#threads} intra-op
     * threads (the engine's count is restored on return, also when an exception leaves the epoch).
     */
    public EpochStats runEpoch() {
        if (finished()) {
            throw new IllegalStateException("decoder training already finished");
        }
        try (Torch.IntraOpThreads _ = Torch.intraOpThreads(settings.threads())) {
            return epochOnTheseThreads();
        }
    }

    private EpochStats epochOnTheseThreads() {
        int threads = Torch.intraOpThreads();
        Rng rng = new Rng(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        int[] order = trainIndices.clone();
        rng.shuffle(order);
        int samples = settings.samples();
        int batch = Math.min(settings.batch(), order.length);
        float[] inputs = new float[batch * samples * decoder.inputSize()];
        float[] targets = new float[batch * samples * decoder.actDim()];
        double lossSum = 0;
        int batches = 0;
        int stepsPerEpoch = (order.length + batch - 1) / batch;
        for (int from = 0; from < order.length; from += batch) {
            int count = Math.min(batch, order.length - from);
            decoder.examples(obs, actions, order, from, count, samples, noise, rng, inputs, targets);
            try (NDManager mb = decoder.store().manager().newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = decoder.loss(mb, inputs, targets, count * samples);
                float value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    throw new DivergenceException("decoder loss is " + value + " at epoch " + epoch);
                }
                gc.backward(loss);
                lossSum += value;
            }
            adam.step(
                    learningRate(epoch * (long) stepsPerEpoch + batches, settings.epochs() * (long) stepsPerEpoch), 0);
            batches++;
        }
        double validation = validationLossOnTheseThreads();
        epoch++;
        if (validation < bestValidationLoss) {
            bestValidationLoss = validation;
            bestWeights = decoder.store().export();
            epochsSinceBest = 0;
        } else {
            epochsSinceBest++;
        }
        return new EpochStats(epoch, lossSum / batches, validation, finished(), threads);
    }

    /** The step size of Adam step {@code step} of {@code total} planned ones. */
    double learningRate(long step, long total) {
        return settings.cosine()
                ? settings.learningRate() * 0.5 * (1 + Math.cos(Math.PI * step / total))
                : settings.learningRate();
    }

    /** Mean validation loss of the current weights, on {@link Settings#threads} intra-op threads. */
    public double validationLoss() {
        try (Torch.IntraOpThreads _ = Torch.intraOpThreads(settings.threads())) {
            return validationLossOnTheseThreads();
        }
    }

    private double validationLossOnTheseThreads() {
        double sum = 0;
        for (int from = 0; from < validationExamples; from += VALIDATION_CHUNK) {
            int n = Math.min(VALIDATION_CHUNK, validationExamples - from);
            try (NDManager mb = decoder.store().manager().newSubManager()) {
                sum += (double) decoder.loss(mb, validationInputs, validationTargets, from, n)
                                .getFloat()
                        * n;
            }
        }
        return sum / validationExamples;
    }

    /** Loads the best-validation weights into the decoder and returns it. */
    public Decoder finish() {
        if (bestWeights != null) {
            decoder.store().load(bestWeights);
        }
        return decoder;
    }

    /** Writes weights, optimiser state, best weights and counters under {@code prefix}. */
    public void save(Map<String, float[]> tensors, Map<String, Object> meta, String prefix) {
        decoder.store().export().forEach((k, v) -> tensors.put(prefix + "weights." + k, v));
        adam.export().forEach((k, v) -> tensors.put(prefix + "adam." + k, v));
        if (bestWeights != null) {
            bestWeights.forEach((k, v) -> tensors.put(prefix + "best." + k, v));
            meta.put(prefix + "best_validation_loss", bestValidationLoss);
        }
        meta.put(prefix + "epoch", epoch);
        meta.put(prefix + "epochs_since_best", epochsSinceBest);
        meta.put(prefix + "adam_steps", adam.steps());
    }

    /** Restores what {@link #save} wrote (the trainer must have been built on the same data and seed). */
    public void load(Map<String, float[]> tensors, Map<String, Object> meta, String prefix) {
        decoder.store().load(withoutPrefix(tensors, prefix + "weights."));
        adam.load(withoutPrefix(tensors, prefix + "adam."));
        Map<String, float[]> best = withoutPrefix(tensors, prefix + "best.");
        bestWeights = best.isEmpty() ? null : best;
        epoch = ((Number) meta.get(prefix + "epoch")).intValue();
        epochsSinceBest = ((Number) meta.get(prefix + "epochs_since_best")).intValue();
        bestValidationLoss = bestWeights == null
                ? Double.POSITIVE_INFINITY
                : ((Number) meta.get(prefix + "best_validation_loss")).doubleValue();
        adam.setSteps(((Number) meta.get(prefix + "adam_steps")).longValue());
    }

    /** The entries of {@code map} whose names start with {@code prefix}, with the prefix removed. */
    public static Map<String, float[]> withoutPrefix(Map<String, float[]> map, String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
