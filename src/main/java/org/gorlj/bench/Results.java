package org.gorlj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.gorlj.config.ConfigException;
import org.gorlj.report.BandPlot;
import org.gorlj.train.RunDirectory;

/**
 * A benchmark's results from its run directories: {@code results.csv} (one row per run that has
 * metrics), {@code results.md} (tables laid out like the paper's: tasks as columns, methods as
 * rows, mean +- std over the complete runs' seeds) and one {@code <task>.png} per task with each
 * method's mean training curve and a band of one standard deviation over seeds.
 */
public final class Results {
    /** Columns of results.csv. */
    public static final List<String> CSV_COLUMNS = List.of("task", "method", "algo", "preset", "seed", "status", "steps",
            "final_train_return", "final_eval_return", "auc", "wall_clock_s", "sps", "peak_rss_mb", "run_dir");

    /** Format marker of {@link #cell} for returns: the decimals follow the values' size. */
    static final String RETURN = "return";

    private Results() {}

    /** A run and what it has produced so far (null summary: no metrics yet). */
    record Row(BenchSpec.Run run, String status, RunSummary summary) {}

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
        List<Row> recorded = recorded(spec, csvFile);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < spec.runs().size(); i++) {
            BenchSpec.Run r = spec.runs().get(i);
            if (!Files.isDirectory(r.dir()) && recorded.get(i).summary() != null) {
                rows.add(recorded.get(i));
                continue;
            }
            rows.add(new Row(r, Bench.status(r.dir()), RunSummary.readIfAny(r.dir())));
        }
        Files.createDirectories(spec.results());
        writeAtomically(csvFile, csv(rows));
        writeAtomically(spec.results().resolve("results.md"), markdown(spec, rows));
        for (String task : spec.tasks()) {
            Map<String, List<Path>> byMethod = new LinkedHashMap<>();
            boolean allOnDisk = true;
            for (Row row : rows) {
                if (row.run().task().equals(task) && row.status().equals(Bench.COMPLETE)) {
                    Path metrics = new RunDirectory(row.run().dir()).metrics();
                    if (Files.isRegularFile(metrics)) {
                        byMethod.computeIfAbsent(row.run().method().name(), k -> new ArrayList<>()).add(metrics);
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
            rows.add(row == null ? new Row(r, "missing", null) : new Row(r, row.get("status"), summary(row)));
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

    /** A run's summary as an earlier results.csv recorded it (empty cells are NaN). */
    private static RunSummary summary(Map<String, String> row) {
        return new RunSummary(Long.parseLong(row.get("steps")), number(row.get("final_train_return")),
                number(row.get("final_eval_return")), number(row.get("auc")), number(row.get("wall_clock_s")),
                number(row.get("sps")), number(row.get("peak_rss_mb")));
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
            List<String> cells = List.of(r.task(), r.method().name(), r.method().algo(), r.method().preset(),
                    Long.toString(r.seed()), row.status(), Long.toString(s.steps()), num(s.finalTrainReturn()),
                    num(s.finalEvalReturn()), num(s.auc()), num(s.wallClockSeconds()), num(s.stepsPerSecond()),
                    num(s.peakRssMb()), r.dir().toString());
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** "{@code C of N runs complete}", with ", {@code D diverged}" when some are. */
    static String runCounts(List<Row> rows) {
        long complete = rows.stream().filter(r -> r.status().equals(Bench.COMPLETE)).count();
        long diverged = rows.stream().filter(r -> r.status().equals(Bench.DIVERGED)).count();
        return complete + " of " + rows.size() + " runs complete" + (diverged > 0 ? ", " + diverged + " diverged" : "");
    }

    static String markdown(BenchSpec spec, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Bench ").append(spec.name()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%s; %,d environment steps per run; seeds %s.%n", runCounts(rows),
                spec.steps(), spec.seeds()));
        sb.append("Each cell: mean ± standard deviation over the seeds of the complete runs (population std; "
                + "a cell with fewer seeds says how many; one seed: its value).\n\n");
        List<Row> diverged = rows.stream().filter(r -> r.status().equals(Bench.DIVERGED)).toList();
        if (!diverged.isEmpty()) {
            sb.append("Diverged (training stopped on a non-finite number; not in the tables):\n");
            for (Row r : diverged) {
                sb.append("- ").append(r.run().label()).append(r.summary() == null ? ", before its first update"
                        : String.format(Locale.ROOT, ", stopped at %,d steps", r.summary().steps())).append('\n');
            }
            sb.append('\n');
        }
        table(sb, spec, rows, "Final deterministic evaluation return", RunSummary::finalEvalReturn, RETURN);
        table(sb, spec, rows, "Training return over the last 10% of steps", RunSummary::finalTrainReturn, RETURN);
        table(sb, spec, rows, "Area under the training curve (mean training return over the run)", RunSummary::auc, RETURN);
        table(sb, spec, rows, "Wall-clock seconds per run", RunSummary::wallClockSeconds, "%.0f");
        table(sb, spec, rows, "Environment steps per second", RunSummary::stepsPerSecond, "%.0f");
        table(sb, spec, rows, "Peak RSS per run (MiB)", RunSummary::peakRssMb, "%.0f");
        return sb.toString();
    }

    private static void table(StringBuilder sb, BenchSpec spec, List<Row> rows, String title,
                              ToDoubleFunction<RunSummary> metric, String fmt) {
        sb.append("## ").append(title).append("\n\n");
        tableBody(sb, spec, rows, metric, fmt);
        sb.append('\n');
    }

    /** Tasks as columns, methods as rows, each cell {@link #cell} of the complete runs' metric. */
    static void tableBody(StringBuilder sb, BenchSpec spec, List<Row> rows, ToDoubleFunction<RunSummary> metric,
                          String fmt) {
        sb.append("| method |");
        spec.tasks().forEach(t -> sb.append(' ').append(t).append(" |"));
        sb.append("\n|---|");
        spec.tasks().forEach(t -> sb.append("---|"));
        sb.append('\n');
        for (BenchSpec.Method m : spec.methods()) {
            sb.append("| ").append(m.name()).append(" |");
            for (String task : spec.tasks()) {
                List<Double> values = rows.stream()
                        .filter(r -> r.status().equals(Bench.COMPLETE) && r.run().task().equals(task)
                                && r.run().method().equals(m))
                        .map(r -> metric.applyAsDouble(r.summary())).filter(v -> !Double.isNaN(v)).toList();
                sb.append(' ').append(cell(values, spec.seeds().size(), fmt)).append(" |");
            }
            sb.append('\n');
        }
    }

    /**
     * {@code mean ± std}, with the seed count when fewer than {@code expected}; the value alone for
     * one seed (a spread over one seed would read as a measured 0); a dash when empty.
     * {@code fmt} is a format of one number, or {@link #RETURN}: three decimals when every value is
     * below 10 in size (returns of bandit-like tasks in [0, 1]), one otherwise.
     */
    static String cell(List<Double> values, int expected, String fmt) {
        if (values.isEmpty()) {
            return "–";
        }
        if (fmt.equals(RETURN)) {
            fmt = values.stream().allMatch(v -> Math.abs(v) < 10) ? "%.3f" : "%.1f";
        }
        double mean = values.stream().mapToDouble(d -> d).average().orElseThrow();
        double var = values.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / values.size();
        String s = values.size() == 1 ? String.format(Locale.ROOT, fmt, mean)
                : String.format(Locale.ROOT, fmt + " ± " + fmt, mean, Math.sqrt(var));
        return values.size() < expected ? s + " (" + values.size() + " of " + expected + " seeds)" : s;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
