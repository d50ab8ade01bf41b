package org.gorlj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.gorlj.train.RunDirectory;

/**
 * GoRL's stage boundaries in a bench's runs: per boundary, the deterministic return of the policy the
 * decoder's data set was collected with, that of the new composed policy right after the refit, and
 * the normalised retention (the metrics columns {@code boundary_return_before}, {@code
 * boundary_return_after}, {@code boundary_retention}) and how far the refit moved the deterministic
 * action ({@code boundary_action_gap}, empty for runs that predate it). Written to {@code boundaries.csv} and listed in
 * {@code results.md}; a run whose directory is absent keeps what an earlier {@code boundaries.csv}
 * has for it.
 */
final class Boundaries {
    static final String FILE = "boundaries.csv";
    private static final String HEADER =
            "task,method,seed,stage,global_step,boundary_return_before,boundary_return_after,boundary_retention,"
                    + "boundary_action_gap";

    /**
     * One boundary of one run: the stage that ended, the step of the refit's last row, the returns, and
     * the mean absolute change of the deterministic action on the "before" evaluation's states.
     */
    record Boundary(
            String task,
            String method,
            long seed,
            int stage,
            long step,
            double before,
            double after,
            double retention,
            double actionGap) {}

    private Boundaries() {}

    /** The boundaries of every run: from its metrics when its directory is here, else from {@code previous}. */
    static List<Boundary> collect(List<Results.Row> rows, Path previous) throws IOException {
        List<Boundary> earlier = Files.isRegularFile(previous) ? readCsv(previous) : List.of();
        List<Boundary> all = new ArrayList<>();
        for (Results.Row row : rows) {
            BenchSpec.Run r = row.run();
            Path metrics = new RunDirectory(r.dir()).metrics();
            if (Files.isRegularFile(metrics)) {
                all.addAll(fromMetrics(r, MetricsLog.read(metrics)));
            } else {
                earlier.stream()
                        .filter(b -> b.task().equals(r.task())
                                && b.method().equals(r.method().name())
                                && b.seed() == r.seed())
                        .forEach(all::add);
            }
        }
        return all;
    }

    /** The rows of a run's metrics that close a boundary. */
    static List<Boundary> fromMetrics(BenchSpec.Run r, List<Map<String, String>> metrics) {
        List<Boundary> out = new ArrayList<>();
        for (Map<String, String> m : metrics) {
            String before = m.getOrDefault("boundary_return_before", "");
            if (!before.isEmpty()) {
                out.add(new Boundary(
                        r.task(),
                        r.method().name(),
                        r.seed(),
                        Integer.parseInt(m.get("stage")),
                        Long.parseLong(m.get("global_step")),
                        Double.parseDouble(before),
                        Double.parseDouble(m.get("boundary_return_after")),
                        number(m.getOrDefault("boundary_retention", "")),
                        number(m.getOrDefault("boundary_action_gap", ""))));
            }
        }
        return out;
    }

    static String csv(List<Boundary> boundaries) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Boundary b : boundaries) {
            sb.append(String.join(
                            ",",
                            b.task(),
                            b.method(),
                            Long.toString(b.seed()),
                            Integer.toString(b.stage()),
                            Long.toString(b.step()),
                            Double.toString(b.before()),
                            Double.toString(b.after()),
                            optional(b.retention()),
                            optional(b.actionGap())))
                    .append('\n');
        }
        return sb.toString();
    }

    static List<Boundary> readCsv(Path file) throws IOException {
        List<Boundary> out = new ArrayList<>();
        for (Map<String, String> m : Results.readCsv(file)) {
            out.add(new Boundary(
                    m.get("task"),
                    m.get("method"),
                    Long.parseLong(m.get("seed")),
                    Integer.parseInt(m.get("stage")),
                    Long.parseLong(m.get("global_step")),
                    Double.parseDouble(m.get("boundary_return_before")),
                    Double.parseDouble(m.get("boundary_return_after")),
                    number(m.get("boundary_retention")),
                    number(m.get("boundary_action_gap"))));
        }
        return out;
    }

    /** The markdown section listing every boundary (nothing when there is none). */
    static void markdown(StringBuilder sb, List<Boundary> boundaries) {
        if (boundaries.isEmpty()) {
            return;
        }
        sb.append("### GoRL stage boundaries: return right before and right after each refit\n\n")
                .append("Deterministic evaluations on the same seeds; retention = (after - random) / (before - random),"
                        + " empty where the stage ended less than 10 % above the random level (at or below it in runs"
                        + " before session 16; docs/presets.md, \"Boundary retention\"); action gap = mean |a_after - a_before| of the deterministic action on the "
                        + "states of the \"before\" evaluation.\n\n")
                .append("| task | method | seed | stage ended | step | before | after | retention | action gap |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Boundary b : boundaries) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %,d | %.1f | %.1f | %s | %s |%n",
                    b.task(),
                    b.method(),
                    b.seed(),
                    b.stage(),
                    b.step(),
                    b.before(),
                    b.after(),
                    Double.isNaN(b.retention()) ? "–" : String.format(Locale.ROOT, "%.2f", b.retention()),
                    Double.isNaN(b.actionGap()) ? "–" : String.format(Locale.ROOT, "%.3f", b.actionGap())));
        }
        sb.append('\n');
    }

    private static String optional(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }

    private static double number(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
