package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gorlj.run.MetricsLog;
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
        RunSummary s = RunSummary.of(MetricsLog.read(f), 300);
        assertThat(s.steps()).isEqualTo(1000);
        // rows after 900 steps: -30 (1 episode) and -20 (3 episodes)
        assertThat(s.finalTrainReturn()).isCloseTo((-30 - 3 * 20) / 4.0, within(1e-12));
        assertThat(s.finalEvalReturn()).isEqualTo(-10);
        // trapezoids: 200*-90 + 400*-60 + 120*-35 + 80*-25 = -48200 over 800 steps
        assertThat(s.auc()).isCloseTo(-48200 / 800.0, within(1e-12));
        assertThat(s.wallClockSeconds()).isEqualTo(5);
        assertThat(s.stepsPerSecond()).isEqualTo(200);
        assertThat(s.peakRssMb()).isEqualTo(300);
    }

    static void handMade(Path dir, String metrics, boolean complete, double rss) throws Exception {
        Files.createDirectories(dir.resolve("checkpoints"));
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
        handMade(spec.runDir("classic/pendulum", "ppo", 1), SEED1, true, 300);
        handMade(spec.runDir("classic/pendulum", "ppo", 2), SEED2, true, 500);
        handMade(spec.runDir("classic/pendulum", "ppo", 3), SEED2.lines().limit(2).reduce((a, b) -> a + "\n" + b)
                .orElseThrow() + "\n", false, 100); // interrupted at 500 steps: listed, not counted

        Results.write(spec);

        String md = Files.readString(tmp.resolve("results/results.md"));
        assertThat(md).contains("2 of 3 runs complete");
        assertThat(md).contains("| method | classic/pendulum |");
        // eval: -10 and 10 -> 0 +- 10; training return: -22.5 and -60 -> -41.25 +- 18.75
        assertThat(md).contains("## Final deterministic evaluation return\n\n| method | classic/pendulum |\n|---|---|\n"
                + "| ppo | 0.0 ± 10.0 (2 of 3 seeds) |");
        assertThat(md).contains("## Training return over the last 10% of steps\n\n| method | classic/pendulum |\n|---|---|\n"
                + "| ppo | -41.3 ± 18.8 (2 of 3 seeds) |");
        // auc: -60.25 and -60
        assertThat(md).contains("| ppo | -60.1 ± 0.1 (2 of 3 seeds) |");
        // peak RSS 300 and 500 MiB; sps 200 and 250
        assertThat(md).contains("| ppo | 400 ± 100 (2 of 3 seeds) |");
        assertThat(md).contains("| ppo | 225 ± 25 (2 of 3 seeds) |");

        List<String> csv = Files.readAllLines(tmp.resolve("results/results.csv"));
        assertThat(csv.getFirst()).isEqualTo(String.join(",", Results.CSV_COLUMNS));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1)).startsWith("classic/pendulum,ppo,ppo,auto,1,complete,1000,-22.5,-10.0,-60.25,5.0,200.0,300.0,");
        assertThat(csv.get(3)).startsWith("classic/pendulum,ppo,ppo,auto,3,partial,500,");

        BufferedImage png = ImageIO.read(tmp.resolve("results/classic-pendulum.png").toFile());
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
        assertThat(status.toString()).contains("[complete] classic/pendulum ppo seed 2: 1,000 of 1,000 steps (100 %), "
                + "last eval 10.0, 4 s (from results.csv: no run directory here)").contains("3 runs: 2 complete, 1 partial");
        assertThat(Files.readString(tmp.resolve("results/results.md"))).isEqualTo(md);
        assertThat(Files.readAllBytes(tmp.resolve("results/classic-pendulum.png"))).isEqualTo(pngBytes);

        // one recorded run's directory back (another machine's session): the table takes it, but the
        // curve of both seeds is not redrawn with one
        handMade(spec.runDir("classic/pendulum", "ppo", 1), SEED2, true, 300);
        Results.write(spec);
        assertThat(Files.readAllLines(tmp.resolve("results/results.csv")).get(1)).doesNotContain(",-10.0,");
        assertThat(Files.readAllBytes(tmp.resolve("results/classic-pendulum.png"))).isEqualTo(pngBytes);
    }

    @Test
    void cellsShowMeanStdAndMissingSeeds() {
        assertThat(Results.cell(List.of(1.0, 3.0), 2, "%.2f")).isEqualTo("2.00 ± 1.00");
        assertThat(Results.cell(List.of(5.0), 3, "%.1f")).isEqualTo("5.0 (1 of 3 seeds)");
        assertThat(Results.cell(List.of(5.0), 1, "%.1f")).isEqualTo("5.0");
        assertThat(Results.cell(List.of(), 3, "%.1f")).isEqualTo("–");
        assertThat(Results.cell(List.of(0.5, 0.9), 2, Results.RETURN)).isEqualTo("0.700 ± 0.200");
        assertThat(Results.cell(List.of(-100.0, -200.0), 2, Results.RETURN)).isEqualTo("-150.0 ± 50.0");
    }
}
