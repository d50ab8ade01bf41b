package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC runs as a user starts them: resume after a hard kill, replay buffer included. */
@Tag("slow") // among the slowest classes: ./gorl test fast leaves it out
class SacTrainingRunTest {
    static final long STEPS = 1_200;

    static String[] trainArgs(Path out) {
        return TrainingRunTest.cliTrainArgs(
                "classic/pendulum",
                "sac",
                out,
                STEPS,
                5,
                List.of(
                        "actor_hidden=16,16",
                        "critic_hidden=16,16",
                        "batch_size=32",
                        "learning_starts=64",
                        "utd_ratio=0.5",
                        "iteration_steps=12",
                        "eval_every=240",
                        "eval_episodes=1",
                        "checkpoint_every=1"));
    }

    /**
     * A SAC training killed with SIGKILL after some rows and resumed by a new process writes exactly the
     * rows of an uninterrupted run: weights, optimiser moments, temperature, replay buffer, environments
     * and generator all come back from the checkpoint.
     */
    @Test
    void killedSacRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        List<java.util.Map<String, String>> expected = TrainingRunTest.killResumeAndCompare(
                tmp, SacTrainingRunTest::trainArgs, m -> TrainingRunTest.rows(m) > 30);
        assertThat(expected).hasSize(100);
        assertThat(expected.get(99).get("critic_loss")).isNotEmpty();
    }
}
