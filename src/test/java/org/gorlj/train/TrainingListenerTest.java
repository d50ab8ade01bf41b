package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.cli.Main;
import org.gorlj.run.CheckpointData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners see every unit of work, evaluation, checkpoint and stage boundary; the early-stopping ones
 * stop where the run's own evaluations say, leaving a checkpoint from which the resumed run writes the
 * rows of a run that was never stopped.
 */
class TrainingListenerTest {
    /** 20 iterations of 64 steps, an evaluation every 2 (10 in all). */
    static RunConfig small(String... extra) {
        List<String> o = new ArrayList<>(TrainingRunTest.SMALL.stream()
                .filter(s -> !s.startsWith("eval_every="))
                .toList());
        o.addAll(List.of("eval_every=128", "total_steps=1280", "seed=3"));
        o.addAll(List.of(extra));
        return RunConfig.resolve("classic/pendulum", "ppo", "auto", o);
    }

    /** Records the events, one string each, in order. */
    static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onUnit(Map<String, Object> row, RunControl run) {
            events.add("unit " + row.get("global_step"));
        }

        @Override
        public void onEvaluation(EvaluationDone e, RunControl run) {
            events.add("eval " + e.number() + " at " + e.globalStep() + (e.improved() ? " best" : ""));
        }

        @Override
        public void onCheckpoint(CheckpointWritten c, RunControl run) {
            events.add("checkpoint " + c.globalStep() + (c.best() ? " best" : ""));
        }

        @Override
        public void onStageBoundary(StageBoundary b, RunControl run) {
            events.add("boundary " + b.stage() + " " + b.returnBefore() + " -> " + b.returnAfter());
        }
    }

    @Test
    void aTargetReachedStopsTheRunWhichThenResumesToTheRowsOfAnUnstoppedRun(@TempDir Path tmp) throws Exception {
        Recorder unstoppedEvents = new Recorder();
        Trainer.create(tmp.resolve("a"), small(), null)
                .addListener(unstoppedEvents)
                .train();
        List<Map<String, String>> unstopped = TrainingRunTest.deterministicRows(tmp.resolve("a/metrics.csv"));
        List<Double> evals = new ArrayList<>();
        List<Long> evalSteps = new ArrayList<>();
        for (Map<String, String> r : unstopped) {
            if (!r.get("eval_return").isEmpty()) {
                evals.add(Double.parseDouble(r.get("eval_return")));
                evalSteps.add(Long.parseLong(r.get("global_step")));
            }
        }
        assertThat(evals).hasSize(10);
        // a target that the run's fourth evaluation reaches first (or an earlier one, if it returned more)
        double target = evals.get(3);
        int first = 0;
        while (evals.get(first) < target) {
            first++;
        }
        long stopStep = evalSteps.get(first);
        assertThat(stopStep).isLessThan(1280);

        Path dir = tmp.resolve("b");
        Recorder events = new Recorder();
        Trainer.Result stopped = Trainer.create(dir, small(), null)
                .addListener(EarlyStopping.atReturn(target))
                .addListener(events)
                .train();
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.stopReason()).startsWith("evaluation " + (first + 1) + " returned ");
        assertThat(stopped.globalStep()).isEqualTo(stopStep);
        assertThat(CheckpointData.read(new RunDirectory(dir).latest()).metaLong("rows"))
                .isEqualTo(stopStep / 64);
        List<Map<String, String>> rows = TrainingRunTest.deterministicRows(dir.resolve("metrics.csv"));
        TrainingRunTest.assertSameRows(rows, unstopped.subList(0, (int) (stopStep / 64)));
        // the listener saw what the unstopped run's did, up to the stop
        assertThat(events.events).isEqualTo(unstoppedEvents.events.subList(0, events.events.size()));
        assertThat(events.events.getLast()).startsWith("checkpoint " + stopStep);

        Trainer.Result resumed = Trainer.open(dir, null).train();
        assertThat(resumed.stopped()).isFalse();
        assertThat(resumed.globalStep()).isEqualTo(1280);
        TrainingRunTest.assertSameRows(TrainingRunTest.deterministicRows(dir.resolve("metrics.csv")), unstopped);
    }

    @Test
    void listenersSeeEveryUnitEvaluationAndCheckpointInOrder(@TempDir Path tmp) throws Exception {
        Recorder events = new Recorder();
        Trainer.create(tmp.resolve("a"), small("checkpoint_every=5"), null)
                .addListener(events)
                .train();
        List<String> e = events.events;
        assertThat(e.stream().filter(s -> s.startsWith("unit "))).hasSize(20);
        assertThat(e.stream().filter(s -> s.startsWith("eval "))).hasSize(10);
        assertThat(e.subList(0, 6))
                .containsExactly(
                        "unit 64", "unit 128", "eval 1 at 128 best", "checkpoint 128 best", "unit 192", "unit 256");
        assertThat(e.getLast()).startsWith("checkpoint 1280");
        assertThat(e).contains("checkpoint 320"); // every 5 rows
    }

    @Test
    void aPlateauStopsAfterThatManyEvaluationsWithoutANewBest(@TempDir Path tmp) throws Exception {
        Recorder events = new Recorder();
        Trainer.Result r = Trainer.create(tmp.resolve("a"), small(), null)
                .addListener(events)
                .addListener(EarlyStopping.onPlateau(1))
                .train();
        List<String> evals =
                events.events.stream().filter(s -> s.startsWith("eval ")).toList();
        // the run's first evaluation that was not a new best is where it stopped, if it had one
        int firstWithout = 0;
        while (firstWithout < evals.size() && evals.get(firstWithout).endsWith(" best")) {
            firstWithout++;
        }
        assertThat(firstWithout).isBetween(1, 8); // this seed's evaluations are not all new bests
        assertThat(r.stopped()).isTrue();
        assertThat(evals).hasSize(firstWithout + 1);
        assertThat(r.globalStep()).isEqualTo(128L * (firstWithout + 1));
        assertThat(r.stopReason()).isEqualTo("1 evaluations in a row without improvement on the best return");
    }

    @Test
    void goRlStageBoundariesReachTheListener(@TempDir Path tmp) throws Exception {
        RunConfig gorl = RunConfig.resolve(
                "classic/pendulum",
                "gorl-fm",
                "auto",
                List.of(
                        "num_envs=2",
                        "num_steps=32",
                        "num_minibatches=2",
                        "update_epochs=1",
                        "eval_episodes=1",
                        "boundary_eval_episodes=1",
                        "stage_steps=128,128",
                        "decoder_data_steps=128",
                        "decoder_epochs=2",
                        "decoder_patience=2",
                        "decoder_batch=32",
                        "total_steps=384"));
        Recorder events = new Recorder();
        Trainer.create(tmp.resolve("g"), gorl, null).addListener(events).train();
        List<String> boundaries =
                events.events.stream().filter(s -> s.startsWith("boundary ")).toList();
        assertThat(boundaries).hasSize(1);
        Map<String, String> row = TrainingRunTest.deterministicRows(tmp.resolve("g/metrics.csv")).stream()
                .filter(m -> !m.get("boundary_return_after").isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(boundaries.getFirst())
                .isEqualTo("boundary " + row.get("stage") + " " + row.get("boundary_return_before") + " -> "
                        + row.get("boundary_return_after"));
    }

    @Test
    void theCommandLineStopsAtAReturnAndTheRunResumes(@TempDir Path tmp) throws Exception {
        String dir = tmp.resolve("run").toString();
        List<String> args = new ArrayList<>(List.of(org.gorlj.cli.TinyRunArgs.train(Path.of(dir))));
        args.remove("--quiet");
        args.addAll(List.of("--set", "eval_every=128", "--set", "eval_episodes=1", "--stop-at-return", "-1e9"));
        Out stopped = cli(args.toArray(String[]::new));
        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(stopped.out())
                .contains(
                        "stopped at step 128 of 256: evaluation 1 returned ",
                        "continue it with: gorl train --resume " + dir);
        String larger = tmp.resolve("larger").toString(); // a larger budget: a fork of the stopped run
        Out forked = cli("train", "--fork", dir, "--out", larger, "--steps", "384", "--quiet");
        assertThat(forked.code()).as(forked.err()).isZero();
        List<Map<String, String>> forkRows = TrainingRunTest.deterministicRows(Path.of(larger, "metrics.csv"));
        assertThat(forkRows.getLast().get("global_step")).isEqualTo("384");
        assertThat(forkRows).hasSize(3);
        assertThat(forkRows.getFirst()) // the stopped run's one row, carried over
                .isEqualTo(TrainingRunTest.deterministicRows(Path.of(dir, "metrics.csv"))
                        .getFirst());
        Out resumed = cli("train", "--resume", dir, "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(TrainingRunTest.deterministicRows(Path.of(dir, "metrics.csv"))
                        .getLast()
                        .get("global_step"))
                .isEqualTo("256");

        Out bad =
                cli("train", "--stop-on-plateau", "0", "--out", tmp.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip())
                .isEqualTo("error: --stop-on-plateau 0 is not valid: expected an integer of at least 1");
        Out nan = cli(
                "train", "--stop-at-return", "NaN", "--out", tmp.resolve("x").toString());
        assertThat(nan.err().strip()).isEqualTo("error: --stop-at-return NaN is not valid: expected a finite number");
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(Files.exists(Path.of(dir, "checkpoints", "latest.ckpt"))).isTrue();
    }

    private record Out(int code, String out, String err) {}

    private static Out cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream before = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(new PrintWriter(err, true), args);
            return new Out(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(before);
        }
    }
}
