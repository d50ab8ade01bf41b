package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GoRL run killed during decoder training and resumed by a new process writes the rows of an uninterrupted run. */
@Tag("slow") // among the slowest classes: ./gorl test fast leaves it out
class GorlTrainingRunTest {
    static final List<String> SMALL = List.of(
            "num_envs=4",
            "num_steps=32",
            "num_minibatches=2",
            "update_epochs=2",
            "eval_every=640",
            "eval_episodes=2",
            "stage_steps=1280",
            "decoder_data_steps=1024",
            "decoder_epochs=20",
            "decoder_patience=20",
            "decoder_batch=32");
    static final long STEPS = 1280 + 1024 + 640;

    static String[] trainArgs(Path out) {
        return TrainingRunTest.cliTrainArgs("classic/pendulum", "gorl-fm", out, STEPS, 3, SMALL);
    }

    @Test
    void runKilledDuringDecoderTrainingResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        List<Map<String, String>> expected = TrainingRunTest.killResumeAndCompare(
                tmp, GorlTrainingRunTest::trainArgs, m -> TrainingRunTest.linesContaining(m, ",decoder,") >= 3);
        Path reference = tmp.resolve("reference");

        // the reference run itself: stages marked, decoder losses recorded, stage 1 after the boundary
        assertThat(expected.getFirst().get("stage")).isEqualTo("0");
        assertThat(expected.getLast().get("stage")).isEqualTo("1");
        assertThat(expected.stream()
                        .filter(r -> r.get("phase").equals("decoder"))
                        .allMatch(r -> !r.get("decoder_train_loss").isEmpty()
                                && !r.get("decoder_val_loss").isEmpty()))
                .isTrue();
        assertThat(reference.resolve("curve.png")).isRegularFile();
    }
}
