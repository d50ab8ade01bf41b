package org.gorlj.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Torch;
import org.gorlj.report.CurvePlot;
import org.gorlj.run.CheckpointData;
import org.gorlj.run.DivergenceException;
import org.gorlj.run.MetricsLog;
import org.gorlj.run.RunKnobs;
import org.gorlj.tensorboard.TensorBoardLog;
import org.gorlj.util.AtomicFiles;

/**
 * Drives an {@link Algorithm} through a run: the loop, periodic deterministic evaluation,
 * {@code metrics.csv}, checkpoints (latest every {@code checkpoint_every} units, best on each
 * improved evaluation, a kept one at {@code checkpoint_at_step}), progress lines and {@code curve.png}. A run resumes from its latest
 * checkpoint with the metrics file cut back to what that checkpoint covers, so resumed and
 * uninterrupted runs write the same rows (wall-clock columns aside). A run stopped by a non-finite
 * number leaves a {@link Divergence} record naming the checkpoint with its last finite state.
 * {@link TrainingListener}s added with {@link #addListener} watch the run and can stop it; a stopped
 * run has its latest checkpoint at the step it stopped and resumes like any other.
 */
public final class Trainer {
    /** Columns every run writes before the algorithm's own. */
    public static final List<String> LEADING_COLUMNS = List.of(
            "iteration", "global_step", "episodic_return", "episodic_length", "episodes", "eval_return", "eval_std");

    private final RunDirectory dir;
    private final RunConfig run;
    private final PrintStream console;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /**
     * What a run reports when training returns.
     *
     * @param globalStep environment steps trained
     * @param finalEvalReturn the last evaluation's mean return
     * @param bestEvalReturn the best evaluation's mean return
     * @param seconds training seconds of the whole run
     * @param stopReason why a listener stopped the run before its budget, or null when it trained to the end
     */
    public record Result(
            long globalStep, double finalEvalReturn, double bestEvalReturn, double seconds, String stopReason) {
        /** Whether a listener stopped the run before its budget (it can be resumed). */
        public boolean stopped() {
            return stopReason != null;
        }
    }

    private Trainer(RunDirectory dir, RunConfig run, PrintStream console) {
        this.dir = dir;
        this.run = run;
        this.console = console;
    }

    /**
     * Creates a new run directory (it must not exist, or be empty but for its lock file) and writes
     * its config.
     *
     * @throws ConfigException if the directory already holds files
     * @throws org.gorlj.util.UserInputException for an unknown {@code MKL_CBWR} or a budget below one iteration
     */
    public static Trainer create(Path root, RunConfig run, PrintStream console) throws IOException {
        requireStartable(run);
        requireEmpty(root);
        RunDirectory d = new RunDirectory(root);
        Files.createDirectories(d.root());
        run.write(d.config());
        Files.createDirectories(d.checkpoints());
        return new Trainer(d, run, console);
    }

    /**
     * Refuses, before anything is written, a new run that could not train as asked: an unknown
     * {@code MKL_CBWR}, a budget below one iteration.
     *
     * @throws org.gorlj.util.UserInputException naming the problem
     */
    public static void requireStartable(RunConfig run) {
        Torch.mklBranch();
        run.requireOneIteration();
    }

    /** Refuses a directory for a new run that exists and holds files (but for its lock file). */
    static void requireEmpty(Path root) throws IOException {
        if (Files.exists(root) && (!Files.isDirectory(root) || !isEmptyDirectory(root))) {
            throw new ConfigException("run directory " + root + " already exists and is not empty; " + "use --resume "
                    + root + " to continue it or choose another --out");
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(RunLock.FILE));
        }
    }

    /**
     * Opens an existing run (one with a valid {@code config.json}) for resuming from its latest
     * checkpoint. A run stopped before its first checkpoint starts afresh: its {@code metrics.csv},
     * if any, is dropped.
     */
    public static Trainer open(Path root, PrintStream console) throws IOException {
        RunDirectory d = new RunDirectory(root);
        if (!Files.isDirectory(root)) {
            throw new ConfigException("no run directory at " + root);
        }
        Trainer t = new Trainer(d, RunConfig.read(d.config()), console);
        if (!Files.isRegularFile(d.latest())) {
            Files.deleteIfExists(d.metrics());
            Files.createDirectories(d.checkpoints());
            t.say("run %s has no checkpoint yet (it stopped before its first one): starting it afresh", root);
        }
        return t;
    }

    /** The run's directory. */
    public RunDirectory directory() {
        return dir;
    }

    /** The run's config. */
    public RunConfig runConfig() {
        return run;
    }

    /** Adds a listener told of every unit of work, evaluation, checkpoint and stage boundary; returns this trainer. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener));
        return this;
    }

    /** Trains until the step budget is spent (resuming from the latest checkpoint if there is one). */
    public Result train() throws IOException {
        Config c = run.config();
        Torch.start(c.getInt("torch_threads"));
        Task task = TaskRegistry.get(run.task());
        long total = c.getLong("total_steps");
        long evalEvery = c.getLong("eval_every");
        int checkpointEvery = c.getInt("checkpoint_every");
        long keepAt = c.getLong("checkpoint_at_step");
        CheckpointData resumeFrom = Files.isRegularFile(dir.latest()) ? CheckpointData.read(dir.latest()) : null;
        if (resumeFrom != null) {
            run.requireMatches(resumeFrom, dir.latest());
            requireSameMklBranch(resumeFrom);
        }
        try (Algorithm alg = Algorithms.create(run.algo(), c, task)) {
            List<String> columns = new ArrayList<>(LEADING_COLUMNS);
            columns.addAll(alg.metricColumns());
            columns.addAll(MetricsLog.WALL_CLOCK_COLUMNS);
            Tally tally;
            MetricsLog log;
            if (resumeFrom != null) {
                alg.load(resumeFrom);
                tally = Tally.of(resumeFrom);
                log = MetricsLog.resume(dir.metrics(), columns, tally.rows);
                say("resumed %s at step %,d (%d rows)", dir.root(), alg.globalStep(), tally.rows);
            } else {
                tally = new Tally();
                log = MetricsLog.create(dir.metrics(), columns);
            }
            say(
                    "training %s on %s (preset %s) for %,d steps; run directory %s; MKL_CBWR=%s",
                    run.algo(), run.task(), run.preset(), total, dir.root(), Torch.mklBranch());
            long start = System.nanoTime();
            long lastPrint = 0;
            EpisodeStats episodes = new EpisodeStats();
            long checkpointStep = resumeFrom != null ? alg.globalStep() : -1;
            RunControl control = new RunControl(total);
            TensorBoardLog tb = TensorBoardLog.forRun(
                    dir.root(), c, Map.of("task", run.task(), "algo", run.algo(), "preset", run.preset()), tally.rows);
            try (log;
                    tb) {
                while (alg.globalStep() < total) {
                    long stepBefore = alg.globalStep();
                    long t0 = System.nanoTime();
                    Map<String, Object> algRow = alg.iterate();
                    double iterSeconds = (System.nanoTime() - t0) * 1e-9;
                    checkFinite(algRow, alg.globalStep());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iteration", tally.rows);
                    row.put("global_step", alg.globalStep());
                    episodes.add(alg.drainEpisodes(), row);
                    boolean finished = alg.globalStep() >= total;
                    boolean evalNow =
                            finished || (evalEvery > 0 && alg.globalStep() / evalEvery > stepBefore / evalEvery);
                    boolean improved = evalNow && evaluate(alg, task, tally, row, finished);
                    row.putAll(algRow);
                    double seconds = tally.priorSeconds + (System.nanoTime() - start) * 1e-9;
                    putWallClock(row, alg, seconds, alg.globalStep() - stepBefore, iterSeconds);
                    log.append(row);
                    tb.append(row);
                    tally.rows++;
                    boolean keep = keepAt > stepBefore && keepAt <= alg.globalStep();
                    boolean checkpointed = tally.rows % checkpointEvery == 0 || finished || improved || keep;
                    if (checkpointed) {
                        checkpoint(alg, tally, seconds, improved);
                        checkpointStep = alg.globalStep();
                    }
                    if (keep) {
                        Path kept = dir.stepCheckpoint(alg.globalStep());
                        AtomicFiles.write(
                                kept, tmp -> Files.copy(dir.latest(), tmp, StandardCopyOption.REPLACE_EXISTING));
                    }
                    long now = System.nanoTime();
                    if (console != null
                            && (evalNow
                                    || finished
                                    || row.containsKey("boundary_return_after")
                                    || now - lastPrint > 2_000_000_000L)) {
                        lastPrint = now;
                        printProgress(alg.globalStep(), total, seconds, start, stepBefore, episodes.recent(), row);
                    }
                    tell(control, alg.globalStep(), row, evalNow ? tally.evals : 0, improved, checkpointed);
                    if (control.stopRequested() && !finished) {
                        if (checkpointStep != alg.globalStep()) {
                            checkpoint(alg, tally, seconds, false);
                            checkpointStep = alg.globalStep();
                            tell(control, alg.globalStep(), null, 0, false, true);
                        }
                        break;
                    }
                }
            } catch (DivergenceException e) {
                Divergence d = new Divergence(e.getMessage(), alg.globalStep(), checkpointStep);
                d.write(dir);
                throw new DivergenceException(d.describe());
            }
            Files.deleteIfExists(dir.diverged());
            double seconds = tally.priorSeconds + (System.nanoTime() - start) * 1e-9;
            CurvePlot.write(dir.metrics(), dir.curve(), run.task() + " / " + run.algo());
            if (control.stopRequested() && alg.globalStep() < total) {
                say(
                        "stopped at step %,d of %,d: %s; continue it with: gorl train --resume %s",
                        alg.globalStep(), total, control.stopReason(), dir.root());
            }
            say(
                    "done: %,d steps in %.1f s; final eval %.2f, best eval %.2f",
                    alg.globalStep(), seconds, tally.lastEval, tally.best);
            say("curve: %s   metrics: %s   checkpoints: %s", dir.curve(), dir.metrics(), dir.checkpoints());
            return new Result(
                    alg.globalStep(),
                    tally.lastEval,
                    tally.best,
                    seconds,
                    alg.globalStep() < total ? control.stopReason() : null);
        }
    }

    /**
     * What a run has counted so far, stored in each checkpoint's meta: rows written, evaluations done,
     * the best and the last evaluation return, and the training seconds of the sessions before this
     * one (of the whole run when written).
     */
    private static final class Tally {
        long rows;
        int evals;
        double best = Double.NEGATIVE_INFINITY;
        double lastEval = Double.NaN;
        double priorSeconds;

        static Tally of(CheckpointData ck) {
            Tally t = new Tally();
            t.rows = ck.metaLong("rows");
            t.evals = (int) ck.metaLong("evals");
            t.best = ck.metaDouble("best_eval");
            t.lastEval = ck.metaDouble("last_eval");
            t.priorSeconds = ck.metaDouble("seconds");
            return t;
        }

        void writeTo(CheckpointData ck, double seconds) {
            ck.meta().put("rows", rows);
            ck.meta().put("evals", evals);
            ck.meta().put("best_eval", best);
            ck.meta().put("last_eval", lastEval);
            ck.meta().put("seconds", seconds);
        }
    }

    /**
     * Evaluates the policy deterministically (episodes seeded by the evaluation's number), puts
     * {@code eval_return} and {@code eval_std} in the row, tells the algorithm, and returns whether
     * the return beat the best so far. The run's last evaluation has {@code final_eval_episodes}
     * episodes (see {@link RunKnobs#finalEvalEpisodes}), the others {@code eval_episodes}.
     */
    private boolean evaluate(Algorithm alg, Task task, Tally tally, Map<String, Object> row, boolean last) {
        Config c = run.config();
        int episodes = last ? RunKnobs.finalEvalEpisodes(c) : c.getInt("eval_episodes");
        Evaluator.Result ev = Evaluator.evaluate(
                task,
                alg.actor(),
                episodes,
                c.getLong("seed") + 1_000_000_007L * (tally.evals + 1),
                true,
                c.getInt("env_threads"));
        tally.evals++;
        tally.lastEval = ev.mean();
        row.put("eval_return", ev.mean());
        row.put("eval_std", ev.std());
        alg.onEvaluation(ev.mean());
        if (ev.mean() > tally.best) {
            tally.best = ev.mean();
            return true;
        }
        return false;
    }

    /**
     * Tells the listeners of a unit of work ({@code row} null for the checkpoint a stop adds), its
     * evaluation ({@code evaluation} the run's count, 0 for none), its stage boundary and its checkpoint.
     */
    private void tell(
            RunControl control,
            long step,
            Map<String, Object> row,
            int evaluation,
            boolean improved,
            boolean checkpoint) {
        if (listeners.isEmpty()) {
            return;
        }
        control.setGlobalStep(step);
        List<java.util.function.Consumer<TrainingListener>> events = new ArrayList<>();
        if (row != null) {
            Map<String, Object> view = java.util.Collections.unmodifiableMap(row);
            events.add(l -> l.onUnit(view, control));
        }
        if (evaluation > 0) {
            var e = new TrainingListener.EvaluationDone(
                    step, evaluation, (Double) row.get("eval_return"), (Double) row.get("eval_std"), improved);
            events.add(l -> l.onEvaluation(e, control));
        }
        if (row != null && row.get("boundary_return_after") instanceof Double after) {
            var b = new TrainingListener.StageBoundary(
                    step,
                    ((Number) row.get("stage")).intValue(),
                    (Double) row.get("boundary_return_before"),
                    after,
                    row.get("boundary_retention") instanceof Double r ? r : Double.NaN);
            events.add(l -> l.onStageBoundary(b, control));
        }
        if (checkpoint) {
            var c = new TrainingListener.CheckpointWritten(step, dir.latest(), improved);
            events.add(l -> l.onCheckpoint(c, control));
        }
        for (var event : events) {
            listeners.forEach(event);
        }
    }

    /** The wall-clock columns: run seconds so far, this iteration's steps per second, the algorithm's part times. */
    private static void putWallClock(
            Map<String, Object> row, Algorithm alg, double seconds, long steps, double iterSeconds) {
        row.put("time_s", seconds);
        row.put("sps", steps / Math.max(iterSeconds, 1e-9));
        Map<String, Double> timing = alg.timing();
        row.put("physics_s", timing.get("physics"));
        row.put("inference_s", timing.get("inference"));
        row.put("learning_s", timing.get("learning"));
    }

    /** Writes the latest checkpoint, and copies it to the best one (atomically) when the evaluation improved. */
    private void checkpoint(Algorithm alg, Tally tally, double seconds, boolean improved) throws IOException {
        CheckpointData ck = new CheckpointData();
        alg.save(ck);
        tally.writeTo(ck, seconds);
        run.writeTo(ck);
        ck.meta().put(MKL_BRANCH_KEY, Torch.mklBranch());
        ck.write(dir.latest());
        if (improved) {
            AtomicFiles.write(dir.best(), tmp -> Files.copy(dir.latest(), tmp, StandardCopyOption.REPLACE_EXISTING));
        }
    }

    /** Checkpoint meta key of the math library's code branch the run was trained with. */
    static final String MKL_BRANCH_KEY = "mkl_cbwr";

    /**
     * Refuses to continue a run under another MKL code branch than the one it was trained with: the
     * rest of the run would differ in the last bits from an uninterrupted one. Checkpoints written
     * before the branch was recorded count as {@code COMPATIBLE}, what the launcher and the tests set
     * until then.
     */
    private void requireSameMklBranch(CheckpointData ck) {
        Object recorded = ck.meta().getOrDefault(MKL_BRANCH_KEY, "COMPATIBLE");
        String now = Torch.mklBranch();
        if (!now.equals(recorded)) {
            throw new ConfigException("run " + dir.root() + " was trained with MKL_CBWR=" + recorded
                    + " but this process has MKL_CBWR=" + now + "; resume it under the same branch: MKL_CBWR="
                    + recorded + " ./gorl train --resume " + dir.root());
        }
    }

    private long sessionStartStep = -1;

    private void printProgress(
            long step,
            long total,
            double seconds,
            long start,
            long stepBefore,
            Deque<Double> recent,
            Map<String, Object> row) {
        if (sessionStartStep < 0) {
            sessionStartStep = stepBefore;
        }
        double sessionSeconds = (System.nanoTime() - start) * 1e-9;
        double sps = (step - sessionStartStep) / Math.max(sessionSeconds, 1e-9);
        double eta = timeLeft(step, total, sps);
        String ret = recent.isEmpty()
                ? "n/a"
                : formatReturn(recent.stream().mapToDouble(d -> d).average().orElse(0));
        Object ev = row.get("eval_return");
        Object stage = row.get("stage");
        Object after = row.get("boundary_return_after");
        Object retention = row.get("boundary_retention");
        Object gap = row.get("boundary_action_gap");
        String boundary = after == null
                ? ""
                : "| boundary " + formatReturn((Double) row.get("boundary_return_before"))
                        + " -> " + formatReturn((Double) after)
                        + (retention == null ? "" : String.format(" retention %.2f", (Double) retention))
                        + (gap == null ? "" : String.format(" action gap %.3f", (Double) gap)) + " ";
        console.printf(
                "[%3d%%] step %,d/%,d | %,.0f steps/s %s| return %s (last %d) %s%s| elapsed %s | left %s%n",
                Math.min(100, step * 100 / total),
                step,
                total,
                sps,
                stage == null ? "" : "| stage " + stage + " " + row.get("phase") + " ",
                ret,
                recent.size(),
                ev == null ? "" : "| eval " + formatReturn((Double) ev) + " ",
                boundary,
                duration(seconds),
                duration(eta));
    }

    /**
     * Seconds until {@code total} at {@code sps} steps per second; 0 once the step is past it (the last
     * iteration of an on-policy algorithm may end beyond the budget), NaN without a rate.
     */
    static double timeLeft(long step, long total, double sps) {
        return sps > 0 ? Math.max(0, total - step) / sps : Double.NaN;
    }

    /** Returns below 10 in size (e.g. bandit rewards in [0, 1]) with two decimals, larger ones with one. */
    private static String formatReturn(double r) {
        return String.format(Math.abs(r) < 10 ? "%.2f" : "%.1f", r);
    }

    private static String duration(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600
                ? String.format("%dh%02dm", t / 3600, t % 3600 / 60)
                : String.format("%dm%02ds", t / 60, t % 60);
    }

    private void say(String fmt, Object... args) {
        if (console != null) {
            console.println(String.format(fmt, args));
        }
    }

    private static void checkFinite(Map<String, Object> row, long step) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getValue() instanceof Double d && !Double.isFinite(d)) {
                throw new DivergenceException(e.getKey() + " is " + d + " at step " + step);
            }
        }
    }
}
