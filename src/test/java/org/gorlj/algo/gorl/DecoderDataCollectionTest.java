package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gorlj.config.ConfigException;
import org.gorlj.run.CheckpointData;
import org.gorlj.train.Algorithms;
import org.junit.jupiter.api.Test;

/**
 * What a boundary's data set holds: {@code decoder_action_samples} recorded actions per visited state,
 * and states visited with the latent noise scaled by {@code decoder_collect_noise}; and what the decoder
 * is fitted on: the recorded actions, clipped by {@code decoder_target_clip}.
 */
class DecoderDataCollectionTest {
    private static final int N = 4; // copies
    private static final int OBS = 3;
    private static final int STEPS = 32; // decoder_data_steps=128 over 4 copies

    /**
     * The first boundary's data set (observations, actions, and the standardised noise with latent
     * coupling, else null) of a run with the given collection knobs.
     */
    private static float[][] dataSet(String... knobs) {
        List<String> o = new ArrayList<>(List.of(GorlAlgorithmTest.SMALL_STAGES));
        o.addAll(List.of(knobs));
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create(
                "gorl-fm", GorlAlgorithmTest.config("gorl-fm", o.toArray(String[]::new)), GorlAlgorithmTest.TASK)) {
            while (!"decoder".equals(g.iterate().get("phase"))) {
                // RL, then collection up to the first decoder epoch
            }
            CheckpointData saved = new CheckpointData();
            g.save(saved);
            return new float[][] {
                saved.tensor("gorl.data.obs"),
                saved.tensor("gorl.data.actions"),
                saved.tensors().get("gorl.data.noise")
            };
        }
    }

    /** The observations of the first of every {@code samples} blocks of N rows: one block per step. */
    private static float[] statesPerStep(float[] obs, int samples) {
        float[] out = new float[STEPS * N * OBS];
        for (int t = 0; t < STEPS; t++) {
            System.arraycopy(obs, t * samples * N * OBS, out, t * N * OBS, N * OBS);
        }
        return out;
    }

    @Test
    void severalActionSamplesAreRecordedPerVisitedState() {
        float[][] data = dataSet("decoder_action_samples=3");
        assertThat(data[0]).hasSize(3 * STEPS * N * OBS);
        assertThat(data[1]).hasSize(3 * STEPS * N);
        for (int t = 0; t < STEPS; t++) {
            int block = t * 3 * N;
            for (int k = 1; k < 3; k++) {
                assertThat(Arrays.copyOfRange(data[0], (block + k * N) * OBS, (block + (k + 1) * N) * OBS))
                        .as("step %d sample %d: the same states", t, k)
                        .isEqualTo(Arrays.copyOfRange(data[0], block * OBS, (block + N) * OBS));
                assertThat(Arrays.copyOfRange(data[1], block + k * N, block + (k + 1) * N))
                        .as("step %d sample %d: fresh actions", t, k)
                        .isNotEqualTo(Arrays.copyOfRange(data[1], block, block + N));
            }
        }
    }

    @Test
    void withoutCollectionNoiseTheVisitedStatesDoNotDependOnTheRecordedDraws() {
        // the recorded draws differ in number (1 or 2 per state); the executed latent mean does not
        float[] one = statesPerStep(dataSet("decoder_collect_noise=0")[0], 1);
        float[] two = statesPerStep(dataSet("decoder_collect_noise=0", "decoder_action_samples=2")[0], 2);
        assertThat(two).isEqualTo(one);
        // with the stochastic policy (the default) the states follow the draws
        float[] noisyOne = statesPerStep(dataSet()[0], 1);
        float[] noisyTwo = statesPerStep(dataSet("decoder_action_samples=2")[0], 2);
        assertThat(noisyTwo).isNotEqualTo(noisyOne);
        assertThat(noisyOne).isNotEqualTo(one);
    }

    @Test
    void theFitSeesClippedTargetsWhileTheDataSetKeepsTheRecordedActions() {
        float[] recorded = dataSet("decoder_target_clip=0.05")[1];
        float largest = 0;
        for (float a : recorded) {
            largest = Math.max(largest, Math.abs(a));
        }
        assertThat(largest).as("the data set keeps actions beyond the clip").isGreaterThan(0.05f);
        assertThat(recorded).isEqualTo(dataSet()[1]); // the clip does not change what is collected
        float[] fitted = GorlAlgorithm.fitTargets(recorded, recorded.length - 2, 0.05);
        assertThat(fitted).hasSize(recorded.length - 2);
        for (int i = 0; i < fitted.length; i++) {
            float expected = Math.abs(recorded[i]) <= 0.05f ? recorded[i] : (float) Math.copySign(0.05, recorded[i]);
            assertThat(fitted[i]).as("target %d of %f", i, recorded[i]).isEqualTo(expected);
        }
        assertThat(GorlAlgorithm.fitTargets(recorded, recorded.length, 0)).isSameAs(recorded);
    }

    @Test
    void theLatentMeansActionIsRecordedWithZeroNoiseBesideTheDraw() {
        float[][] data = dataSet("decoder_coupling=latent", "decoder_record_mean=true");
        int act = data[1].length * OBS / data[0].length; // action dimensions
        assertThat(data[1]).hasSize(2 * STEPS * N * act);
        for (int t = 0; t < STEPS; t++) {
            int draw = t * 2 * N;
            int mean = draw + N;
            assertThat(Arrays.copyOfRange(data[0], mean * OBS, (mean + N) * OBS))
                    .as("step %d: the mean's states are the draw's", t)
                    .isEqualTo(Arrays.copyOfRange(data[0], draw * OBS, (draw + N) * OBS));
            for (int i = 0; i < N * act; i++) {
                assertThat(data[2][mean * act + i]).as("step %d: zero noise", t).isZero();
                // stage 0 decodes with the identity: draw = mean + sigma * noise, sigma > 0
                float noise = data[2][draw * act + i];
                float offset = data[1][draw * act + i] - data[1][mean * act + i];
                assertThat(Math.signum(offset)).as("step %d value %d", t, i).isEqualTo(Math.signum(noise));
                assertThat(Math.abs(offset)).isGreaterThan(0f);
            }
        }
    }

    @Test
    void aRecordSpreadWidensTheRecordedDrawsAboutTheMeanWhileStatesNoiseAndMeanStay() {
        float[][] base = dataSet("decoder_coupling=latent", "decoder_record_mean=true");
        float[][] wide = dataSet("decoder_coupling=latent", "decoder_record_mean=true", "decoder_record_spread=2");
        assertThat(wide[0])
                .as("the visited states (executed actions unchanged)")
                .isEqualTo(base[0]);
        assertThat(wide[2]).as("the paired noise").isEqualTo(base[2]);
        int act = base[1].length * OBS / base[0].length;
        for (int t = 0; t < STEPS; t++) {
            int draw = t * 2 * N;
            int mean = draw + N;
            for (int i = 0; i < N * act; i++) {
                assertThat(wide[1][mean * act + i])
                        .as("step %d: the mean's action", t)
                        .isEqualTo(base[1][mean * act + i]);
                // stage 0 decodes with the identity: the draw's offset from the mean doubles
                double offset = base[1][draw * act + i] - base[1][mean * act + i];
                double wideOffset = wide[1][draw * act + i] - wide[1][mean * act + i];
                assertThat(wideOffset)
                        .as("step %d value %d", t, i)
                        .isCloseTo(2 * offset, within(1e-5 + 1e-5 * Math.abs(offset)));
            }
        }
        assertThatThrownBy(() -> dataSet("decoder_record_spread=2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("decoder_record_spread=2.0 is not valid with decoder_coupling=independent");
    }

    @Test
    void recordingTheMeanNeedsTheLatentCoupling() {
        assertThatThrownBy(() -> dataSet("decoder_record_mean=true"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("decoder_record_mean=true is not valid with decoder_coupling=independent");
    }
}
