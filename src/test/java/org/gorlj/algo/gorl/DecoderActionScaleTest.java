package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.generative.ActionScale;
import org.gorlj.generative.Decoder;
import org.gorlj.generative.DecoderTrainer;
import org.gorlj.nn.Activation;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** {@code decoder_action_scale=standard}: decoders regress standardised actions and decode in action units. */
class DecoderActionScaleTest {
    @Test
    void standardisedActionsHaveZeroMeanAndUnitStdAndRestoreExactlyEnough() {
        Rng r = new Rng(3);
        int n = 5000;
        float[] a = new float[n * 2];
        for (int i = 0; i < n; i++) {
            a[2 * i] = (float) (6 + 2.5 * r.nextGaussian());
            a[2 * i + 1] = (float) (-0.2 + 0.01 * r.nextGaussian());
        }
        ActionScale scale = ActionScale.of(a, n, 2);
        float[] z = scale.standardise(a, n);
        for (int j = 0; j < 2; j++) {
            double m = 0, v = 0;
            for (int i = 0; i < n; i++) {
                m += z[2 * i + j] / (double) n;
            }
            for (int i = 0; i < n; i++) {
                v += (z[2 * i + j] - m) * (z[2 * i + j] - m) / n;
            }
            assertThat(m).isCloseTo(0, within(1e-5));
            assertThat(v).isCloseTo(1, within(1e-4));
        }
        scale.restore(z, n);
        for (int i = 0; i < a.length; i++) {
            assertThat((double) z[i]).isCloseTo(a[i], within(1e-5 * Math.max(1, Math.abs(a[i]))));
        }
    }

    /**
     * A known coupled map with large pre-squash actions, a = 6 + 2.5 s + 1.5 eps per dimension (cheetah-run's
     * stage-0 policies act at |a| of 3-8): with the same short fit, the decoder with an action scale reproduces it
     * within 0.25 for every latent, at least 3x closer than the same fit on the raw actions.
     */
    @Test
    void aShortFitOfLargeActionsIsFarCloserWithTheScale() {
        double scaled = worstError(true);
        double raw = worstError(false);
        System.out.printf(
                "4-epoch fit of a = 6 + 2.5 s + 1.5 eps: worst error %.4f with the action scale, %.4f without%n",
                scaled, raw);
        assertThat(scaled).isLessThan(0.25);
        assertThat(scaled * 3).as("raw fit's worst error %s", raw).isLessThan(raw);
    }

    static double target(double s, double eps) {
        return 6 + 2.5 * s + 1.5 * eps;
    }

    static double worstError(boolean withScale) {
        int n = 3000;
        Rng r = new Rng(21);
        float[] obs = new float[n];
        float[] noise = new float[n];
        float[] act = new float[n];
        for (int i = 0; i < n; i++) {
            obs[i] = (float) r.uniform(-1, 1);
            noise[i] = (float) r.nextGaussian();
            act[i] = (float) target(obs[i], noise[i]);
        }
        Decoder d = Decoder.create(Decoder.Kind.FLOW, 1, 1, new int[] {32, 32}, Activation.SILU, 10, new Rng(22));
        float[] targets = act;
        if (withScale) {
            ActionScale scale = ActionScale.of(act, n, 1);
            targets = scale.standardise(act, n);
            d.setActionScale(scale);
        }
        DecoderTrainer t =
                new DecoderTrainer(d, obs, targets, noise, n, new DecoderTrainer.Settings(3e-3, 128, 4, 4, 0.1, 8), 23);
        while (!t.finished()) {
            t.runEpoch();
        }
        try (Decoder fitted = t.finish()) {
            Decoder.Sampler sampler = fitted.sampler();
            Rng test = new Rng(24);
            double worst = 0;
            for (int i = 0; i < 200; i++) {
                float[] o = {(float) test.uniform(-0.9, 0.9)};
                float[] eps = {(float) test.uniform(-2, 2)};
                float[] out = new float[1];
                sampler.decode(o, eps, 1, out);
                worst = Math.max(worst, Math.abs(out[0] - target(o[0], eps[0])));
            }
            return worst;
        }
    }

    @Test
    void theScaleIsFittedAtABoundarySavedWithTheDecoderAndAbsentInOldCheckpoints() {
        try (GorlAlgorithm g =
                DecoderObservationStatsTest.create("decoder_action_scale=standard", "decoder_coupling=latent")) {
            GorlAlgorithmTest.trace(g, 7); // through the first refit
            assertThat(g.stage()).isEqualTo(1);
            ActionScale scale = g.decoder().actionScale();
            assertThat(scale).isNotNull();
            float[] obs = {0.3f, -0.2f, 0.5f};
            float[] eps = {0.4f};
            float[] decoded = new float[1];
            g.decoder().observationSampler().decode(obs, eps, 1, decoded);

            CheckpointData saved = new CheckpointData();
            g.save(saved);
            try (GorlAlgorithm h =
                    DecoderObservationStatsTest.create("decoder_action_scale=standard", "decoder_coupling=latent")) {
                h.load(saved);
                assertThat(h.decoder().actionScale().mean()).isEqualTo(scale.mean());
                assertThat(h.decoder().actionScale().std()).isEqualTo(scale.std());
                float[] again = new float[1];
                h.decoder().observationSampler().decode(obs, eps, 1, again);
                assertThat(again).isEqualTo(decoded);
            }
            saved.tensors().remove("gorl.decoder_act.mean");
            saved.tensors().remove("gorl.decoder_act.std");
            try (GorlAlgorithm h = DecoderObservationStatsTest.create()) {
                h.load(saved);
                assertThat(h.decoder().actionScale()).isNull();
            }
        }
        try (GorlAlgorithm g = DecoderObservationStatsTest.create()) {
            GorlAlgorithmTest.trace(g, 7);
            assertThat(g.decoder().actionScale())
                    .as("the default fits raw actions")
                    .isNull();
        }
    }
}
