package org.gorlj.generative;

import static org.assertj.core.api.Assertions.assertThat;

import org.gorlj.nn.Activation;
import org.gorlj.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A decoder fitted on actions coupled with the noise that produced them learns that map, not just
 * the distribution: for a = c(s) + R xi with R a quarter turn, decoding xi gives back c(s) + R xi
 * (the straight paths from xi to R xi never meet, so the coupled flow is exact), while with fresh
 * noise the decoder learns some map onto the same distribution N(c(s), I), here close to c(s) + xi.
 */
class LatentCouplingTest {
    static final int N = 2000;

    /** c(s) = (0.5 + s, -0.3 s): the action at xi = 0. */
    static double[] center(double s) {
        return new double[] {0.5 + s, -0.3 * s};
    }

    static Decoder fit(Decoder.Kind kind, boolean coupled) {
        Rng r = new Rng(7);
        float[] obs = new float[N];
        float[] noise = new float[2 * N];
        float[] act = new float[2 * N];
        for (int i = 0; i < N; i++) {
            obs[i] = (float) r.uniform(-1, 1);
            noise[2 * i] = (float) r.nextGaussian();
            noise[2 * i + 1] = (float) r.nextGaussian();
            double[] c = center(obs[i]);
            act[2 * i] = (float) (c[0] - noise[2 * i + 1]); // R (x, y) = (-y, x)
            act[2 * i + 1] = (float) (c[1] + noise[2 * i]);
        }
        Decoder d = Decoder.create(kind, 1, 2, new int[] {64, 64}, Activation.SILU, 20, new Rng(8));
        DecoderTrainer.Settings settings = new DecoderTrainer.Settings(3e-3, 100, 60, 60, 0.1, 4, true, 0);
        DecoderTrainer t = new DecoderTrainer(d, obs, act, coupled ? noise : null, N, settings, 9);
        while (!t.finished()) {
            t.runEpoch();
        }
        return t.finish();
    }

    /** The largest distance between the decoded actions and c(s) + R xi over a grid of s and xi. */
    static double worstError(Decoder d) {
        Decoder.Sampler sampler = d.sampler();
        double worst = 0;
        for (double s : new double[] {-0.8, 0, 0.8}) {
            for (double[] xi : new double[][] {{0, 0}, {1, 0}, {0, 1}, {-1, 0.5}}) {
                float[] out = new float[2];
                sampler.decode(new float[] {(float) s}, new float[] {(float) xi[0], (float) xi[1]}, 1, out);
                double[] c = center(s);
                worst = Math.max(worst, Math.hypot(out[0] - (c[0] - xi[1]), out[1] - (c[1] + xi[0])));
            }
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(Decoder.Kind.class)
    void aCoupledFitLearnsTheMapFromNoiseToAction(Decoder.Kind kind) {
        try (Decoder coupled = fit(kind, true);
                Decoder independent = fit(kind, false)) {
            double coupledError = worstError(coupled);
            double independentError = worstError(independent);
            System.out.printf("%s: worst error coupled %.3f, independent %.3f%n", kind, coupledError, independentError);
            assertThat(coupledError).isLessThan(0.3);
            assertThat(independentError).isGreaterThan(0.8); // xi = (1, 0) lands near c + (1, 0), not c + (0, 1)
        }
    }
}
