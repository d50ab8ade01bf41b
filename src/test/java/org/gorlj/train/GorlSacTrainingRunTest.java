package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GoRL-SAC runs as a user starts them: a smoke training on pendulum, and resume after a hard kill. */
@Tag("slow") // among the slowest classes: ./gorl test fast leaves it out
class GorlSacTrainingRunTest {
    static final List<String> SMALL = List.of(
            "actor_hidden=16,16",
            "critic_hidden=16,16",
            "batch_size=32",
            "learning_starts=64",
            "utd_ratio=0.5",
            "num_envs=2",
            "iteration_steps=40",
            "stage_steps=400",
            "decoder_data_steps=200",
            "decoder_epochs=5",
            "decoder_patience=5",
            "decoder_batch=32",
            "eval_every=200",
            "eval_episodes=1",
            "checkpoint_every=3");
    static final long STEPS = 400 + 200 + 800;

    static String[] trainArgs(Path out) {
        return TrainingRunTest.cliTrainArgs("classic/pendulum", "gorl-sac", out, STEPS, 7, SMALL);
    }

    /**
     * Killed with SIGKILL in stage 1 (after a boundary: new decoder, emptied and refilled replay buffer,
     * learning restarted) and resumed by a new process from a checkpoint written every 3 rows (so in
     * the RL, collection or decoder phase), a GoRL-SAC run writes exactly the rows of an uninterrupted one.
     */
    @Test
    void killedGorlSacRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        List<Map<String, String>> expected = TrainingRunTest.killResumeAndCompare(
                tmp, GorlSacTrainingRunTest::trainArgs, m -> TrainingRunTest.linesContaining(m, ",1,rl,") >= 2);
        assertThat(expected).hasSize(10 + 5 + 5 + 20);
        assertThat(expected.get(15).get("phase")).isEqualTo("decoder");
        Map<String, String> firstOfStageOne = expected.get(20);
        assertThat(firstOfStageOne.get("stage")).isEqualTo("1");
        assertThat(firstOfStageOne.get("buffer_size")).isEqualTo("40");
        assertThat(expected.getLast().get("critic_loss")).isNotEmpty();
    }

    /** The smoke: gorl-sac's auto preset on pendulum, shortened, writes every run file and evaluates. */
    @Test
    void smokeGorlSacTrainingOnPendulum(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        RunConfig run = RunConfig.resolve(
                "classic/pendulum",
                "gorl-sac",
                "auto",
                List.of(
                        "total_steps=1500",
                        "stage_steps=600",
                        "decoder_data_steps=300",
                        "iteration_steps=200",
                        "decoder_epochs=5",
                        "eval_every=500",
                        "eval_episodes=2",
                        "seed=2"));
        Trainer.Result r = Trainer.create(dir, run, null).train();
        assertThat(r.globalStep()).isEqualTo(1500);
        RunDirectory d = new RunDirectory(dir);
        for (Path p : List.of(d.config(), d.metrics(), d.latest(), d.best(), d.curve())) {
            assertThat(p).isRegularFile();
        }
        List<Map<String, String>> rows = MetricsLog.read(d.metrics());
        assertThat(rows.stream().map(x -> x.get("phase") + x.get("stage")).distinct())
                .containsExactly("rl0", "collect0", "decoder0", "rl1");
        assertThat(rows.getLast().get("stage")).isEqualTo("1");
        assertThat(rows.getLast().get("eval_return")).isNotEmpty();
        assertThat(Double.parseDouble(rows.getLast().get("eval_return"))).isBetween(-2000.0, 0.0);
        Evaluation.Report ev = Evaluation.run(dir, "latest", 2, true, 5);
        assertThat(ev.result().returns()).hasSize(2);
    }
}
