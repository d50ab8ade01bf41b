package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.run.CheckpointData;
import org.gorlj.run.MetricsLog;
import org.gorlj.util.JvmOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real trainings: the files a run writes, determinism, and resume after a hard kill. */
@Tag("slow") // among the slowest classes: ./gorl test fast leaves it out
class TrainingRunTest {
    static final List<String> SMALL = List.of(
            "num_envs=2", "num_steps=32", "num_minibatches=2", "update_epochs=2", "eval_every=640", "eval_episodes=2");

    static RunConfig small(long steps, long seed) {
        List<String> o = new ArrayList<>(SMALL);
        o.add("total_steps=" + steps);
        o.add("seed=" + seed);
        return RunConfig.resolve("classic/pendulum", "ppo", "auto", o);
    }

    /** The metrics without the wall-clock columns. */
    static List<Map<String, String>> deterministicRows(Path metrics) throws IOException {
        List<Map<String, String>> rows = MetricsLog.read(metrics);
        for (Map<String, String> r : rows) {
            MetricsLog.WALL_CLOCK_COLUMNS.forEach(r::remove);
        }
        return rows;
    }

    static void assertSameRows(List<Map<String, String>> actual, List<Map<String, String>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("metrics row %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void smokeTrainingWritesEveryRunFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Trainer.Result r = Trainer.create(dir, small(1280, 3), null).train();
        assertThat(r.globalStep()).isEqualTo(1280);
        RunDirectory d = new RunDirectory(dir);
        for (Path p : List.of(d.config(), d.metrics(), d.latest(), d.best(), d.curve())) {
            assertThat(p).isRegularFile();
            assertThat(Files.size(p)).isPositive();
        }
        List<Map<String, String>> rows = MetricsLog.read(d.metrics());
        assertThat(rows).hasSize(20);
        assertThat(rows.get(19).get("global_step")).isEqualTo("1280");
        assertThat(rows.get(9).get("eval_return")).isNotEmpty(); // eval at 640 steps
        assertThat(rows.get(19).get("eval_return")).isNotEmpty(); // and at the end
        assertThat(Double.parseDouble(rows.get(19).get("sps"))).isPositive();
        assertThat(RunConfig.read(d.config())).isEqualTo(small(1280, 3));
        Evaluation.Report ev = Evaluation.run(dir, "best", 3, true, 5);
        assertThat(ev.result().returns()).hasSize(3);
        Evaluation.Report again = Evaluation.run(dir, "best", 3, true, 5);
        assertThat(again.result().returns()).isEqualTo(ev.result().returns());
    }

    @Test
    void sameSeedSameMetricsDifferentSeedDifferentMetrics(@TempDir Path tmp) throws Exception {
        Trainer.create(tmp.resolve("a"), small(640, 7), null).train();
        Trainer.create(tmp.resolve("b"), small(640, 7), null).train();
        Trainer.create(tmp.resolve("c"), small(640, 8), null).train();
        List<Map<String, String>> a = deterministicRows(tmp.resolve("a/metrics.csv"));
        assertSameRows(deterministicRows(tmp.resolve("b/metrics.csv")), a);
        assertThat(deterministicRows(tmp.resolve("c/metrics.csv"))).isNotEqualTo(a);
    }

    /** The CLI as a separate JVM (a fresh process, as a user runs it), with this process's environment. */
    static Process startCli(Path log, String... args) throws IOException {
        return startCli(log, Map.of(), args);
    }

    /** The CLI as a separate JVM whose environment is this process's with {@code env} put over it. */
    static Process startCli(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = JvmOptions.javaCommand();
        cmd.add("org.gorlj.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * The launcher's MKL branch (AUTO: this CPU's fastest code with deterministic reductions) is
     * reproducible too: two processes with the same seed write the same rows, and their checkpoints
     * record the branch. (The suite itself runs under COMPATIBLE, whose numbers hold on any CPU.)
     */
    @Test
    void sameSeedSameMetricsUnderTheLaunchersMklBranch(@TempDir Path tmp) throws Exception {
        Map<String, String> auto = Map.of("MKL_CBWR", "AUTO");
        Process a = startCli(tmp.resolve("a.log"), auto, trainArgs(tmp.resolve("a"), 64L * 40, 5));
        Process b = startCli(tmp.resolve("b.log"), auto, trainArgs(tmp.resolve("b"), 64L * 40, 5));
        assertThat(a.waitFor()).as(Files.readString(tmp.resolve("a.log"))).isZero();
        assertThat(b.waitFor()).as(Files.readString(tmp.resolve("b.log"))).isZero();
        assertSameRows(
                deterministicRows(tmp.resolve("b/metrics.csv")), deterministicRows(tmp.resolve("a/metrics.csv")));
        CheckpointData ck = CheckpointData.read(new RunDirectory(tmp.resolve("a")).latest());
        assertThat(ck.meta().get(Trainer.MKL_BRANCH_KEY)).isEqualTo("AUTO");
    }

    /**
     * A run resumed under another MKL branch than it was trained with is refused with one line and
     * exit code 2, before anything in its directory changes.
     */
    @Test
    void resumeUnderAnotherMklBranchIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Trainer.create(dir, small(640, 3), null).train(); // this JVM: MKL_CBWR=COMPATIBLE (pom.xml)
        RunDirectory d = new RunDirectory(dir);
        byte[] metrics = Files.readAllBytes(d.metrics());
        byte[] latest = Files.readAllBytes(d.latest());
        Process p =
                startCli(tmp.resolve("resume.log"), Map.of("MKL_CBWR", "AUTO"), "train", "--resume", dir.toString());
        assertThat(p.waitFor()).isEqualTo(2);
        String log = Files.readString(tmp.resolve("resume.log"));
        assertThat(log).doesNotContain("\tat ", "Exception");
        assertThat(log.lines().filter(l -> l.startsWith("error")))
                .containsExactly("error: run " + dir + " was trained with MKL_CBWR=COMPATIBLE but this process"
                        + " has MKL_CBWR=AUTO; resume it under the same branch: MKL_CBWR=COMPATIBLE ./gorl train --resume "
                        + dir);
        assertThat(Files.readAllBytes(d.metrics())).isEqualTo(metrics);
        assertThat(Files.readAllBytes(d.latest())).isEqualTo(latest);
    }

    /** {@code train --quiet} of {@code algo} on {@code task} into {@code out}, with {@code --set} for each setting. */
    static String[] cliTrainArgs(String task, String algo, Path out, long steps, long seed, List<String> settings) {
        List<String> a = new ArrayList<>(List.of(
                "train",
                "--quiet",
                "--task",
                task,
                "--algo",
                algo,
                "--out",
                out.toString(),
                "--steps",
                Long.toString(steps),
                "--seed",
                Long.toString(seed)));
        for (String s : settings) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    /** Lines of a metrics file so far that contain {@code text} (0 when it does not exist yet or is being written). */
    static long linesContaining(Path metrics, String text) {
        if (!Files.exists(metrics)) {
            return 0;
        }
        try {
            return Files.readAllLines(metrics).stream()
                    .filter(l -> l.contains(text))
                    .count();
        } catch (IOException e) {
            return 0; // being written: try again at the next poll
        }
    }

    static String[] trainArgs(Path out, long steps, long seed) {
        // checkpoints every 7 iterations: a kill usually lands after rows the checkpoint does not cover
        List<String> settings = new ArrayList<>(SMALL);
        settings.add("checkpoint_every=7");
        settings.removeIf(s -> s.startsWith("eval_every=")); // a setting may be given once
        settings.add("eval_every=3200");
        return cliTrainArgs("classic/pendulum", "ppo", out, steps, seed, settings);
    }

    /**
     * Starts a reference run and a second identical run as separate CLI processes, kills the second
     * with SIGKILL once {@code killWhen} holds for its metrics file, resumes it with a third process,
     * and returns the reference's metrics (wall-clock columns removed) after checking that the resumed
     * run wrote exactly the same rows.
     *
     * @param trainArgs the train command line for a given output directory
     * @param killWhen a condition on the killed run's metrics.csv (which may not exist yet)
     */
    static List<Map<String, String>> killResumeAndCompare(
            Path tmp,
            java.util.function.Function<Path, String[]> trainArgs,
            java.util.function.Predicate<Path> killWhen)
            throws Exception {
        return killResumeAndCompare(tmp, trainArgs, killWhen, killed -> {});
    }

    /** Damage done to a killed run directory before it is resumed. */
    interface Damage {
        void apply(Path runDir) throws IOException;
    }

    /** As {@link #killResumeAndCompare(Path, java.util.function.Function, java.util.function.Predicate)}, with {@code damage} done to the killed run before its resume. */
    static List<Map<String, String>> killResumeAndCompare(
            Path tmp,
            java.util.function.Function<Path, String[]> trainArgs,
            java.util.function.Predicate<Path> killWhen,
            Damage damage)
            throws Exception {
        Path reference = tmp.resolve("reference");
        Path killed = tmp.resolve("killed");
        Process ref = startCli(tmp.resolve("reference.log"), trainArgs.apply(reference));
        Process p = startCli(tmp.resolve("killed.log"), trainArgs.apply(killed));
        Path metrics = killed.resolve("metrics.csv");
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive() && !killWhen.test(metrics)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive())
                .as("the run must still be going when it is killed: %s", Files.readString(tmp.resolve("killed.log")))
                .isTrue();
        p.destroyForcibly().waitFor();
        assertThat(killWhen.test(metrics)).as("the kill condition held").isTrue();
        assertThat(ref.waitFor())
                .as(Files.readString(tmp.resolve("reference.log")))
                .isZero();
        damage.apply(killed);
        Process resumed = startCli(tmp.resolve("resumed.log"), "train", "--quiet", "--resume", killed.toString());
        assertThat(resumed.waitFor())
                .as(Files.readString(tmp.resolve("resumed.log")))
                .isZero();
        List<Map<String, String>> expected = deterministicRows(reference.resolve("metrics.csv"));
        assertSameRows(deterministicRows(metrics), expected);
        return expected;
    }

    /** Data rows of a metrics file so far (0 when it does not exist yet). */
    static long rows(Path metrics) {
        try {
            return Files.exists(metrics) ? Files.readAllLines(metrics).size() - 1 : 0;
        } catch (IOException e) {
            return 0; // being written: try again at the next poll
        }
    }

    /**
     * A training process killed with SIGKILL mid-run and resumed by a new process writes exactly the
     * rows of an uninterrupted run (all three are separate JVMs, as a user would run them).
     */
    @Test
    void killedRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        long steps = 64L * 700;
        List<Map<String, String>> rows = killResumeAndCompare(tmp, out -> trainArgs(out, steps, 11), m -> rows(m) > 60);
        assertThat(rows).hasSize(700);
    }
}
