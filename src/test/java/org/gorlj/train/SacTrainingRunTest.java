package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gorlj.train.TrainingRunTest.assertSameRows;
import static org.gorlj.train.TrainingRunTest.deterministicRows;
import static org.gorlj.train.TrainingRunTest.startCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC runs as a user starts them: resume after a hard kill, replay buffer included. */
class SacTrainingRunTest {
    static final long STEPS = 1_200;

    static String[] trainArgs(Path out) {
        List<String> a = new ArrayList<>(List.of("train", "--quiet", "--task", "classic/pendulum", "--algo", "sac",
                "--out", out.toString(), "--steps", Long.toString(STEPS), "--seed", "5"));
        for (String s : List.of("actor_hidden=16,16", "critic_hidden=16,16", "batch_size=32", "learning_starts=64",
                "utd_ratio=0.5", "iteration_steps=12", "eval_every=240", "eval_episodes=1", "checkpoint_every=1")) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    /**
     * A SAC training killed with SIGKILL after some rows and resumed by a new process writes exactly the
     * rows of an uninterrupted run: weights, optimiser moments, temperature, replay buffer, environments
     * and generator all come back from the checkpoint.
     */
    @Test
    void killedSacRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        Path killed = tmp.resolve("killed");
        Process ref = startCli(tmp.resolve("reference.log"), trainArgs(reference));
        Process p = startCli(tmp.resolve("killed.log"), trainArgs(killed));
        Path metrics = killed.resolve("metrics.csv");
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() > 30) {
                break;
            }
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("the run must still be going when it is killed: %s",
                Files.readString(tmp.resolve("killed.log"))).isTrue();
        p.destroyForcibly().waitFor();
        int rowsAtKill = Files.readAllLines(metrics).size() - 1;
        assertThat(rowsAtKill).isBetween(30, 99);
        assertThat(ref.waitFor()).as(Files.readString(tmp.resolve("reference.log"))).isZero();

        Process resumed = startCli(tmp.resolve("resumed.log"), "train", "--quiet", "--resume", killed.toString());
        assertThat(resumed.waitFor()).as(Files.readString(tmp.resolve("resumed.log"))).isZero();
        List<java.util.Map<String, String>> expected = deterministicRows(reference.resolve("metrics.csv"));
        assertThat(expected).hasSize(100);
        assertThat(expected.get(99).get("critic_loss")).isNotEmpty();
        assertSameRows(deterministicRows(metrics), expected);
    }
}
