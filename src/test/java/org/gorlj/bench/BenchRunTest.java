package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gorlj.run.MetricsLog;
import org.gorlj.train.RunConfig;
import org.gorlj.util.JvmOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real (tiny) benchmark runs in child JVMs: skipping complete runs, resuming a killed bench. */
@Tag("slow") // among the slowest classes: ./gorl test fast leaves it out
class BenchRunTest {
    static final String SMALL =
            "\"num_envs=2\", \"num_steps=32\", \"num_minibatches=2\", \"update_epochs=2\", \"eval_episodes=50\"";

    static BenchSpec spec(Path tmp, int seeds, long steps) throws Exception {
        return spec(tmp, seeds, steps, SMALL);
    }

    static BenchSpec spec(Path tmp, int seeds, long steps, String settings) throws Exception {
        Path f = tmp.resolve("tiny.json");
        Files.writeString(f, """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": %d, "steps": %d, "set": [%s],
                 "out": "%s", "results": "%s"}
                """.formatted(seeds, steps, settings, tmp.resolve("runs"), tmp.resolve("results")));
        return BenchSpec.read(f);
    }

    /** The CLI in a fresh JVM, as a user runs it. */
    static Process cli(Path log, String... args) throws Exception {
        List<String> cmd = JvmOptions.javaCommand();
        cmd.add("org.gorlj.cli.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void completeRunsAreSkipped(@TempDir Path tmp) throws Exception {
        BenchSpec spec = spec(tmp, 2, 640);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bench.Outcome first = Bench.run(spec, 2, new PrintStream(out, true));
        assertThat(first).as(out.toString()).isEqualTo(new Bench.Outcome(0, 2, 0, 0));
        List<byte[]> metrics = new ArrayList<>();
        for (BenchSpec.Run r : spec.runs()) {
            assertThat(Bench.status(r.dir())).isEqualTo(RunStatus.COMPLETE);
            assertThat(RunRecord.read(r.dir()).peakRssMb()).isGreaterThan(50);
            metrics.add(Files.readAllBytes(r.dir().resolve("metrics.csv")));
        }
        assertThat(tmp.resolve("results/results.md")).isRegularFile();
        assertThat(tmp.resolve("results/classic-pendulum.png")).isRegularFile();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Bench.Outcome second = Bench.run(spec, 2, new PrintStream(again, true));
        assertThat(second).isEqualTo(new Bench.Outcome(2, 0, 0, 0));
        assertThat(again.toString())
                .contains("2 complete, 0 to resume, 0 to start")
                .doesNotContain("[start");
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        Bench.printStatus(spec, new PrintStream(status, true));
        assertThat(status.toString())
                .contains("[complete] classic/pendulum ppo seed 2: 640 of 640 steps (100 %), last eval ")
                .contains("bench tiny: 2 runs: 2 complete")
                .doesNotContain("training now");
        for (int i = 0; i < 2; i++) {
            assertThat(Files.readAllBytes(spec.runs().get(i).dir().resolve("metrics.csv")))
                    .isEqualTo(metrics.get(i));
        }
    }

    /**
     * A run that stops on a non-finite number (an entropy bonus of 10 at learning rate 1 drives the
     * free log-std to overflow within a few updates) is marked diverged, listed as such in the
     * results, and not retried by the next bench. Its log carries the worker's output without the
     * JVM's and libtorch's start-up notices.
     */
    @Test
    void aDivergedRunIsMarkedAndNotRetried(@TempDir Path tmp) throws Exception {
        BenchSpec spec = spec(tmp, 1, 20_000, SMALL + ", \"learning_rate=1\", \"ent_coef=10\"");
        Path dir = spec.runs().getFirst().dir();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Bench.run(spec, 1, new PrintStream(out, true)))
                .as(out.toString())
                .isEqualTo(new Bench.Outcome(0, 0, 1, 0));
        assertThat(out.toString()).contains("[failed]").contains("non-finite");
        assertThat(Bench.status(dir)).isEqualTo(RunStatus.DIVERGED);
        assertThat(RunRecord.read(dir).diverged()).contains("PPO loss is");
        String log = Files.readString(dir.resolve(Bench.LOG));
        assertThat(log)
                .contains("training ppo on classic/pendulum")
                .contains("non-finite")
                .doesNotContain("incubator modules");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(Bench.run(spec, 1, new PrintStream(again, true))).isEqualTo(new Bench.Outcome(1, 0, 0, 0));
        assertThat(again.toString())
                .contains("[diverged] classic/pendulum ppo seed 1: not retried")
                .contains("0 complete, 1 diverged, 0 to resume, 0 to start")
                .doesNotContain("[resume");
        assertThat(Files.readString(dir.resolve(Bench.LOG))).isEqualTo(log);
        String md = Files.readString(tmp.resolve("results/results.md"));
        assertThat(md)
                .contains("0 of 1 runs complete, 1 diverged")
                .contains("- classic/pendulum ppo seed 1, stopped at ");
        assertThat(Files.readString(tmp.resolve("results/results.csv"))).contains(",1,diverged,");
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        Bench.printStatus(spec, new PrintStream(status, true));
        assertThat(status.toString())
                .contains("[diverged] classic/pendulum ppo seed 1: ")
                .contains("; PPO loss is")
                .contains("1 runs: 1 diverged");
    }

    @Test
    void startupNoticesAreRecognised() {
        assertThat(Bench.isStartupNotice("WARNING: Using incubator modules: jdk.incubator.vector"))
                .isTrue();
        assertThat(
                        Bench.isStartupNotice(
                                "[W1201 22:18:00.958646780 LegacyTypeDispatch.h:74] Warning: "
                                        + "AutoNonVariableTypeMode is deprecated and will be removed in 1.10 release. (function operator())"))
                .isTrue();
        assertThat(Bench.isStartupNotice("error: training stopped, a number went non-finite"))
                .isFalse();
        assertThat(Bench.isStartupNotice("WARNING: Using incubator modules: jdk.incubator.foo"))
                .isFalse();
    }

    /** A run another process is training (its lock held) is left alone: no worker, nothing appended to its log. */
    @Test
    void aRunAnotherProcessTrainsIsLeftAlone(@TempDir Path tmp) throws Exception {
        BenchSpec spec = spec(tmp, 1, 640);
        Path dir = spec.runs().getFirst().dir();
        Files.createDirectories(dir);
        List<String> cmd = JvmOptions.javaCommand();
        cmd.add(LockHolder.class.getName());
        cmd.add(dir.toString());
        Process holder = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start(); // stderr carries the JVM notices
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
                    .isEqualTo("locked");
            assertThat(RunWorker.isBusy(dir)).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Bench.Outcome o = Bench.run(spec, 1, new PrintStream(out, true));
            assertThat(o).as(out.toString()).isEqualTo(new Bench.Outcome(0, 0, 0, 1));
            assertThat(out.toString()).contains("[busy  ]").doesNotContain("[start");
            ByteArrayOutputStream status = new ByteArrayOutputStream();
            Bench.printStatus(spec, new PrintStream(status, true));
            assertThat(status.toString()).contains("[new     ] classic/pendulum ppo seed 1; training now");
            assertThat(dir.resolve(Bench.LOG)).doesNotExist();
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertThat(RunWorker.isBusy(dir)).isFalse();
    }

    /**
     * A bench process killed with SIGKILL mid-run takes its worker down with it; a new bench resumes
     * the run from its checkpoint, keeping the rows written so far and ending with exactly the rows
     * of an uninterrupted run (a separate CLI process run alongside).
     */
    @Test
    void aKilledBenchResumesWhereItStopped(@TempDir Path tmp) throws Exception {
        long steps = 64L * 200;
        BenchSpec spec = spec(tmp, 1, steps);
        BenchSpec.Run run = spec.runs().getFirst();
        Path reference = tmp.resolve("reference");
        Process ref = cli(
                tmp.resolve("reference.log"),
                "train",
                "--quiet",
                "--task",
                "classic/pendulum",
                "--out",
                reference.toString(),
                "--steps",
                Long.toString(steps),
                "--seed",
                "1",
                "--set",
                "num_envs=2",
                "--set",
                "num_steps=32",
                "--set",
                "num_minibatches=2",
                "--set",
                "update_epochs=2",
                "--set",
                "eval_episodes=50");
        Process bench =
                cli(tmp.resolve("bench.log"), "bench", tmp.resolve("tiny.json").toString());
        Path metrics = run.dir().resolve("metrics.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline
                && bench.isAlive()
                && !(Files.exists(metrics) && Files.readAllLines(metrics).size() > 40)) {
            Thread.sleep(5);
        }
        List<ProcessHandle> workers = bench.descendants().toList();
        assertThat(bench.isAlive())
                .as("bench must still be running: %s", Files.readString(tmp.resolve("bench.log")))
                .isTrue();
        assertThat(workers).isNotEmpty();
        bench.destroyForcibly().waitFor();
        for (ProcessHandle w : workers) {
            w.onExit().get(20, TimeUnit.SECONDS); // the worker notices its bench is gone and stops
        }
        List<String> linesAtKill = Files.readAllLines(metrics);
        int rowsAtKill = linesAtKill.size() - 1;
        assertThat(rowsAtKill).isBetween(40, 199);
        assertThat(Bench.status(run.dir())).isEqualTo(RunStatus.PARTIAL);
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        Bench.printStatus(spec, new PrintStream(status, true));
        assertThat(status.toString())
                .contains("[partial ] classic/pendulum ppo seed 1: " + String.format("%,d", 64L * rowsAtKill)
                        + " of 12,800 steps")
                .contains("1 partial")
                .doesNotContain("training now");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bench.Outcome resumed = Bench.run(spec, 1, new PrintStream(out, true));
        assertThat(resumed)
                .as("%s%nworker log:%n%s", out, Files.readString(run.dir().resolve(Bench.LOG)))
                .isEqualTo(new Bench.Outcome(0, 1, 0, 0));
        assertThat(out.toString()).contains("1 to resume").contains("[resume]");
        assertThat(Files.readString(run.dir().resolve(Bench.LOG))).contains("resumed");

        // the rows written before the kill are kept (the last one may be cut back: the checkpoint may not cover it)
        List<String> lines = Files.readAllLines(metrics);
        assertThat(lines.subList(0, rowsAtKill)).isEqualTo(linesAtKill.subList(0, rowsAtKill));
        // and the run ends with one row per iteration, none lost or doubled
        List<Map<String, String>> rows = MetricsLog.read(metrics);
        assertThat(rows).hasSize(200);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("iteration")).isEqualTo(Integer.toString(i));
            assertThat(rows.get(i).get("global_step")).isEqualTo(Long.toString(64L * (i + 1)));
        }
        assertThat(rows.getLast().get("eval_return")).isNotEmpty();
        // which are exactly those of an uninterrupted run of the same config (wall-clock columns aside)
        assertThat(ref.waitFor())
                .as(Files.readString(tmp.resolve("reference.log")))
                .isZero();
        assertThat(RunConfig.read(reference.resolve("config.json")).config())
                .isEqualTo(run.config().config());
        assertThat(deterministicRows(metrics)).isEqualTo(deterministicRows(reference.resolve("metrics.csv")));
    }

    static List<Map<String, String>> deterministicRows(Path metrics) throws Exception {
        List<Map<String, String>> rows = MetricsLog.read(metrics);
        rows.forEach(r -> MetricsLog.WALL_CLOCK_COLUMNS.forEach(r::remove));
        return rows;
    }
}
