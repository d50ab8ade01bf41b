package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gorlj.train.TrainingRunTest.assertSameRows;
import static org.gorlj.train.TrainingRunTest.deterministicRows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.cli.Main;
import org.gorlj.config.ConfigException;
import org.gorlj.run.CheckpointData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forks: a run started from another run's checkpoint continues it exactly, with the knobs that may change. */
@Tag("slow")
class ForkTest {
    /** A small PPO run with an evaluation every two iterations (64 steps each). */
    static RunConfig small(long steps, long seed) {
        List<String> o = new ArrayList<>(TrainingRunTest.SMALL);
        o.addAll(List.of("eval_every=128", "total_steps=" + steps, "seed=" + seed));
        return RunConfig.resolve("classic/pendulum", "ppo", "auto", o);
    }

    /**
     * A copy of a run directory whose config and checkpoint ask for {@code total} steps: the parent's own
     * continuation with a larger budget (written by hand: a resume refuses a changed config.json).
     */
    static Path continuation(Path parent, Path copy, long total) throws Exception {
        Files.createDirectories(copy.resolve("checkpoints"));
        Files.copy(parent.resolve("metrics.csv"), copy.resolve("metrics.csv"));
        RunConfig p = RunConfig.read(parent.resolve("config.json"));
        RunConfig longer = new RunConfig(
                p.task(),
                p.algo(),
                p.preset(),
                p.overrides(),
                p.config().withText("total_steps", Long.toString(total)));
        longer.write(copy.resolve("config.json"));
        CheckpointData ck = CheckpointData.read(parent.resolve("checkpoints/latest.ckpt"));
        longer.writeTo(ck);
        ck.write(copy.resolve("checkpoints/latest.ckpt"));
        return copy;
    }

    @Test
    void aForkWithoutChangesContinuesLikeTheParent(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("parent");
        Trainer.create(parent, small(640, 5), null).train();
        Path cont = continuation(parent, tmp.resolve("cont"), 1280);
        Trainer.open(cont, null).train();

        Path fork = tmp.resolve("fork");
        Trainer.Result r = Fork.create(parent, "latest", fork, List.of("total_steps=1280"), null)
                .train();
        assertThat(r.globalStep()).isEqualTo(1280);
        List<Map<String, String>> rows = deterministicRows(fork.resolve("metrics.csv"));
        assertThat(rows).hasSize(20);
        assertSameRows(rows, deterministicRows(cont.resolve("metrics.csv")));
        assertSameRows(rows.subList(0, 10), deterministicRows(parent.resolve("metrics.csv")));

        Map<?, ?> json =
                new ObjectMapper().readValue(fork.resolve("config.json").toFile(), Map.class);
        assertThat(json.get("parent"))
                .isEqualTo(Map.of("dir", parent.toString(), "checkpoint", "latest", "global_step", 640));
        assertThat(RunConfig.read(fork.resolve("config.json")).config().getLong("total_steps"))
                .isEqualTo(1280);
    }

    /**
     * From the best checkpoint (an evaluation before the end) with no change at all, the fork replays
     * the rest of its parent: every row equals the parent's.
     */
    @Test
    void aForkFromTheBestCheckpointReplaysTheParent(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("parent");
        Trainer.create(parent, small(1280, 2), null).train();
        long bestStep = CheckpointData.read(new RunDirectory(parent).best()).metaLong("global_step");
        assertThat(bestStep).as("this seed's best evaluation is before the end").isLessThan(1280);
        Path fork = tmp.resolve("fork");
        Fork.create(parent, "best", fork, List.of(), null).train();
        assertSameRows(
                deterministicRows(fork.resolve("metrics.csv")), deterministicRows(parent.resolve("metrics.csv")));
        Map<?, ?> json =
                new ObjectMapper().readValue(fork.resolve("config.json").toFile(), Map.class);
        assertThat(json.get("parent"))
                .isEqualTo(Map.of("dir", parent.toString(), "checkpoint", "best", "global_step", (int) bestStep));
    }

    /** checkpoint_at_step keeps a checkpoint to fork from; a fork from it without changes replays the parent. */
    @Test
    void aForkFromAKeptStepReplaysTheParent(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("parent");
        List<String> o = new ArrayList<>(small(640, 6).overrides());
        o.add("checkpoint_at_step=300");
        Trainer.create(parent, RunConfig.resolve("classic/pendulum", "ppo", "auto", o), null)
                .train();
        RunDirectory d = new RunDirectory(parent);
        assertThat(d.stepCheckpoint(320)).isRegularFile(); // the first iteration end at or past step 300
        assertThat(d.stepCheckpoint(300)).doesNotExist();
        assertThat(CheckpointData.read(d.stepCheckpoint(320)).metaLong("global_step"))
                .isEqualTo(320);
        Path fork = tmp.resolve("fork");
        Fork.create(parent, "step-320", fork, List.of(), null).train();
        assertSameRows(
                deterministicRows(fork.resolve("metrics.csv")), deterministicRows(parent.resolve("metrics.csv")));
    }

    @Test
    void aForkChangingTheLearningRateTrainsOnAndRecordsItsParent(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("parent");
        Trainer.create(parent, small(640, 5), null).train();
        Path cont = continuation(parent, tmp.resolve("cont"), 1280);
        Trainer.open(cont, null).train();
        assertThat(RunConfig.read(parent.resolve("config.json")).config().getDouble("learning_rate"))
                .isEqualTo(0.001);
        Path fork = tmp.resolve("fork");
        Fork.create(parent, "latest", fork, List.of("total_steps=1280", "learning_rate=0.0003"), null)
                .train();

        List<Map<String, String>> rows = deterministicRows(fork.resolve("metrics.csv"));
        List<Map<String, String>> same = deterministicRows(cont.resolve("metrics.csv"));
        assertThat(rows).hasSize(20);
        assertSameRows(rows.subList(0, 10), same.subList(0, 10));
        assertThat(rows.get(10).get("episodic_return"))
                .isEqualTo(same.get(10).get("episodic_return")); // collected before learning
        // the new step size (annealed linearly, as in the parent) from the first iteration on, and what it learns
        assertThat(Double.parseDouble(rows.get(10).get("learning_rate"))).isEqualTo(0.0003 * (1 - 10.0 / 20));
        for (String column : List.of("value_loss", "approx_kl", "entropy")) {
            assertThat(rows.get(11).get(column))
                    .as(column)
                    .isNotEqualTo(same.get(11).get(column));
        }
        RunConfig run = RunConfig.read(fork.resolve("config.json"));
        assertThat(run.config().getDouble("learning_rate")).isEqualTo(0.0003);
        assertThat(run.overrides()).endsWith("total_steps=1280", "learning_rate=0.0003");
        assertThat(run.overrides()).startsWith(small(640, 5).overrides().toArray(String[]::new));
    }

    /**
     * A GoRL checkpoint holds tensors only some states have (the stage's best-evaluated encoder): a fork
     * changing a decoder knob loads it, and refits with its own settings at the next boundary.
     */
    @Test
    void aGorlForkWithTheStagesBestEncoderChangesTheDecoderFit(@TempDir Path tmp) throws Exception {
        Path parent = smallGorlRun(tmp.resolve("parent"), 448);
        CheckpointData kept = CheckpointData.read(new RunDirectory(parent).stepCheckpoint(256));
        assertThat(kept.tensors().keySet()).anyMatch(k -> k.startsWith("gorl.best_encoder."));
        Path fork = tmp.resolve("fork");
        Fork.create(parent, "step-256", fork, List.of("decoder_epochs=3"), null).train();
        long epochs = deterministicRows(fork.resolve("metrics.csv")).stream()
                .filter(r -> r.get("phase").equals("decoder"))
                .count();
        assertThat(epochs).isEqualTo(3);
    }

    /** A small GoRL-FM run of {@code total} steps with one stage of 256 that keeps its checkpoint at step 256. */
    private static Path smallGorlRun(Path dir, long total) throws Exception {
        List<String> o = new ArrayList<>(TrainingRunTest.SMALL);
        o.addAll(List.of(
                "eval_every=128",
                "stage_steps=256",
                "decoder_data_steps=64",
                "decoder_batch=16",
                "decoder_epochs=2",
                "checkpoint_at_step=256",
                "total_steps=" + total,
                "seed=3"));
        Trainer.create(dir, RunConfig.resolve("classic/pendulum", "gorl-fm", "auto", o), null)
                .train();
        return dir;
    }

    /**
     * GoRL-FM forked into GoRL-Diff at the end of stage 0: the checkpoint (latent policy, critic,
     * environments) loads into the diffusion algorithm, the fork replays the parent's rows up to the
     * boundary, records its algorithm, and fits a diffusion decoder where a GoRL-FM fork of the same
     * checkpoint fits a flow: same latent data, other losses. PPO's state carries over to neither.
     */
    @Test
    void aGorlFmForkCanContinueAsGorlDiffusion(@TempDir Path tmp) throws Exception {
        Path parent = smallGorlRun(tmp.resolve("parent"), 256);
        Path diffusion = tmp.resolve("diffusion"), flow = tmp.resolve("flow");
        Fork.prepare(parent, "step-256", "gorl-diffusion", diffusion, List.of("total_steps=448"));
        Trainer.open(diffusion, null).train();
        Fork.prepare(parent, "step-256", null, flow, List.of("total_steps=448"));
        Trainer.open(flow, null).train();
        assertThat(RunConfig.read(diffusion.resolve("config.json")).algo()).isEqualTo("gorl-diffusion");
        List<Map<String, String>> parentRows = deterministicRows(parent.resolve("metrics.csv"));
        List<Map<String, String>> d = deterministicRows(diffusion.resolve("metrics.csv"));
        List<Map<String, String>> f = deterministicRows(flow.resolve("metrics.csv"));
        assertSameRows(d.subList(0, parentRows.size()), parentRows);
        assertSameRows(phase(d, "collect"), phase(f, "collect"));
        assertThat(phase(d, "collect")).isNotEmpty();
        List<String> dLoss = phase(d, "decoder").stream()
                .map(r -> r.get("decoder_train_loss"))
                .toList();
        List<String> fLoss = phase(f, "decoder").stream()
                .map(r -> r.get("decoder_train_loss"))
                .toList();
        assertThat(dLoss).hasSize(2).doesNotContain("");
        assertThat(fLoss).hasSize(2);
        assertThat(dLoss).isNotEqualTo(fLoss);
        assertThatThrownBy(() -> Fork.plan(parent, "step-256", "ppo", List.of("total_steps=448")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("a fork cannot change the algorithm from gorl-fm to ppo: their settings differ (a fork may "
                        + "switch between algorithms that share theirs, such as gorl-fm and gorl-diffusion)");
    }

    private static List<Map<String, String>> phase(List<Map<String, String>> rows, String phase) {
        return rows.stream().filter(r -> r.get("phase").equals(phase)).toList();
    }

    @Test
    void knobsThatCannotChangeMidRunAreRefused(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("parent");
        Trainer.create(parent, small(128, 5), null).train();
        Path fork = tmp.resolve("fork");
        assertRefused(
                parent,
                fork,
                List.of("total_steps=1000", "actor_hidden=32,32"),
                "a fork cannot change the saved state's shape: changing actor_hidden makes tensor '");
        assertRefused(
                parent,
                fork,
                List.of("total_steps=1000", "num_envs=4"),
                "changing num_envs and the checkpoint does not load: ");
        assertRefused(parent, fork, List.of("total_steps=1000", "seed=9"), "a fork keeps its parent's seed 5");
        assertRefused(parent, fork, List.of(), "the checkpoint is at step 128 but total_steps is 128");
        assertRefused(parent, fork, List.of("learning_rat=1"), "unknown setting 'learning_rat'");
        assertThat(fork).doesNotExist();
        assertThatThrownBy(() -> Fork.create(parent, "first", fork, List.of(), null))
                .hasMessageContaining("--checkpoint must be latest, best or step-N, got 'first'");
        assertThatThrownBy(() -> Fork.create(parent, "step-64", fork, List.of("total_steps=1000"), null))
                .hasMessageContaining("has no step-64 checkpoint to fork from");
        assertThatThrownBy(() -> Fork.create(parent, "latest", parent, List.of("total_steps=1000"), null))
                .hasMessageContaining("already exists and is not empty");
        assertThatThrownBy(() -> Fork.create(tmp.resolve("none"), "latest", fork, List.of(), null))
                .hasMessageContaining("no run directory at");
    }

    private static void assertRefused(Path parent, Path fork, List<String> sets, String message) {
        assertThatThrownBy(() -> Fork.create(parent, "latest", fork, sets, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** The CLI: a fork is refused with one line and exit code 2; a good one trains into --out. */
    @Test
    void theCommandLine(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("parent");
        Trainer.create(parent, small(128, 5), null).train();
        String fork = tmp.resolve("fork").toString();
        for (List<String> args : List.of(
                List.of("--set", "num_envs=4", "--steps", "256", "--out", fork),
                List.of("--set", "total_steps=256"),
                List.of("--seed", "3", "--steps", "256", "--out", fork),
                List.of("--algo", "sac", "--steps", "256", "--out", fork),
                List.of("--resume", parent.toString(), "--out", fork))) {
            java.io.StringWriter err = new java.io.StringWriter();
            List<String> all = new ArrayList<>(List.of("train", "--quiet", "--fork", parent.toString()));
            all.addAll(args);
            assertThat(Main.run(new java.io.PrintWriter(err, true), all.toArray(String[]::new)))
                    .isEqualTo(2);
            assertThat(err.toString().strip().lines().count())
                    .as(err.toString())
                    .isEqualTo(1);
            assertThat(Path.of(fork)).as("nothing written for a refused fork").doesNotExist();
        }
        assertThat(Main.run(
                        "train",
                        "--quiet",
                        "--fork",
                        parent.toString(),
                        "--checkpoint",
                        "best",
                        "--steps",
                        "256",
                        "--out",
                        fork))
                .isZero();
        assertThat(MetricsLogRows.count(Path.of(fork, "metrics.csv"))).isEqualTo(4);
    }

    /** Counting rows of a metrics file. */
    private static final class MetricsLogRows {
        static int count(Path metrics) throws Exception {
            return org.gorlj.run.MetricsLog.read(metrics).size();
        }
    }
}
