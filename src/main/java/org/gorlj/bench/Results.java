package org.gorlj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.gorlj.config.ConfigException;
import org.gorlj.report.BandPlot;
import org.gorlj.stats.Descriptive;
import org.gorlj.stats.SeedSummary;
import org.gorlj.train.RunDirectory;

/**
 * A benchmark's results from its run directories: {@code results.csv} (one row per run that has
 * metrics), {@code summary.csv} (per task, method and return metric: mean, sample std, IQM, 95 %
 * bootstrap interval over the complete runs' seeds, success rate), {@code paired.csv} (the spec's
 * pairs of methods: per-seed differences with their interval), {@code results.md} (tables laid out
 * like the paper's: tasks as columns, methods as rows) and one {@code <task>.png} per task with each
 * method's mean training curve and a band of one standard deviation over seeds. Statistics: {@link SeedSummary}.
 */
public final class Results {
    /** Columns of results.csv. */
    public static final List<String> CSV_COLUMNS = List.of(
            "task",
            "method",
            "algo",
            "preset",
            "seed",
            "status",
            "steps",
            "final_train_return",
            "final_eval_return",
            "eval_episodes",
            "auc",
            "eval_auc",
            "wall_clock_s",
            "sps",
            "peak_rss_mb",
            "run_dir");
    /** Columns of summary.csv: one row per task, method and return metric with at least one complete seed. */
    public static final List<String> SUMMARY_COLUMNS = List.of(
            "task",
            "method",
            "metric",
            "seeds",
            "mean",
            "std",
            "iqm",
            "ci95_low",
            "ci95_high",
            "success_threshold",
            "success_rate");
    /** Columns of paired.csv: one row per task, pair of methods and return metric with a seed both completed. */
    public static final List<String> PAIRED_COLUMNS = List.of(
            "task",
            "method_a",
            "method_b",
            "metric",
            "seeds",
            "mean_difference",
            "std_difference",
            "ci95_low",
            "ci95_high",
            "difference_shown");

    /**
     * A run number that gets statistics over seeds.
     *
     * @param column its results.csv column, the {@code metric} of summary.csv and paired.csv
     * @param title its table's title in results.md
     * @param value the number of a run's summary
     */
    record ReturnMetric(String column, String title, ToDoubleFunction<RunSummary> value) {}

    /** The return metrics, the final evaluation first. */
    static final List<ReturnMetric> RETURN_METRICS = List.of(
            new ReturnMetric("final_eval_return", "Final deterministic evaluation return", RunSummary::finalEvalReturn),
            new ReturnMetric(
                    "final_train_return", "Training return over the last 10% of steps", RunSummary::finalTrainReturn),
            new ReturnMetric(
                    "auc", "Area under the training curve (mean training return over the run)", RunSummary::auc),
            new ReturnMetric(
                    "eval_auc",
                    "Area under the evaluation curve (mean deterministic evaluation return over the run)",
                    RunSummary::evalAuc));

    static final ReturnMetric FINAL_EVAL = RETURN_METRICS.getFirst();

    static final ReturnMetric EVAL_AUC = RETURN_METRICS.getLast();
    /**
     * Fewest common seeds for reading a paired interval: with two, the percentile bootstrap interval
     * excludes zero whenever both differences share a sign.
     */
    static final int MIN_PAIRED_SEEDS = 5;

    /** Format marker of {@link #cell} for returns: the decimals follow the values' size. */
    static final String RETURN = "return";

    private Results() {}

    /** A run and what it has produced so far (null summary: no metrics yet). */
    record Row(BenchSpec.Run run, RunStatus status, RunSummary summary) {}

    /**
     * The rows of the spec's runs: read from their directories, or for a run without a directory here,
     * the row the results directory's results.csv has for it.
     */
    static List<Row> rows(BenchSpec spec) throws IOException {
        List<Row> recorded = recorded(spec, spec.results().resolve("results.csv"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < spec.runs().size(); i++) {
            BenchSpec.Run r = spec.runs().get(i);
            if (!Files.isDirectory(r.dir()) && recorded.get(i).summary() != null) {
                rows.add(recorded.get(i));
                continue;
            }
            rows.add(new Row(r, Bench.status(r.dir()), RunSummary.readIfAny(r.dir())));
        }
        return rows;
    }

    /**
     * Reads every run of the spec and writes the CSV, the markdown and the PNGs into the spec's results
     * directory. A run whose directory is absent (e.g. a fresh clone: run directories are not kept in
     * git) keeps the row an earlier results.csv has for it, so regenerating never loses results. A
     * task's PNG is drawn from the complete runs' metrics on disk; while some complete run of the
     * task has no metrics here, an existing PNG is kept rather than redrawn with fewer seeds (delete
     * it to have it drawn from what is on disk).
     */
    public static void write(BenchSpec spec) throws IOException {
        Path csvFile = spec.results().resolve("results.csv");
        List<Row> rows = rows(spec);
        Files.createDirectories(spec.results());
        writeAtomically(csvFile, csv(rows));
        writeAtomically(spec.results().resolve("summary.csv"), summaryCsv(spec, rows));
        writeAtomically(spec.results().resolve("paired.csv"), pairedCsv(spec, rows));
        List<Boundaries.Boundary> boundaries =
                Boundaries.collect(rows, spec.results().resolve(Boundaries.FILE));
        if (!boundaries.isEmpty()) {
            writeAtomically(spec.results().resolve(Boundaries.FILE), Boundaries.csv(boundaries));
        }
        writeAtomically(spec.results().resolve("results.md"), markdown(spec, rows, boundaries));
        for (String task : spec.tasks()) {
            Map<String, List<Path>> byMethod = new LinkedHashMap<>();
            boolean allOnDisk = true;
            for (Row row : rows) {
                if (row.run().task().equals(task) && row.status() == RunStatus.COMPLETE) {
                    Path metrics = new RunDirectory(row.run().dir()).metrics();
                    if (Files.isRegularFile(metrics)) {
                        byMethod.computeIfAbsent(row.run().method().name(), k -> new ArrayList<>())
                                .add(metrics);
                    } else {
                        allOnDisk = false;
                    }
                }
            }
            Path png = spec.results().resolve(BenchSpec.slug(task) + ".png");
            if (!byMethod.isEmpty() && (allOnDisk || !Files.exists(png))) {
                Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
                BandPlot.write(tmp, task + ": training return, mean and std over seeds", byMethod);
                Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String key(String task, String method, String seed) {
        return task + "|" + method + "|" + seed;
    }

    /**
     * The spec's runs as {@code csv} (an earlier results.csv) recorded them, in the spec's order; a
     * run the file does not list (or no file) gets status {@code missing} and no summary.
     */
    static List<Row> recorded(BenchSpec spec, Path csv) throws IOException {
        Map<String, Map<String, String>> byRun = new LinkedHashMap<>();
        if (Files.isRegularFile(csv)) {
            for (Map<String, String> row : readCsv(csv)) {
                byRun.put(key(row.get("task"), row.get("method"), row.get("seed")), row);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (BenchSpec.Run r : spec.runs()) {
            Map<String, String> row = byRun.get(key(r.task(), r.method().name(), Long.toString(r.seed())));
            rows.add(
                    row == null
                            ? new Row(r, RunStatus.MISSING, null)
                            : new Row(r, RunStatus.of(row.get("status")), summary(row)));
        }
        return rows;
    }

    /** Rows of a results.csv as column-name maps (its cells hold no commas). */
    static List<Map<String, String>> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new ConfigException(csv + " is empty");
        }
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new ConfigException(csv + ": a row has " + cells.length + " cells, the header " + header.length);
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** A run's summary as an earlier results.csv recorded it (empty cells are NaN; no eval_episodes column: 0). */
    private static RunSummary summary(Map<String, String> row) {
        String episodes = row.getOrDefault("eval_episodes", "");
        return new RunSummary(
                Long.parseLong(row.get("steps")),
                number(row.get("final_train_return")),
                number(row.get("final_eval_return")),
                episodes.isEmpty() ? 0 : Integer.parseInt(episodes),
                number(row.get("auc")),
                number(row.get("eval_auc")),
                number(row.get("wall_clock_s")),
                number(row.get("sps")),
                number(row.get("peak_rss_mb")));
    }

    private static double number(String cell) {
        return cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (Row row : rows) {
            RunSummary s = row.summary();
            if (s == null) {
                continue;
            }
            BenchSpec.Run r = row.run();
            List<String> cells = List.of(
                    r.task(),
                    r.method().name(),
                    r.method().algo(),
                    r.method().preset(),
                    Long.toString(r.seed()),
                    row.status().label(),
                    Long.toString(s.steps()),
                    num(s.finalTrainReturn()),
                    num(s.finalEvalReturn()),
                    s.evalEpisodes() > 0 ? Integer.toString(s.evalEpisodes()) : "",
                    num(s.auc()),
                    num(s.evalAuc()),
                    num(s.wallClockSeconds()),
                    num(s.stepsPerSecond()),
                    num(s.peakRssMb()),
                    r.dir().toString());
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * A metric's value per seed over the complete runs of a task and method, in the spec's seed
     * order (runs whose value is NaN left out).
     */
    static Map<Long, Double> bySeed(List<Row> rows, String task, String method, ToDoubleFunction<RunSummary> metric) {
        Map<Long, Double> values = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.status() == RunStatus.COMPLETE
                    && r.run().task().equals(task)
                    && r.run().method().name().equals(method)) {
                double v = metric.applyAsDouble(r.summary());
                if (!Double.isNaN(v)) {
                    values.put(r.run().seed(), v);
                }
            }
        }
        return values;
    }

    /** The values as an array, in their iteration order. */
    static double[] array(Collection<Double> values) {
        return values.stream().mapToDouble(d -> d).toArray();
    }

    /** The summary of the per-seed differences a - b over the seeds both methods completed; null if none. */
    static SeedSummary paired(List<Row> rows, String task, BenchSpec.Pair pair, ToDoubleFunction<RunSummary> metric) {
        double[] d = differences(rows, task, pair, metric);
        return d.length == 0 ? null : SeedSummary.of(d);
    }

    /** The per-seed differences a - b over the seeds both methods completed, in the spec's seed order. */
    static double[] differences(List<Row> rows, String task, BenchSpec.Pair pair, ToDoubleFunction<RunSummary> metric) {
        Map<Long, Double> a = bySeed(rows, task, pair.a(), metric), b = bySeed(rows, task, pair.b(), metric);
        List<Long> seeds = a.keySet().stream().filter(b::containsKey).toList();
        return SeedSummary.differences(
                array(seeds.stream().map(a::get).toList()),
                array(seeds.stream().map(b::get).toList()));
    }

    /** Whether paired differences over enough seeds have an interval that excludes 0. */
    static boolean differenceShown(SeedSummary d) {
        return d.n() >= MIN_PAIRED_SEEDS && d.showsDifference();
    }

    static String summaryCsv(BenchSpec spec, List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", SUMMARY_COLUMNS)).append('\n');
        for (String task : spec.tasks()) {
            for (BenchSpec.Method m : spec.methods()) {
                for (ReturnMetric metric : RETURN_METRICS) {
                    double[] v =
                            array(bySeed(rows, task, m.name(), metric.value()).values());
                    if (v.length == 0) {
                        continue;
                    }
                    SeedSummary s = SeedSummary.of(v);
                    OptionalDouble threshold =
                            metric.equals(FINAL_EVAL) ? SuccessThresholds.of(task) : OptionalDouble.empty();
                    sb.append(String.join(
                                    ",",
                                    task,
                                    m.name(),
                                    metric.column(),
                                    Integer.toString(s.n()),
                                    num(s.mean()),
                                    num(s.std()),
                                    num(s.iqm()),
                                    num(s.ci95().low()),
                                    num(s.ci95().high()),
                                    threshold.isPresent() ? num(threshold.getAsDouble()) : "",
                                    threshold.isPresent()
                                            ? num(Descriptive.successRate(v, threshold.getAsDouble()))
                                            : ""))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    static String pairedCsv(BenchSpec spec, List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", PAIRED_COLUMNS)).append('\n');
        for (String task : spec.tasks()) {
            for (BenchSpec.Pair pair : spec.pairs()) {
                for (ReturnMetric metric : RETURN_METRICS) {
                    SeedSummary d = paired(rows, task, pair, metric.value());
                    if (d != null) {
                        sb.append(String.join(
                                        ",",
                                        task,
                                        pair.a(),
                                        pair.b(),
                                        metric.column(),
                                        Integer.toString(d.n()),
                                        num(d.mean()),
                                        num(d.std()),
                                        num(d.ci95().low()),
                                        num(d.ci95().high()),
                                        Boolean.toString(differenceShown(d))))
                                .append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** "{@code C of N runs complete}", with ", {@code D diverged}" when some are. */
    static String runCounts(List<Row> rows) {
        long complete =
                rows.stream().filter(r -> r.status() == RunStatus.COMPLETE).count();
        long diverged =
                rows.stream().filter(r -> r.status() == RunStatus.DIVERGED).count();
        return complete + " of " + rows.size() + " runs complete" + (diverged > 0 ? ", " + diverged + " diverged" : "");
    }

    /**
     * The final evaluation's episodes over the complete runs, as the data records them: "{@code 10
     * episodes}", "{@code 10 to 50 episodes}", with the count of runs that do not record it, and a
     * note when fewer than the bench's minimum (runs made before it was required).
     */
    static String evalEpisodes(List<Row> rows) {
        TreeSet<Integer> known = new TreeSet<>();
        long unknown = 0;
        for (Row r : rows) {
            if (r.status() == RunStatus.COMPLETE) {
                if (r.summary().evalEpisodes() > 0) {
                    known.add(r.summary().evalEpisodes());
                } else {
                    unknown++;
                }
            }
        }
        if (known.isEmpty()) {
            return unknown == 0 ? "episodes not known yet (no complete run)" : "episodes not recorded";
        }
        String s = (known.size() == 1 ? known.first() + "" : known.first() + " to " + known.last()) + " episodes";
        if (known.first() < BenchSpec.MIN_FINAL_EVAL_EPISODES) {
            s += " (made before the bench required " + BenchSpec.MIN_FINAL_EVAL_EPISODES + ")";
        }
        return unknown == 0 ? s : s + "; not recorded for " + unknown + " runs";
    }

    static String markdown(BenchSpec spec, List<Row> rows, List<Boundaries.Boundary> boundaries) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Bench ").append(spec.name()).append("\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%s; %,d environment steps per run; seeds %s; final evaluation over %s.%n",
                runCounts(rows),
                spec.steps(),
                spec.seeds(),
                evalEpisodes(rows)));
        sb.append(
                "Return cells: mean ± sample standard deviation [95 % bootstrap confidence interval of the mean] over "
                        + "the seeds of the complete runs; other cells: mean ± sample standard deviation; a cell with fewer seeds "
                        + "says how many; one seed: its value. Definitions: docs/bench.md, \"Statistics\"; all figures in "
                        + "summary.csv and paired.csv.\n\n");
        List<Row> diverged =
                rows.stream().filter(r -> r.status() == RunStatus.DIVERGED).toList();
        if (!diverged.isEmpty()) {
            sb.append("Diverged (training stopped on a non-finite number; not in the tables):\n");
            for (Row r : diverged) {
                sb.append("- ")
                        .append(r.run().label())
                        .append(
                                r.summary() == null
                                        ? ", before its first update"
                                        : String.format(
                                                Locale.ROOT,
                                                ", stopped at %,d steps",
                                                r.summary().steps()))
                        .append('\n');
            }
            sb.append('\n');
        }
        table(sb, spec, rows, FINAL_EVAL.title(), FINAL_EVAL.value(), RETURN, true);
        sb.append("### Interquartile mean and success rate of the final evaluation return\n\n");
        iqmAndSuccess(sb, spec, rows);
        sb.append('\n');
        if (pairedTable(sb, spec, rows)) {
            sb.append('\n');
        }
        Boundaries.markdown(sb, boundaries);
        for (ReturnMetric metric : RETURN_METRICS.subList(1, RETURN_METRICS.size())) {
            table(sb, spec, rows, metric.title(), metric.value(), RETURN, true);
            if (metric.equals(EVAL_AUC) && pairedTable(sb, spec, rows, EVAL_AUC)) {
                sb.append('\n');
            }
        }
        table(sb, spec, rows, "Wall-clock seconds per run", RunSummary::wallClockSeconds, "%.0f", false);
        table(sb, spec, rows, "Environment steps per second", RunSummary::stepsPerSecond, "%.0f", false);
        table(sb, spec, rows, "Peak RSS per run (MiB)", RunSummary::peakRssMb, "%.0f", false);
        if (spec.video()) {
            videos(sb, spec, rows);
        }
        return sb.toString();
    }

    private static void table(
            StringBuilder sb,
            BenchSpec spec,
            List<Row> rows,
            String title,
            ToDoubleFunction<RunSummary> metric,
            String fmt,
            boolean interval) {
        sb.append("## ").append(title).append("\n\n");
        tableBody(sb, spec, rows, metric, fmt, interval);
        sb.append('\n');
    }

    private static void header(StringBuilder sb, List<String> columns) {
        sb.append("| method |");
        columns.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|");
        columns.forEach(c -> sb.append("---|"));
        sb.append('\n');
    }

    /**
     * Tasks as columns, methods as rows, each cell {@link #cell} of the complete runs' metric (with
     * the bootstrap interval when {@code interval}).
     */
    static void tableBody(
            StringBuilder sb,
            BenchSpec spec,
            List<Row> rows,
            ToDoubleFunction<RunSummary> metric,
            String fmt,
            boolean interval) {
        header(sb, spec.tasks());
        for (BenchSpec.Method m : spec.methods()) {
            sb.append("| ").append(m.name()).append(" |");
            for (String task : spec.tasks()) {
                double[] values = array(bySeed(rows, task, m.name(), metric).values());
                sb.append(' ')
                        .append(cell(values, spec.seeds().size(), fmt, interval))
                        .append(" |");
            }
            sb.append('\n');
        }
    }

    /** Per method and task: the IQM of the final evaluation return and how many seeds reach the task's threshold. */
    private static void iqmAndSuccess(StringBuilder sb, BenchSpec spec, List<Row> rows) {
        header(
                sb,
                spec.tasks().stream()
                        .map(t -> SuccessThresholds.of(t).isPresent()
                                ? t + " (success: ≥ "
                                        + threshold(SuccessThresholds.of(t).getAsDouble()) + ")"
                                : t)
                        .toList());
        for (BenchSpec.Method m : spec.methods()) {
            sb.append("| ").append(m.name()).append(" |");
            for (String task : spec.tasks()) {
                double[] v =
                        array(bySeed(rows, task, m.name(), FINAL_EVAL.value()).values());
                String c = "–";
                if (v.length > 0) {
                    c = "IQM " + String.format(Locale.ROOT, returnFormat(v), Descriptive.iqm(v));
                    OptionalDouble threshold = SuccessThresholds.of(task);
                    if (threshold.isPresent()) {
                        long hits = Math.round(Descriptive.successRate(v, threshold.getAsDouble()) * v.length);
                        c += ", " + hits + " of " + v.length + " seeds succeed";
                    }
                }
                sb.append(' ').append(c).append(" |");
            }
            sb.append('\n');
        }
    }

    /** A threshold for people: without decimals when whole. */
    private static String threshold(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }

    /** {@link #pairedTable(StringBuilder, BenchSpec, List, ReturnMetric)} of the final evaluation return. */
    static boolean pairedTable(StringBuilder sb, BenchSpec spec, List<Row> rows) {
        return pairedTable(sb, spec, rows, FINAL_EVAL);
    }

    /**
     * The paired differences of {@code metric}, one line per task and pair of the spec with a seed
     * both methods have it for; false (nothing written) when there is none.
     */
    static boolean pairedTable(StringBuilder sb, BenchSpec spec, List<Row> rows, ReturnMetric metric) {
        List<String> lines = new ArrayList<>();
        for (String task : spec.tasks()) {
            for (BenchSpec.Pair pair : spec.pairs()) {
                SeedSummary d = paired(rows, task, pair, metric.value());
                if (d == null) {
                    continue;
                }
                String fmt = returnFormat(
                        new double[] {d.mean(), d.ci95().low(), d.ci95().high()});
                String reading = d.n() < MIN_PAIRED_SEEDS
                        ? "too few seeds for a reading"
                        : !differenceShown(d)
                                ? "no difference shown"
                                : (d.ci95().low() > 0 ? pair.a() : pair.b()) + " higher";
                lines.add(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | " + fmt + " [" + fmt + ", " + fmt + "] | %s |",
                        task,
                        pair.label(),
                        d.n(),
                        d.mean(),
                        d.ci95().low(),
                        d.ci95().high(),
                        reading));
            }
        }
        if (lines.isEmpty()) {
            return false;
        }
        String what = metric.equals(FINAL_EVAL)
                ? "final evaluation return"
                : Character.toLowerCase(metric.title().charAt(0))
                        + metric.title().substring(1);
        sb.append("Paired differences of the " + what + " (per seed, A − B; mean [95 % bootstrap interval]; "
                + "few seeds give narrow intervals, see docs/bench.md, \"Statistics\"):\n\n");
        sb.append("| task | A − B | seeds | difference | reading |\n|---|---|---|---|---|\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return true;
    }

    /** Three decimals when every value is below 10 in size (returns of bandit-like tasks in [0, 1]), one otherwise. */
    static String returnFormat(double[] values) {
        return Arrays.stream(values).allMatch(v -> Math.abs(v) < 10) ? "%.3f" : "%.1f";
    }

    /**
     * {@code mean ± std}, followed by {@code [low, high]}, the 95 % bootstrap interval of the mean,
     * when {@code interval}; with the seed count when fewer than {@code expected}; the value alone for
     * one seed (a spread over one seed would read as a measured 0); a dash when empty.
     * {@code fmt} is a format of one number, or {@link #RETURN}: three decimals when every value is
     * below 10 in size (returns of bandit-like tasks in [0, 1]), one otherwise.
     */
    static String cell(double[] values, int expected, String fmt, boolean interval) {
        if (values.length == 0) {
            return "–";
        }
        if (fmt.equals(RETURN)) {
            fmt = returnFormat(values);
        }
        SeedSummary s = SeedSummary.of(values);
        String c;
        if (values.length == 1) {
            c = String.format(Locale.ROOT, fmt, s.mean());
        } else {
            c = String.format(Locale.ROOT, fmt + " ± " + fmt, s.mean(), s.std());
            if (interval) {
                c += String.format(
                        Locale.ROOT,
                        " [" + fmt + ", " + fmt + "]",
                        s.ci95().low(),
                        s.ci95().high());
            }
        }
        return values.length < expected ? c + " (" + values.length + " of " + expected + " seeds)" : c;
    }

    /** The "Videos" list: a link to each filmed task x method's video, with the seed of its best run. */
    private static void videos(StringBuilder sb, BenchSpec spec, List<Row> rows) {
        StringBuilder list = new StringBuilder();
        for (String task : spec.tasks()) {
            for (BenchSpec.Method m : spec.methods()) {
                Optional<Path> file = BenchVideos.file(spec, task, m.name());
                Optional<Row> best = BenchVideos.best(rows, task, m.name());
                if (file.isPresent() && best.isPresent()) {
                    list.append(String.format(
                            Locale.ROOT,
                            "- [%s / %s](%s): seed %d, final evaluation return %.1f%n",
                            task,
                            m.name(),
                            file.get().getFileName(),
                            best.get().run().seed(),
                            best.get().summary().finalEvalReturn()));
                }
            }
        }
        if (!list.isEmpty()) {
            sb.append("\n## Videos\n\nOne deterministic evaluation episode of each method's best run (highest final"
                            + " evaluation return), from its best checkpoint:\n\n")
                    .append(list);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
