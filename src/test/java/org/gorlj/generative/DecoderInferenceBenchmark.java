package org.gorlj.generative;

import org.gorlj.nn.Activation;
import org.gorlj.util.Rng;

/**
 * Measures the plain-Java decoding cost per environment step (one decoded latent) of both decoders
 * with the paper's network (4 x 64, SiLU) and K = 10, for a few observation / action sizes and
 * batch sizes (the number of environment copies decoded together). The output layer gets small
 * random weights: a fresh decoder's zero output layer would be skipped as the identity. Run as
 * recorded in {@code bench/gorl-two-modes.md}.
 */
public final class DecoderInferenceBenchmark {
    private DecoderInferenceBenchmark() {}

    /** Prints one line per (decoder, sizes, batch): microseconds per decoded latent. */
    public static void main(String[] args) {
        int[][] sizes = {{1, 1}, {3, 1}, {17, 6}, {67, 21}};
        int[] batches = {1, 32, 2048};
        for (Decoder.Kind kind : Decoder.Kind.values()) {
            for (int[] s : sizes) {
                try (Decoder d =
                        Decoder.create(kind, s[0], s[1], new int[] {64, 64, 64, 64}, Activation.SILU, 10, new Rng(1))) {
                    float[] outputWeights = new float[64 * s[1]];
                    new Rng(4).fillGaussian(outputWeights);
                    for (int i = 0; i < outputWeights.length; i++) {
                        outputWeights[i] *= 0.05f;
                    }
                    d.store().get("decoder.w4").set(outputWeights);
                    Decoder.Sampler sampler = d.sampler();
                    for (int batch : batches) {
                        float[] obs = new float[batch * s[0]];
                        float[] eps = new float[batch * s[1]];
                        float[] out = new float[batch * s[1]];
                        new Rng(2).fillGaussian(obs);
                        new Rng(3).fillGaussian(eps);
                        int reps = Math.max(20, 40_000 / batch);
                        for (int i = 0; i < reps; i++) {
                            sampler.decode(obs, eps, batch, out);
                        }
                        long t0 = System.nanoTime();
                        for (int i = 0; i < reps; i++) {
                            sampler.decode(obs, eps, batch, out);
                        }
                        double us = (System.nanoTime() - t0) * 1e-3 / ((double) reps * batch);
                        System.out.printf(
                                "%-9s obs %2d act %2d batch %4d: %7.2f us per env step%n",
                                kind.name().toLowerCase(java.util.Locale.ROOT), s[0], s[1], batch, us);
                    }
                }
            }
        }
    }
}
