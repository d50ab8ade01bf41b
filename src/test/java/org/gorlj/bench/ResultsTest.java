package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gorlj.run.MetricsLog;
import org.gorlj.stats.Descriptive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregate numbers, table and plot computed from run directories written by hand with known numbers. */
class ResultsTest {
    static final String HEADER = "iteration,global_step,episodic_return,episodic_length,episodes,eval_return,eval_std,"
            + "stage,time_s,sps,physics_s,inference_s,learning_s";

    /** Seed 1: returns at 200, 400, 800, 920, 1000; evals at 400 and 1000; 5 s; a stage change at 600. */
    static final String SEED1 = HEADER + """

            0,200,-100,200,2,,,a,1,200,0,0,0
            1,400,-80,200,1,-90,5,a,2,200,0,0,0
            2,600,,,0,,,b,3,200,0,0,0
            3,800,-40,200,1,,,b,4,200,0,0,0
            4,920,-30,200,1,,,b,4.5,240,0,0,0
            5,1000,-20,200,3,-10,1,b,5,160,0,0,0
            """;

    /** Seed 2: constant training return -60, final eval 10, 4 s. */
    static final String SEED2 = HEADER + """

            0,500,-60,200,2,,,a,2,250,0,0,0
            1,1000,-60,200,2,10,0,a,4,250,0,0,0
            """;

    @Test
    void runSummaryFromKnownMetrics(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, SEED1);
        RunSummary s = RunSummary.of(MetricsLog.read(f), 50, 300);
        assertThat(s.steps()).isEqualTo(1000);
        // rows after 900 steps: -30 (1 episode) and -20 (3 episodes)
        assertThat(s.finalTrainReturn()).isCloseTo((-30 - 3 * 20) / 4.0, within(1e-12));
        assertThat(s.finalEvalReturn()).isEqualTo(-10);
        assertThat(s.evalEpisodes()).isEqualTo(50);
        // trapezoids: 200*-90 + 400*-60 + 120*-35 + 80*-25 = -48200 over 800 steps
        assertThat(s.auc()).isCloseTo(-48200 / 800.0, within(1e-12));
        // evaluations -90 at 400 and -10 at 1000: one trapezoid of mean -50
        assertThat(s.evalAuc()).isCloseTo(-50, within(1e-12));
        assertThat(s.wallClockSeconds()).isEqualTo(5);
        assertThat(s.stepsPerSecond()).isEqualTo(200);
        assertThat(s.peakRssMb()).isEqualTo(300);
    }

    static void handMade(BenchSpec.Run run, String metrics, boolean complete, double rss) throws Exception {
        Path dir = run.dir();
        Files.createDirectories(dir.resolve("checkpoints"));
        run.config().write(dir.resolve("config.json"));
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        Files.writeString(dir.resolve("checkpoints/latest.ckpt"), "not read by the results");
        new RunRecord(rss, complete, null).write(dir);
    }

    @Test
    void tableCsvAndPlotFromHandMadeRuns(@TempDir Path tmp) throws Exception {
        Path specFile = tmp.resolve("hand.json");
        Files.writeString(specFile, """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 3, "steps": 1000,
                 "out": "%s", "results": "%s"}
                """.formatted(tmp.resolve("runs"), tmp.resolve("results")));
        BenchSpec spec = BenchSpec.read(specFile);
        handMade(spec.runs().get(0), SEED1, true, 300);
        handMade(spec.runs().get(1), SEED2, true, 500);
        handMade(
                spec.runs().get(2),
                SEED2.lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n",
                false,
                100); // interrupted at 500 steps: listed, not counted

        Results.write(spec);

        String md = Files.readString(tmp.resolve("results/results.md"));
        assertThat(md).contains("2 of 3 runs complete").contains("final evaluation over 50 episodes.");
        assertThat(md).contains("| method | classic/pendulum |");
        // eval: -10 and 10 -> 0 +- 14.14 (sample std); bootstrap means -10, 0, 0, 10: [-10 + 0.075 * 10, 10 - 0.075 *
        // 10]
        assertThat(md)
                .contains("## Final deterministic evaluation return\n\n| method | classic/pendulum |\n|---|---|\n"
                        + "| ppo | 0.0 ± 14.1 [-9.3, 9.3] (2 of 3 seeds) |");
        // IQM of two values is their mean; success threshold -200: both seeds
        assertThat(md)
                .contains("| method | classic/pendulum (success: ≥ -200) |\n|---|---|\n"
                        + "| ppo | IQM 0.0, 2 of 2 seeds succeed |");
        // training return: -22.5 and -60 -> -41.25 +- 26.52; resample means -60, -41.25, -41.25, -22.5:
        // [-60 + 0.075 * 18.75, -22.5 - 0.075 * 18.75]
        assertThat(md)
                .contains("## Training return over the last 10% of steps\n\n| method | classic/pendulum |\n|---|---|\n"
                        + "| ppo | -41.3 ± 26.5 [-58.6, -23.9] (2 of 3 seeds) |");
        // auc: -60.25 and -60
        assertThat(md).contains("| ppo | -60.1 ± 0.2 [-60.2, -60.0] (2 of 3 seeds) |");
        // peak RSS 300 and 500 MiB; sps 200 and 250: mean ± sample std, no interval
        assertThat(md).contains("| ppo | 400 ± 141 (2 of 3 seeds) |");
        assertThat(md).contains("| ppo | 225 ± 35 (2 of 3 seeds) |");
        List<String> summary = Files.readAllLines(tmp.resolve("results/summary.csv"));
        assertThat(summary.getFirst())
                .isEqualTo(String.join(",", Results.SUMMARY_COLUMNS))
                .isEqualTo("task,method,metric,seeds,mean,std,iqm,ci95_low,ci95_high,success_threshold,success_rate");
        assertThat(summary).hasSize(5);
        // evaluation curves: seed 1 -50 (above), seed 2 a single evaluation of 10
        assertThat(summary.get(4)).startsWith("classic/pendulum,ppo,eval_auc,2,-20.0,");
        assertThat(summary.get(1))
                .isEqualTo("classic/pendulum,ppo,final_eval_return,2,0.0," + Math.sqrt(200)
                        + ",0.0,-9.25,9.25,-200.0,1.0");
        assertThat(summary.get(2)).startsWith("classic/pendulum,ppo,final_train_return,2,-41.25,");
        assertThat(summary.get(2)).endsWith(",,");
        assertThat(Files.readAllLines(tmp.resolve("results/paired.csv")))
                .containsExactly(String.join(",", Results.PAIRED_COLUMNS)); // one method: no pairs

        List<String> csv = Files.readAllLines(tmp.resolve("results/results.csv"));
        assertThat(csv.getFirst()).isEqualTo(String.join(",", Results.CSV_COLUMNS));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1))
                .startsWith(
                        "classic/pendulum,ppo,ppo,auto,1,complete,1000,-22.5,-10.0,50,-60.25,-50.0,5.0,200.0,300.0,");
        assertThat(csv.get(3)).startsWith("classic/pendulum,ppo,ppo,auto,3,partial,500,");

        BufferedImage png =
                ImageIO.read(tmp.resolve("results/classic-pendulum.png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(520);

        // without the run directories (a fresh clone), regenerating keeps every recorded row and the table
        byte[] pngBytes = Files.readAllBytes(tmp.resolve("results/classic-pendulum.png"));
        try (var paths = Files.walk(tmp.resolve("runs"))) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Results.write(spec);
        assertThat(Files.readAllLines(tmp.resolve("results/results.csv"))).isEqualTo(csv);
        java.io.ByteArrayOutputStream status = new java.io.ByteArrayOutputStream();
        Bench.printStatus(spec, new java.io.PrintStream(status, true));
        assertThat(status.toString())
                .contains("[complete] classic/pendulum ppo seed 2: 1,000 of 1,000 steps (100 %), "
                        + "last eval 10.0, 4 s (from results.csv: no run directory here)")
                .contains("3 runs: 2 complete, 1 partial");
        assertThat(Files.readString(tmp.resolve("results/results.md"))).isEqualTo(md);
        assertThat(Files.readAllBytes(tmp.resolve("results/classic-pendulum.png")))
                .isEqualTo(pngBytes);

        // one recorded run's directory back (another machine's session): the table takes it, but the
        // curve of both seeds is not redrawn with one
        handMade(spec.runs().get(0), SEED2, true, 300);
        Results.write(spec);
        assertThat(Files.readAllLines(tmp.resolve("results/results.csv")).get(1))
                .doesNotContain(",-10.0,");
        assertThat(Files.readAllBytes(tmp.resolve("results/classic-pendulum.png")))
                .isEqualTo(pngBytes);
    }

    @Test
    void cellsShowMeanStdIntervalAndMissingSeeds() {
        assertThat(Results.cell(new double[] {1, 3}, 2, "%.2f", false)).isEqualTo("2.00 ± 1.41");
        // resample means 1, 2, 2, 3: [1 + 0.075, 3 - 0.075]
        assertThat(Results.cell(new double[] {1, 3}, 2, "%.2f", true)).isEqualTo("2.00 ± 1.41 [1.08, 2.93]");
        assertThat(Results.cell(new double[] {5}, 3, "%.1f", true)).isEqualTo("5.0 (1 of 3 seeds)");
        assertThat(Results.cell(new double[] {5}, 1, "%.1f", true)).isEqualTo("5.0");
        assertThat(Results.cell(new double[0], 3, "%.1f", true)).isEqualTo("–");
        // 0.5, 0.7, 0.9: std 0.2; exact bootstrap [0.5 + 0.65 * (0.5667 - 0.5), 0.9 - 0.65 * (0.9 - 0.8333)]
        assertThat(Results.cell(new double[] {0.5, 0.9, 0.7}, 3, Results.RETURN, true))
                .isEqualTo("0.700 ± 0.200 [0.543, 0.857]");
        assertThat(Results.cell(new double[] {-100, -200}, 2, Results.RETURN, false))
                .isEqualTo("-150.0 ± 70.7");
    }

    /** Two methods on the same seeds: their per-seed differences, with the interval and its reading. */
    @Test
    void pairedDifferencesPerSeed(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("pair.json"), """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo", "sac"], "seeds": 5, "steps": 1000,
                 "out": "%s", "results": "%s"}
                """.formatted(tmp.resolve("runs"), tmp.resolve("res")));
        BenchSpec spec = BenchSpec.read(tmp.resolve("pair.json"));
        assertThat(spec.pairs()).containsExactly(new BenchSpec.Pair("sac", "ppo"));
        // sac - ppo per seed: 1, 5, 1, 2, 3 (seed order 1..5)
        double[] ppo = {-300, -250, -200, -150, -100}, sac = {-299, -245, -199, -148, -97};
        List<Results.Row> rows = new java.util.ArrayList<>();
        for (BenchSpec.Run r : spec.runs()) {
            double eval = (r.method().name().equals("ppo") ? ppo : sac)[(int) r.seed() - 1];
            rows.add(new Results.Row(r, RunStatus.COMPLETE, new RunSummary(1000, 0, eval, 50, 0, 0, 1, 1000, 100)));
        }
        int sacSeed4 = 7, sacSeed5 = 9, ppoSeed2 = 2; // rows in seed order, ppo then sac
        // seeds 4 and 5 of sac not complete: differences 1, 5, 1 over the three seeds both completed;
        // exact bootstrap interval [1, 11/3 + 0.35 (5 - 11/3)] = [1, 4.133], too few seeds to read
        rows.set(
                sacSeed4,
                new Results.Row(
                        rows.get(sacSeed4).run(),
                        RunStatus.PARTIAL,
                        rows.get(sacSeed4).summary()));
        rows.set(
                sacSeed5,
                new Results.Row(
                        rows.get(sacSeed5).run(),
                        RunStatus.PARTIAL,
                        rows.get(sacSeed5).summary()));
        StringBuilder three = new StringBuilder();
        assertThat(Results.pairedTable(three, spec, rows)).isTrue();
        assertThat(three.toString())
                .contains("| classic/pendulum | sac − ppo | 3 | 2.333 [1.000, 4.133] | too few seeds for a reading |");
        assertThat(Results.pairedCsv(spec, rows).lines().toList())
                .contains("classic/pendulum,sac,ppo,final_eval_return,3," + (7.0 / 3) + ","
                        + Descriptive.sampleStd(new double[] {1, 5, 1}) + ",1.0," + (11.0 / 3 + 0.35 * 4 / 3)
                        + ",false");
        // all five: every difference positive, the interval [lowest resampled mean quantile, ...] excludes 0
        rows.set(
                sacSeed4,
                new Results.Row(
                        rows.get(sacSeed4).run(),
                        RunStatus.COMPLETE,
                        rows.get(sacSeed4).summary()));
        rows.set(
                sacSeed5,
                new Results.Row(
                        rows.get(sacSeed5).run(),
                        RunStatus.COMPLETE,
                        rows.get(sacSeed5).summary()));
        StringBuilder five = new StringBuilder();
        Results.pairedTable(five, spec, rows);
        org.gorlj.stats.Interval all = org.gorlj.stats.Bootstrap.interval95(new double[] {1, 5, 1, 2, 3});
        assertThat(all.low()).isPositive();
        assertThat(five.toString())
                .contains("| classic/pendulum | sac − ppo | 5 | 2.400 [%.3f, %.3f] | sac higher |"
                        .formatted(all.low(), all.high()));
        // seed 2 of ppo higher than sac's: differences 1, -6, 1, 2, 3, the interval contains 0
        rows.set(
                ppoSeed2,
                new Results.Row(
                        rows.get(ppoSeed2).run(),
                        RunStatus.COMPLETE,
                        new RunSummary(1000, 0, -239, 50, 0, 0, 1, 1000, 100)));
        StringBuilder none = new StringBuilder();
        Results.pairedTable(none, spec, rows);
        assertThat(none.toString()).contains("| 5 | 0.200 [").contains("| no difference shown |");
    }

    @Test
    void theFinalEvaluationsEpisodesAsTheDataRecordThem(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("e.json"), """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 3, "steps": 1000, "out": "%s"}
                """.formatted(tmp.resolve("runs")));
        BenchSpec spec = BenchSpec.read(tmp.resolve("e.json"));
        java.util.function.IntFunction<Results.Row> row = n -> new Results.Row(
                spec.runs().get(0), RunStatus.COMPLETE, new RunSummary(1000, 0, 0, n, 0, 0, 1, 1000, 100));
        assertThat(Results.evalEpisodes(List.of(row.apply(50), row.apply(50)))).isEqualTo("50 episodes");
        assertThat(Results.evalEpisodes(List.of(row.apply(10))))
                .isEqualTo("10 episodes (made before the bench required 50)");
        assertThat(Results.evalEpisodes(List.of(row.apply(50), row.apply(200), row.apply(0))))
                .isEqualTo("50 to 200 episodes; not recorded for 1 runs");
        assertThat(Results.evalEpisodes(List.of(row.apply(0)))).isEqualTo("episodes not recorded");
        assertThat(Results.evalEpisodes(List.of())).isEqualTo("episodes not known yet (no complete run)");
    }
}
