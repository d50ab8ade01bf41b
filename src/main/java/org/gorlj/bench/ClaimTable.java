package org.gorlj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gorlj.config.ConfigException;
import org.gorlj.stats.Bootstrap;
import org.gorlj.stats.SeedSummary;

/**
 * The paper's claim read task by task over the claim's specs (issue 21): the paper's final returns
 * and its curves' values at 15M steps beside ours, and the paired differences of each GoRL arm of a
 * spec (GoRL-FM, the arm named {@value #GORL}; GoRL-Diff, {@value #GORL_DIFF}, where the spec has it)
 * against PPO ({@value #PPO}) and against GoRL's own control, the latent PPO with no refit
 * ({@value #CONTROL}), over the seeds both arms completed.
 *
 * <p>The reading applies the claim's criterion: <em>reproduced</em> when both differences have a
 * one-sided 95 % bootstrap lower bound above zero; <em>not reproduced</em> when either 95 %
 * interval lies below zero (the other arm higher), or when at {@value #CONCLUSIVE_SEEDS} seeds both
 * intervals hold zero with mean differences under {@value #SMALL_GAIN}; otherwise the question is
 * open. A task whose specs lack the control arm can show GoRL above PPO, never the claim.
 */
final class ClaimTable {
    /** The GoRL-FM arm of a claim spec. */
    static final String GORL = "G";
    /** The GoRL-Diff arm, which a claim spec may have beside {@value #GORL}. */
    static final String GORL_DIFF = "GD";
    /** The PPO arm. */
    static final String PPO = "P";
    /** The control arm: GoRL-FM's latent PPO through the identity decoder, never refitted. */
    static final String CONTROL = "C";
    /** Seeds at which a difference the intervals do not show counts as absent. */
    static final int CONCLUSIVE_SEEDS = 10;
    /** The mean difference under which an absent difference counts as no gain. */
    static final double SMALL_GAIN = 100;
    /** The paper's figures, one row per task. */
    static final List<String> PAPER_COLUMNS = List.of(
            "task",
            "gorl_fm_mean",
            "gorl_fm_std",
            "gorl_fm_at_15m",
            "gorl_diff_mean",
            "gorl_diff_std",
            "gorl_diff_at_15m",
            "ppo_mean",
            "ppo_std",
            "ppo_at_15m");

    /** A GoRL arm: its name in the specs, the method it is, and its prefix in the paper's columns. */
    private record GorlArm(String name, String method, String paperColumns) {}

    private static final List<GorlArm> GORL_ARMS =
            List.of(new GorlArm(GORL, "GoRL-FM", "gorl_fm"), new GorlArm(GORL_DIFF, "GoRL-Diff", "gorl_diff"));

    private static final double ONE_SIDED_95 = 0.90;

    private ClaimTable() {}

    /**
     * The table for the block arguments {@code PAPER.csv SPEC.json ...} (paths relative to {@code
     * root}): one row per task of the specs, in their order.
     */
    static String table(Path root, String arguments) throws IOException {
        String[] words = arguments.trim().split("\\s+");
        if (words.length < 2) {
            throw new ConfigException("the block <!-- claim: " + arguments.trim() + " --> names no spec: "
                    + "it takes the paper's figures (a CSV) and then one spec or more");
        }
        Map<String, Map<String, String>> paper = paper(root.resolve(words[0]));
        StringBuilder sb = new StringBuilder();
        sb.append("| task | GoRL | paper, 180M steps: GoRL / PPO | paper's curves at 15M: GoRL / PPO | ours: steps "
                + "| ours: GoRL / `P` | GoRL − `P` | GoRL − `C` | reading |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 1; i < words.length; i++) {
            BenchSpec spec = BenchSpec.read(root.resolve(words[i]));
            requireArms(spec, words[i]);
            List<Results.Row> rows =
                    Results.recorded(spec, root.resolve(spec.results()).resolve("results.csv"));
            for (String task : spec.tasks()) {
                Map<String, String> figures = paper.get(task);
                if (figures == null) {
                    throw new ConfigException(words[0] + " has no row for " + task + " (of " + words[i] + ")");
                }
                for (GorlArm arm : GORL_ARMS) {
                    if (hasArm(spec, arm.name())) {
                        sb.append(row(spec, rows, task, arm, figures)).append('\n');
                    }
                }
            }
        }
        sb.append('\n');
        return sb.toString();
    }

    private static void requireArms(BenchSpec spec, String path) {
        List<String> names = spec.methods().stream().map(BenchSpec.Method::name).toList();
        if (!names.contains(GORL) || !names.contains(PPO)) {
            throw new ConfigException(path + " has no arms named " + GORL + " and " + PPO
                    + " (GoRL-FM and PPO), which a claim block compares; its arms: " + String.join(", ", names));
        }
    }

    private static boolean hasArm(BenchSpec spec, String name) {
        return spec.methods().stream().anyMatch(m -> m.name().equals(name));
    }

    /** The paper's figures by task. */
    private static Map<String, Map<String, String>> paper(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new ConfigException("no paper figures at " + csv);
        }
        List<Map<String, String>> rows = Results.readCsv(csv);
        for (String column : PAPER_COLUMNS) {
            if (!rows.isEmpty() && !rows.getFirst().containsKey(column)) {
                throw new ConfigException(
                        csv + " has no column " + column + " (columns: " + String.join(",", PAPER_COLUMNS) + ")");
            }
        }
        Map<String, Map<String, String>> byTask = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            byTask.put(row.get("task"), row);
        }
        return byTask;
    }

    private static String row(
            BenchSpec spec, List<Results.Row> rows, String task, GorlArm gorl, Map<String, String> paper) {
        double[] gp = Results.differences(rows, task, new BenchSpec.Pair(gorl.name(), PPO), Results.FINAL_EVAL.value());
        boolean hasControl = hasArm(spec, CONTROL);
        double[] gc = hasControl
                ? Results.differences(rows, task, new BenchSpec.Pair(gorl.name(), CONTROL), Results.FINAL_EVAL.value())
                : new double[0];
        int seeds = spec.seeds().size();
        String figures = gorl.paperColumns();
        return String.join(
                " | ",
                "| " + task,
                gorl.method() + " (`" + gorl.name() + "`)",
                paper.get(figures + "_mean") + " ± " + paper.get(figures + "_std") + " / " + paper.get("ppo_mean")
                        + " ± " + paper.get("ppo_std"),
                "~" + paper.get(figures + "_at_15m") + " / ~" + paper.get("ppo_at_15m"),
                String.format(Locale.ROOT, "%.1fM", spec.steps() / 1e6),
                arm(rows, task, gorl.name(), seeds) + " / " + arm(rows, task, PPO, seeds),
                difference(gp),
                hasControl ? difference(gc) : "no control arm",
                reading(gorl.name(), gp, gc, hasControl) + " |");
    }

    private static String arm(List<Results.Row> rows, String task, String method, int seeds) {
        double[] values = Results.array(
                Results.bySeed(rows, task, method, Results.FINAL_EVAL.value()).values());
        return Results.cell(values, seeds, Results.RETURN, false);
    }

    /** {@code mean [low, high] (n seeds)}, the 95 % interval; a dash without a common seed. */
    private static String difference(double[] differences) {
        if (differences.length == 0) {
            return "–";
        }
        SeedSummary d = SeedSummary.of(differences);
        return String.format(
                Locale.ROOT,
                "%+.1f [%+.1f, %+.1f] (%d seeds)",
                d.mean(),
                d.ci95().low(),
                d.ci95().high(),
                d.n());
    }

    /**
     * The claim's criterion applied to the per-seed differences of the GoRL arm {@code gorl}
     * against P and, when the spec has the control arm, against C.
     */
    static String reading(String gorl, double[] gpDifferences, double[] gcDifferences, boolean hasControl) {
        if (gpDifferences.length == 0 || (hasControl && gcDifferences.length == 0)) {
            return "no paired seeds yet";
        }
        SeedSummary gp = SeedSummary.of(gpDifferences);
        SeedSummary gc = hasControl ? SeedSummary.of(gcDifferences) : null;
        int n = hasControl ? Math.min(gp.n(), gc.n()) : gp.n();
        if (n < Results.MIN_PAIRED_SEEDS) {
            return n + " seeds: too few for a reading";
        }
        List<String> higher = new ArrayList<>();
        if (below(gp)) {
            higher.add(PPO + " higher");
        }
        if (hasControl && below(gc)) {
            higher.add(CONTROL + " higher");
        }
        if (!higher.isEmpty()) {
            return "**not reproduced**: " + String.join(", ", higher);
        }
        boolean aboveP = oneSidedLowerBound(gpDifferences) > 0;
        if (!hasControl) {
            return aboveP ? gorl + " above " + PPO + "; no control arm" : "no difference shown; no control arm";
        }
        boolean aboveC = oneSidedLowerBound(gcDifferences) > 0;
        if (aboveP && aboveC) {
            return "**reproduced**";
        }
        if (n >= CONCLUSIVE_SEEDS
                && !gp.showsDifference()
                && !gc.showsDifference()
                && gp.mean() < SMALL_GAIN
                && gc.mean() < SMALL_GAIN) {
            return "**not reproduced**: no difference shown at " + n + " seeds";
        }
        return "open: "
                + (aboveP
                        ? gorl + " above " + PPO + ", not " + CONTROL
                        : aboveC ? gorl + " above " + CONTROL + ", not " + PPO : "no difference shown")
                + " at " + n + " seeds";
    }

    /** Whether the 95 % interval lies below zero (the second arm higher). */
    private static boolean below(SeedSummary d) {
        return d.ci95().high() < 0;
    }

    /** The one-sided 95 % lower bound of the mean difference: the lower end of the 90 % interval. */
    private static double oneSidedLowerBound(double[] differences) {
        return Bootstrap.interval(differences, ONE_SIDED_95).low();
    }
}
