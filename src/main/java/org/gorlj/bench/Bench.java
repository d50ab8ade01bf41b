package org.gorlj.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.gorlj.config.ConfigException;
import org.gorlj.nn.Torch;
import org.gorlj.train.Fork;
import org.gorlj.train.RunConfig;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;
import org.gorlj.util.IoErrors;
import org.gorlj.util.JvmOptions;
import org.gorlj.util.UserInputException;

/**
 * Runs a {@link BenchSpec}: every run that is not complete is trained by a {@link RunWorker} in a
 * child JVM (its own heap, threads and peak-memory figure; a crash stays in its run), at most
 * {@code parallel} at a time. A run with a checkpoint resumes from it, a complete run is skipped,
 * so the bench can be stopped at any moment and started again with nothing lost. A diverged run
 * (stopped on a non-finite number) is skipped too: training is deterministic, so a resume would
 * stop at the same update. Results are rewritten after every run that ends.
 */
public final class Bench {
    /** Name of the worker's log in a run directory. */
    public static final String LOG = "train.log";

    private Bench() {}

    /**
     * What a bench session did: runs skipped (complete or diverged, before or while it ran), trained
     * to the end, failed (including those that diverged now), and left to another process.
     */
    public record Outcome(int skipped, int finished, int failed, int busy) {}

    /** How one run's turn ended. */
    private enum Ended {
        SKIPPED,
        COMPLETE,
        FAILED,
        BUSY
    }

    /**
     * Runs at once by default: one per core, each run single-threaded (torch_threads=1,
     * env_threads=1 are the knob defaults). See docs/bench.md for the measurement behind it.
     */
    public static int defaultParallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The status of a run directory: new, partial, complete or diverged. */
    public static RunStatus status(Path runDir) {
        RunRecord record = RunRecord.read(runDir);
        if (record.complete()) {
            return RunStatus.COMPLETE;
        }
        if (record.diverged() != null) {
            return RunStatus.DIVERGED;
        }
        return Files.isRegularFile(new RunDirectory(runDir).latest()) ? RunStatus.PARTIAL : RunStatus.NEW;
    }

    /**
     * Checks that every existing run directory of the spec was made with the settings the spec now
     * gives it, so that a changed spec never mixes runs of different settings.
     *
     * @throws ConfigException naming the first directory that differs and the first setting
     */
    public static void checkDirectories(BenchSpec spec) {
        for (BenchSpec.Run r : spec.runs()) {
            Path config = new RunDirectory(r.dir()).config();
            if (!Files.exists(config)) {
                continue;
            }
            RunConfig old = RunConfig.read(config);
            String diff = difference(old, r.config());
            if (diff != null) {
                throw new ConfigException("run directory " + r.dir() + " holds a run with other settings (" + diff
                        + "); delete it or give the spec another \"out\"");
            }
        }
    }

    private static String difference(RunConfig a, RunConfig b) {
        if (!a.task().equals(b.task()) || !a.algo().equals(b.algo())) {
            return a.task() + " " + a.algo() + " instead of " + b.task() + " " + b.algo();
        }
        Map<String, Object> x = a.config().asMap(), y = b.config().asMap();
        for (String k : y.keySet()) {
            if (!y.get(k).equals(x.get(k))) {
                return k + " is " + x.get(k) + ", the spec gives " + y.get(k);
            }
        }
        return null;
    }

    /**
     * Prints one line per run of the spec (status, steps reached, last evaluation, wall-clock so far,
     * whether a process is training it now) and a count by status; trains and writes nothing. A run
     * without a directory here is reported as the spec's results.csv records it, if it does.
     */
    public static void printStatus(BenchSpec spec, PrintStream console) throws IOException {
        Map<RunStatus, Integer> counts = new TreeMap<>(Comparator.comparing(RunStatus::label));
        List<Results.Row> recorded = Results.recorded(spec, spec.results().resolve("results.csv"));
        List<RunStatus> statuses = new ArrayList<>();
        List<RunSummary> summaries = new ArrayList<>();
        List<Boolean> fromCsv = new ArrayList<>();
        for (int i = 0; i < spec.runs().size(); i++) {
            BenchSpec.Run r = spec.runs().get(i);
            fromCsv.add(!Files.isDirectory(r.dir()) && recorded.get(i).summary() != null);
            statuses.add(fromCsv.get(i) ? recorded.get(i).status() : status(r.dir()));
            summaries.add(fromCsv.get(i) ? recorded.get(i).summary() : RunSummary.readIfAny(r.dir()));
        }
        for (int i = 0; i < spec.runs().size(); i++) {
            BenchSpec.Run r = spec.runs().get(i);
            RunStatus s = statuses.get(i);
            counts.merge(s, 1, Integer::sum);
            StringBuilder line = new StringBuilder(String.format("[%-8s] %s", s, r.label()));
            RunSummary sum = summaries.get(i);
            if (sum != null) {
                line.append(String.format(
                        ": %,d of %,d steps (%.0f %%), last eval %s, %.0f s",
                        sum.steps(),
                        r.steps(),
                        100.0 * sum.steps() / r.steps(),
                        Double.isNaN(sum.finalEvalReturn()) ? "none yet" : String.format("%.1f", sum.finalEvalReturn()),
                        sum.wallClockSeconds()));
                if (s == RunStatus.PARTIAL) {
                    line.append(String.format(
                            " at %.0f steps/s, about %s left",
                            sum.stepsPerSecond(), duration(secondsToFinish(r, sum))));
                }
            }
            if (fromCsv.get(i)) {
                line.append(" (from results.csv: no run directory here)");
            }
            if (RunWorker.isBusy(r.dir())) {
                line.append("; training now");
            }
            if (s == RunStatus.DIVERGED) {
                line.append("; ").append(RunRecord.read(r.dir()).diverged());
            }
            console.println(line);
        }
        double left = secondsLeft(spec, statuses, summaries);
        console.printf(
                "bench %s: %d runs: %s%s%n",
                spec.name(),
                spec.runs().size(),
                String.join(
                        ", ",
                        counts.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .toList()),
                left == 0
                        ? ""
                        : Double.isNaN(left)
                                ? "; time left unknown until every task and method has a measured rate"
                                : "; about " + duration(left)
                                        + " of training left, one run at a time (divide by --parallel)");
    }

    /**
     * Seconds of training the spec's new and partial runs still need, one run at a time: a partial
     * run at its own rate so far, a new run at the mean rate of the runs of its task and method that
     * have metrics. NaN when a new run has no such run to go by.
     */
    static double secondsLeft(BenchSpec spec, List<RunStatus> statuses, List<RunSummary> summaries) {
        Map<String, double[]> rates = new HashMap<>(); // task and method -> {sum of rates, count}
        for (int i = 0; i < spec.runs().size(); i++) {
            if (summaries.get(i) != null) {
                double[] acc = rates.computeIfAbsent(rateKey(spec.runs().get(i)), k -> new double[2]);
                acc[0] += summaries.get(i).stepsPerSecond();
                acc[1]++;
            }
        }
        double left = 0;
        for (int i = 0; i < spec.runs().size(); i++) {
            RunStatus s = statuses.get(i);
            if (s == RunStatus.PARTIAL && summaries.get(i) != null) {
                left += secondsToFinish(spec.runs().get(i), summaries.get(i));
            } else if (s == RunStatus.NEW || s == RunStatus.PARTIAL) {
                double[] acc = rates.get(rateKey(spec.runs().get(i)));
                left += acc == null ? Double.NaN : spec.runs().get(i).steps() / (acc[0] / acc[1]);
            }
        }
        return left;
    }

    /** Seconds run {@code r} with summary {@code sum} still needs to reach its steps at its rate so far. */
    private static double secondsToFinish(BenchSpec.Run r, RunSummary sum) {
        return (r.steps() - sum.steps()) / sum.stepsPerSecond();
    }

    private static String rateKey(BenchSpec.Run r) {
        return r.task() + " " + r.method().name();
    }

    /** A duration for people: "40 s", "12 min", "3.4 h". */
    static String duration(double seconds) {
        if (seconds < 90) {
            return String.format("%.0f s", seconds);
        }
        return seconds < 5400 ? String.format("%.0f min", seconds / 60) : String.format("%.1f h", seconds / 3600);
    }

    /**
     * Refuses, before anything is trained, a bench that could not run: run directories made with
     * other settings, an unknown {@code MKL_CBWR}, unwritable {@code out} or {@code results}
     * directories, a run whose budget is below one iteration.
     *
     * @throws ConfigException or IOException naming the problem
     */
    public static void requireRunnable(BenchSpec spec) throws IOException {
        checkDirectories(spec);
        Torch.mklBranch(); // refuses an unknown MKL_CBWR here, not in every worker
        requireWritable(spec.out());
        requireWritable(spec.results());
        for (BenchSpec.Run r : spec.runs()) {
            try {
                r.config().requireOneIteration();
            } catch (ConfigException e) {
                throw new ConfigException(spec.name() + ": " + r.label() + ": " + e.getMessage());
            }
        }
    }

    /** Trains every incomplete run of the spec, {@code parallel} at a time, and writes the results. */
    public static Outcome run(BenchSpec spec, int parallel, PrintStream console)
            throws IOException, InterruptedException {
        requireRunnable(spec);
        List<BenchSpec.Run> runs = spec.runs();
        Set<Path> recordedOnly = recordedOnly(spec, console);
        List<BenchSpec.Run> todo = new ArrayList<>();
        int partial = 0, diverged = 0;
        for (BenchSpec.Run r : runs) {
            RunStatus s = recordedOnly.contains(r.dir()) ? RunStatus.COMPLETE : status(r.dir());
            if (s == RunStatus.DIVERGED) {
                diverged++;
                console.printf(
                        "[diverged] %s: not retried, a resume would stop at the same update (delete its %s to "
                                + "retry): %s%n",
                        r.label(), RunRecord.FILE, RunRecord.read(r.dir()).diverged());
            } else if (s != RunStatus.COMPLETE) {
                todo.add(r);
                partial += s == RunStatus.PARTIAL ? 1 : 0;
            }
        }
        int complete = runs.size() - todo.size() - diverged;
        console.printf(
                "bench %s: %d runs (%d tasks x %d methods x %d seeds, %,d steps each): %d complete, %s%d to resume, "
                        + "%d to start; %d at a time%n",
                spec.name(),
                runs.size(),
                spec.tasks().size(),
                spec.methods().size(),
                spec.seeds().size(),
                spec.steps(),
                complete,
                diverged > 0 ? diverged + " diverged, " : "",
                partial,
                todo.size() - partial,
                parallel);
        Set<Process> live = ConcurrentHashMap.newKeySet();
        Thread stopChildren = new Thread(() -> live.forEach(Process::destroy));
        Runtime.getRuntime().addShutdownHook(stopChildren);
        AtomicInteger skipped = new AtomicInteger(runs.size() - todo.size());
        AtomicInteger finished = new AtomicInteger(), failed = new AtomicInteger(), busy = new AtomicInteger();
        RunQueue queue = new RunQueue(todo);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < parallel; w++) {
                workers.add(pool.submit(() -> {
                    for (BenchSpec.Run r = queue.next(); r != null; r = queue.next()) {
                        try {
                            Ended ended = r.trunk() == null ? null : forkFromTrunk(r, console);
                            ended = ended != null ? ended : train(r, live, console);
                            (switch (ended) {
                                        case SKIPPED -> skipped;
                                        case COMPLETE -> finished;
                                        case FAILED -> failed;
                                        case BUSY -> busy;
                                    })
                                    .incrementAndGet();
                        } finally {
                            queue.done(r);
                        }
                        writeResults(spec, console);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("bench worker thread failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C, kill): the hook is stopping the children
            }
        }
        writeFinalResults(spec, console);
        console.printf(
                "bench %s: %d skipped (complete or diverged), %d finished, %d failed, %d busy; results in %s%n",
                spec.name(), skipped.get(), finished.get(), failed.get(), busy.get(), spec.results());
        return new Outcome(skipped.get(), finished.get(), failed.get(), busy.get());
    }

    /**
     * The runs that results.csv records as complete and that have no directory here (a fresh clone or
     * another machine: run directories are not kept in git): they are not trained again, unless a
     * branch still to train needs one as its trunk, whose checkpoint at the branch's step exists only
     * in a directory. Such a trunk trains again (the same seed gives the same numbers), said in one line.
     */
    private static Set<Path> recordedOnly(BenchSpec spec, PrintStream console) throws IOException {
        List<Results.Row> recorded = Results.recorded(spec, spec.results().resolve("results.csv"));
        Set<Path> done = new HashSet<>();
        for (int i = 0; i < spec.runs().size(); i++) {
            BenchSpec.Run r = spec.runs().get(i);
            if (!Files.isDirectory(r.dir()) && recorded.get(i).status() == RunStatus.COMPLETE) {
                done.add(r.dir());
            }
        }
        for (BenchSpec.Run r : spec.runs()) {
            if (r.trunk() != null
                    && !done.contains(r.dir())
                    && !Files.exists(new RunDirectory(r.dir()).config())
                    && done.remove(r.trunk())) {
                console.printf(
                        "[retrain] %s: results.csv records it complete, but its branch %s needs its checkpoint at "
                                + "step %,d, which only a run directory holds%n",
                        r.trunk(), r.label(), r.method().branch().atStep());
            }
        }
        for (int i = 0; i < spec.runs().size(); i++) {
            BenchSpec.Run r = spec.runs().get(i);
            if (done.contains(r.dir())) {
                double eval = recorded.get(i).summary().finalEvalReturn();
                console.printf(
                        "[recorded] %s: complete in results.csv (final eval "
                                + Results.returnFormat(new double[] {eval})
                                + "), no run directory here; not trained again%n",
                        r.label(),
                        eval);
            }
        }
        return done;
    }

    /** The last writing of a bench's results, after its runs: the videos first when the spec asks for them. */
    public static void writeFinalResults(BenchSpec spec, PrintStream console) throws IOException {
        if (spec.video()) {
            BenchVideos.film(spec, Results.rows(spec), console);
        }
        Results.write(spec);
    }

    /**
     * Creates {@code dir} if needed and checks that a file can be written into it, so that a bench
     * fails before training anything rather than after.
     *
     * @throws IOException one naming the directory and the cause
     */
    public static void requireWritable(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
        } catch (IOException e) {
            FileSystemException named =
                    new FileSystemException(dir.toString(), null, "cannot write into it: " + IoErrors.cause(e));
            named.initCause(e);
            throw named;
        }
    }

    private static synchronized void writeResults(BenchSpec spec, PrintStream console) {
        try {
            Results.write(spec);
        } catch (IOException | RuntimeException e) {
            console.println("bench: could not write results yet: " + e);
        }
    }

    /**
     * Makes a branch run a fork of its trunk's run at the branch's step, once the trunk has kept that
     * checkpoint ({@code checkpoint_at_step}; the {@link RunQueue} hands out a branch when it has, or
     * when its trunk is not queued or trained by this bench): waits while another process trains the
     * trunk. Returns null when the run is ready to train (forked now or before), or how its turn ended.
     */
    private static Ended forkFromTrunk(BenchSpec.Run r, PrintStream console) throws IOException, InterruptedException {
        if (Files.exists(new RunDirectory(r.dir()).config())) {
            return null;
        }
        BenchSpec.Branch b = r.method().branch();
        Path kept = new RunDirectory(r.trunk()).stepCheckpoint(b.atStep());
        while (!Files.isRegularFile(kept) && RunWorker.isBusy(r.trunk())) {
            Thread.sleep(500);
        }
        if (!Files.isRegularFile(kept)) {
            console.printf(
                    "[failed] %s: its trunk %s kept no checkpoint at step %,d (at_step must be a multiple of the "
                            + "steps of one iteration)%n",
                    r.label(), r.trunk(), b.atStep());
            return Ended.FAILED;
        }
        Files.createDirectories(r.dir());
        try (RunLock _ = RunLock.acquire(r.dir(), "bench fork " + r.dir())) {
            Fork.prepare(r.trunk(), "step-" + b.atStep(), r.method().algo(), r.dir(), b.forkAssignments());
        } catch (UserInputException e) {
            console.printf("[failed] %s: cannot fork %s: %s%n", r.label(), r.trunk(), e.getMessage());
            return Ended.FAILED;
        }
        console.printf("[fork  ] %s from %s at step %,d%n", r.label(), r.trunk(), b.atStep());
        return null;
    }

    /**
     * Trains one run in a child JVM, unless another process is training it or has, since this bench
     * started, completed it or seen it diverge.
     */
    private static Ended train(BenchSpec.Run r, Set<Process> live, PrintStream console)
            throws IOException, InterruptedException {
        RunDirectory d = new RunDirectory(r.dir());
        Files.createDirectories(r.dir());
        if (RunWorker.isBusy(r.dir())) {
            console.printf(
                    "[busy  ] %s: another process is training it; left alone (run the bench again later)%n", r.label());
            return Ended.BUSY;
        }
        RunStatus now = status(r.dir());
        if (now == RunStatus.COMPLETE || now == RunStatus.DIVERGED) {
            console.printf("[skip  ] %s: %s meanwhile, by another process%n", r.label(), now);
            return Ended.SKIPPED;
        }
        if (!Files.exists(d.config())) {
            r.config().write(d.config());
        }
        String how = Files.isRegularFile(d.latest()) ? "resume" : "start";
        console.printf("[%-6s] %s -> %s%n", how, r.label(), r.dir());
        Path log = r.dir().resolve(LOG);
        Process p = startWorker(r.dir());
        live.add(p);
        int code;
        try {
            code = awaitWorker(p, r.dir());
        } finally {
            live.remove(p);
        }
        if (code == 0 && status(r.dir()) == RunStatus.COMPLETE) {
            console.println(doneLine(r.label(), RunSummary.read(r.dir())));
            return Ended.COMPLETE;
        }
        List<String> lines = Files.readAllLines(log);
        console.printf(
                "[failed] %s: worker exit code %d; last log line: %s (log: %s)%n",
                r.label(), code, lines.isEmpty() ? "" : lines.getLast(), log);
        return Ended.FAILED;
    }

    /**
     * Starts the child JVM ({@link RunWorker}) that trains, or resumes, the run in {@code runDir}
     * (its {@code config.json} written); {@link #awaitWorker} then logs its output and waits for it.
     */
    public static Process startWorker(Path runDir) throws IOException {
        List<String> cmd = JvmOptions.javaCommand();
        cmd.add(RunWorker.class.getName());
        cmd.add(runDir.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /**
     * Appends the output of a worker started by {@link #startWorker} to the run's {@value #LOG} as it
     * comes and returns the worker's exit code (see {@link RunWorker}) once it ends.
     */
    public static int awaitWorker(Process worker, Path runDir) throws IOException, InterruptedException {
        copyWithoutNotices(worker, runDir.resolve(LOG));
        return worker.waitFor();
    }

    /**
     * Appends the worker's output to its log line by line, as it comes, without the two start-up
     * notices the launcher drops from the console too (the Vector API's incubator notice, libtorch's
     * deprecated-guard notice).
     */
    private static void copyWithoutNotices(Process p, Path log) throws IOException {
        try (BufferedReader in = p.inputReader(StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(
                        log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!isStartupNotice(line)) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            }
        }
    }

    static boolean isStartupNotice(String line) {
        return line.equals("WARNING: Using incubator modules: jdk.incubator.vector")
                || line.contains("Warning: AutoNonVariableTypeMode is deprecated and will be removed");
    }

    /** The {@code [done]} line of a complete run; returns as {@link Results#returnFormat} writes them. */
    static String doneLine(String label, RunSummary s) {
        return String.format(
                Locale.ROOT,
                "[done  ] %s: %,d steps in %.0f s (%,.0f steps/s, peak RSS %.0f MiB), final eval "
                        + Results.returnFormat(new double[] {s.finalEvalReturn()})
                        + ", final training return "
                        + Results.returnFormat(new double[] {s.finalTrainReturn()}),
                label,
                s.steps(),
                s.wallClockSeconds(),
                s.stepsPerSecond(),
                s.peakRssMb(),
                s.finalEvalReturn(),
                s.finalTrainReturn());
    }
}
