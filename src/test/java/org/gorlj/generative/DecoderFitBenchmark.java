package org.gorlj.generative;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Torch;
import org.gorlj.util.Rng;

/**
 * Times decoder fit epochs at the {@code cpu} preset's sizes on a synthetic data set of
 * dmc/cheetah-run's shapes (17 observation, 6 action dimensions): 65,536 pairs with their latent
 * noise ({@code decoder_coupling=latent}), 8 examples per pair, 1,024 pairs per Adam step, 64 x 4
 * SiLU flow network. For each intra-op thread count given, in turn and repeated, it runs a few
 * epochs of a fresh trainer and prints per epoch the wall seconds, the process CPU seconds and the
 * seconds of example building ({@link Decoder#examples}, timed separately on the same sizes), so
 * thread counts are compared A B A B in one JVM under the same load. Arguments: thread counts
 * (default {@code 1,2}), rounds (default 2), epochs per round (default 3).
 */
public final class DecoderFitBenchmark {
    private static final int OBS = 17;
    private static final int ACT = 6;
    private static final int PAIRS = 65_536;

    private DecoderFitBenchmark() {}

    /** Prints one line per (round, thread count). */
    public static void main(String[] args) {
        int[] threads = args.length > 0
                ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Torch.start(1);
        float[] obs = new float[PAIRS * OBS];
        float[] actions = new float[PAIRS * ACT];
        float[] noise = new float[PAIRS * ACT];
        Rng data = new Rng(7);
        data.fillGaussian(obs);
        data.fillGaussian(actions);
        data.fillGaussian(noise);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "examples() per epoch: %.3f s%n", examplesSeconds(obs, actions, noise));
        for (int round = 0; round < rounds; round++) {
            for (int n : threads) {
                DecoderTrainer.Settings settings = new DecoderTrainer.Settings(3e-4, 1024, 50, 20, 0.1, 8, false, n);
                try (Decoder d = Decoder.create(
                        Decoder.Kind.FLOW, OBS, ACT, new int[] {64, 64, 64, 64}, Activation.SILU, 10, new Rng(1))) {
                    DecoderTrainer trainer = new DecoderTrainer(d, obs, actions, noise, PAIRS, settings, 3);
                    double[] wall = new double[epochs];
                    double[] cpu = new double[epochs];
                    double loss = 0;
                    for (int e = 0; e < epochs; e++) {
                        long w0 = System.nanoTime();
                        long c0 = os.getProcessCpuTime();
                        loss = trainer.runEpoch().validationLoss();
                        wall[e] = (System.nanoTime() - w0) * 1e-9;
                        cpu[e] = (os.getProcessCpuTime() - c0) * 1e-9;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "round %d threads %d: epoch wall s %s, process cpu s %s, val loss %.17g, load %s%n",
                            round,
                            n,
                            fmt(wall),
                            fmt(cpu),
                            loss,
                            loadAverage());
                }
            }
        }
    }

    /** Seconds to build one epoch's training examples. */
    private static double examplesSeconds(float[] obs, float[] actions, float[] noise) {
        try (Decoder d = Decoder.create(
                Decoder.Kind.FLOW, OBS, ACT, new int[] {64, 64, 64, 64}, Activation.SILU, 10, new Rng(1))) {
            int[] order = new int[PAIRS];
            Arrays.setAll(order, i -> i);
            float[] inputs = new float[1024 * 8 * d.inputSize()];
            float[] targets = new float[1024 * 8 * ACT];
            Rng rng = new Rng(5);
            double best = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (int from = 0; from + 1024 <= PAIRS * 9 / 10; from += 1024) {
                    d.examples(obs, actions, order, from, 1024, 8, noise, rng, inputs, targets);
                }
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
            }
            return best;
        }
    }

    private static String fmt(double[] x) {
        StringBuilder b = new StringBuilder();
        for (double v : x) {
            b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.toString();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
