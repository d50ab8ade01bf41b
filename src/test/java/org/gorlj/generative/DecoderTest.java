package org.gorlj.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Tensors;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties of the decoders that need no training: identity at creation, exact Euler, deterministic DDIM. */
class DecoderTest {
    static final int OBS = 3;
    static final int ACT = 2;
    static final int ROWS = 500;

    static Decoder fresh(Decoder.Kind kind, long seed) {
        return Decoder.create(kind, OBS, ACT, new int[] {32, 32}, Activation.SILU, 10, new Rng(seed));
    }

    static float[] gaussian(int n, long seed, double scale) {
        float[] a = new float[n];
        Rng r = new Rng(seed);
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    static float[] decode(Decoder d, float[] obs, float[] eps) {
        float[] out = new float[eps.length];
        d.sampler().decode(obs, eps, eps.length / d.actDim(), out);
        return out;
    }

    /** The output layer of the decoder's network, set to weights w and bias b. */
    static void setOutputLayer(Decoder d, float weight, float[] bias) {
        String last = d.store().names().get(d.store().names().size() - 1);
        String lastWeights = d.store().names().get(d.store().names().size() - 2);
        NDArray w = d.store().get(lastWeights);
        float[] values = new float[(int) w.size()];
        Arrays.fill(values, weight);
        Tensors.set(w, values);
        Tensors.set(d.store().get(last), bias);
    }

    @ParameterizedTest
    @EnumSource(Decoder.Kind.class)
    void freshDecoderIsTheIdentity(Decoder.Kind kind) {
        try (Decoder d = fresh(kind, 1)) {
            float[] obs = gaussian(ROWS * OBS, 2, 3);
            float[] eps = gaussian(ROWS * ACT, 3, 2);
            float[] out = decode(d, obs, eps);
            for (int i = 0; i < eps.length; i++) {
                assertThat((double) out[i]).isCloseTo(eps[i], within(1e-3));
            }
            if (kind == Decoder.Kind.FLOW) {
                assertThat(out).as("zero velocity: exactly eps").isEqualTo(eps);
            }
        }
    }

    @Test
    void eulerIsExactForAConstantVelocityField() {
        try (Decoder d = fresh(Decoder.Kind.FLOW, 4)) {
            setOutputLayer(d, 0f, new float[] {0.75f, -1.5f});
            float[] obs = gaussian(ROWS * OBS, 5, 1);
            float[] eps = gaussian(ROWS * ACT, 6, 1);
            float[] out = decode(d, obs, eps);
            for (int r = 0; r < ROWS; r++) {
                assertThat((double) out[r * 2]).isCloseTo(eps[r * 2] + 0.75, within(1e-5));
                assertThat((double) out[r * 2 + 1]).isCloseTo(eps[r * 2 + 1] - 1.5, within(1e-5));
            }
        }
    }

    @Test
    void ddimWithEtaZeroIsDeterministicGivenEps() {
        try (Decoder d = fresh(Decoder.Kind.DIFFUSION, 7)) {
            setOutputLayer(d, 0.05f, new float[] {0.1f, -0.2f});
            float[] obs = gaussian(ROWS * OBS, 8, 1);
            float[] eps = gaussian(ROWS * ACT, 9, 1);
            float[] first = decode(d, obs, eps);
            assertThat(decode(d, obs, eps)).isEqualTo(first);
            assertThat(decode(d, obs, eps.clone())).isEqualTo(first);
            assertThat(first).as("a non-zero network changes the output").isNotEqualTo(eps);
            float[] otherEps = gaussian(ROWS * ACT, 10, 1);
            assertThat(decode(d, obs, otherEps)).isNotEqualTo(first);
        }
    }

    /**
     * The training examples pair each data point with fresh noise: recovered from the flow-matching
     * targets (eps = a - target), the noise is standard normal, uncorrelated with the actions, and
     * differs between two draws for the same data points.
     */
    @Test
    void trainingExamplesUseFreshStandardNormalNoise() {
        try (Decoder d = fresh(Decoder.Kind.FLOW, 11)) {
            int n = 2000;
            int samples = 4;
            float[] obs = gaussian(n * OBS, 12, 1);
            float[] actions = new float[n * ACT];
            Arrays.fill(actions, 3f); // the latents that produced these were all 3: eps must not be
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> i);
            float[] in = new float[n * samples * d.inputSize()];
            float[] first = new float[n * samples * ACT];
            float[] second = new float[n * samples * ACT];
            Rng rng = new Rng(13);
            d.examples(obs, actions, idx, 0, n, samples, null, rng, in, first);
            d.examples(obs, actions, idx, 0, n, samples, null, rng, in, second);
            double sum = 0, sq = 0;
            for (float t : first) {
                double eps = 3 - t;
                sum += eps;
                sq += eps * eps;
            }
            double mean = sum / first.length;
            assertThat(mean).isCloseTo(0, within(0.03));
            assertThat(Math.sqrt(sq / first.length - mean * mean)).isCloseTo(1, within(0.03));
            assertThat(second).isNotEqualTo(first);
        }
    }
}
