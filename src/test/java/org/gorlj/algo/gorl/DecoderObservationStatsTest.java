package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.generative.Decoder;
import org.gorlj.generative.DecoderTrainer;
import org.gorlj.generative.ObservationStats;
import org.gorlj.nn.Activation;
import org.gorlj.onpolicy.ObservationNormalizer;
import org.gorlj.run.CheckpointData;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** Each decoder reads observations through statistics frozen from its own data set. */
class DecoderObservationStatsTest {
    static final Task TASK = TaskRegistry.get("classic/pendulum");

    static GorlAlgorithm create(String... extra) {
        List<String> o = new ArrayList<>(LatentLearnersTest.PPO);
        o.addAll(LatentLearnersTest.STAGES);
        o.addAll(List.of(extra));
        Config c = RunConfig.resolve(TASK.name(), "gorl-fm", "auto", o).config();
        return (GorlAlgorithm) Algorithms.create("gorl-fm", c, TASK);
    }

    static float[] normalised(ObservationNormalizer norm, double[] raw) {
        float[] out = new float[raw.length];
        norm.normalize(raw, raw.length / norm.dim(), out);
        return out;
    }

    @Test
    void frozenDecoderStatisticsDoNotMoveWhenTheEncodersNormaliserDoes() {
        double[] raw = {0.9, -0.3, 4.0, -0.5, 0.8, -6.0};
        float[] rawF = {0.9f, -0.3f, 4.0f, -0.5f, 0.8f, -6.0f};
        float[] eps = {0.7f, -1.2f};
        try (GorlAlgorithm g = create()) {
            ObservationNormalizer encoderNorm =
                    ((PpoLatentLearner) g.latentLearner()).ppo().observationNormalizer();
            GorlAlgorithmTest.trace(g, 7); // through the first refit
            assertThat(g.stage()).isEqualTo(1);
            ObservationStats stats = g.decoder().observationStats();
            assertThat(stats).isNotNull();
            float[] mean = stats.mean().clone();
            float[] std = stats.std().clone();
            float[] encoderBefore = normalised(encoderNorm, raw);
            float[] decodedBefore = new float[2];
            g.decoder().observationSampler().decode(rawF, eps, 2, decodedBefore);
            GorlAlgorithmTest.trace(g, 3); // three RL iterations: the running normaliser moves
            assertThat(normalised(encoderNorm, raw))
                    .as("the encoder's normaliser moved")
                    .isNotEqualTo(encoderBefore);
            assertThat(g.decoder().observationStats().mean()).isEqualTo(mean);
            assertThat(g.decoder().observationStats().std()).isEqualTo(std);
            float[] decodedAfter = new float[2];
            g.decoder().observationSampler().decode(rawF, eps, 2, decodedAfter);
            assertThat(decodedAfter).isEqualTo(decodedBefore);

            // saved with the decoder; a checkpoint without them (older runs) leaves the decoder reading the learner's
            // input
            CheckpointData saved = new CheckpointData();
            g.save(saved);
            try (GorlAlgorithm h = create()) {
                h.load(saved);
                assertThat(h.decoder().observationStats().mean()).isEqualTo(mean);
                assertThat(h.decoder().observationStats().std()).isEqualTo(std);
            }
            saved.tensors().remove("gorl.decoder_obs.mean");
            saved.tensors().remove("gorl.decoder_obs.std");
            try (GorlAlgorithm h = create()) {
                h.load(saved);
                assertThat(h.decoder().observationStats()).isNull();
            }
        }
    }

    @Test
    void theEncoderSettingKeepsDecodersOnTheLearnersInput() {
        try (GorlAlgorithm g = create("decoder_obs_stats=encoder")) {
            GorlAlgorithmTest.trace(g, 7);
            assertThat(g.stage()).isEqualTo(1);
            assertThat(g.decoder().observationStats()).isNull();
        }
    }

    /**
     * A flow decoder fitted, through its own statistics, to the pre-squash actions of a known
     * deterministic policy on observations far from zero mean and unit scale reproduces the policy's
     * actions for any latent within 0.1 (the actions span about [-1.6, 1.6]).
     */
    @Test
    void aDecoderFittedToAKnownPolicyReproducesItsDeterministicActions() {
        int n = 4000;
        Rng r = new Rng(11);
        float[] raw = new float[n * 2];
        float[] actions = new float[n];
        for (int i = 0; i < n; i++) {
            raw[2 * i] = (float) (50 + 10 * r.uniform(-1, 1));
            raw[2 * i + 1] = (float) (-3 + 0.01 * r.uniform(-1, 1));
            actions[i] = (float) policy(raw[2 * i], raw[2 * i + 1]);
        }
        ObservationStats stats = ObservationStats.of(raw, n, 2);
        assertThat((double) stats.mean()[0]).isCloseTo(50, within(0.5));
        assertThat((double) stats.std()[1]).isCloseTo(0.01 / Math.sqrt(3), within(5e-4));
        float[] obs = new float[n * 2];
        stats.normalize(raw, n, obs);
        Decoder d = Decoder.create(Decoder.Kind.FLOW, 2, 1, new int[] {64, 64}, Activation.SILU, 10, new Rng(12));
        d.setObservationStats(stats);
        DecoderTrainer t =
                new DecoderTrainer(d, obs, actions, n, new DecoderTrainer.Settings(2e-3, 64, 30, 30, 0.1, 8), 13);
        while (!t.finished()) {
            t.runEpoch();
        }
        try (Decoder fitted = t.finish()) {
            Decoder.Sampler s = fitted.observationSampler();
            Rng test = new Rng(14);
            double worst = 0;
            for (int i = 0; i < 200; i++) {
                float[] o = {(float) (50 + 9 * test.uniform(-1, 1)), (float) (-3 + 0.009 * test.uniform(-1, 1))};
                float[] eps = {(float) test.nextGaussian()};
                float[] out = new float[1];
                s.decode(o, eps, 1, out);
                worst = Math.max(worst, Math.abs(out[0] - policy(o[0], o[1])));
            }
            assertThat(worst).isLessThan(0.1);
        }
    }

    /** A deterministic policy reading both observations at their own scales. */
    static double policy(double s0, double s1) {
        return 1.5 * Math.sin((s0 - 50) / 10 * 1.5) + 50 * (s1 + 3);
    }
}
