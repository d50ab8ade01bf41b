package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gorlj.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench lists every GoRL stage boundary of its runs, and keeps them when the run directories are gone. */
class BoundariesTest {
    @Test
    void boundaryRowsOfTheMetricsAreListedAndSurviveTheRunDirectory(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("b.json"), """
                {"tasks": ["classic/two-modes"], "algorithms": ["gorl-fm"], "seeds": 1, "steps": 4096,
                 "out": "%s", "results": "%s"}
                """.formatted(tmp.resolve("runs"), tmp.resolve("res")));
        BenchSpec spec = BenchSpec.read(tmp.resolve("b.json"));
        BenchSpec.Run run = spec.runs().getFirst();
        Path metrics = new RunDirectory(run.dir()).metrics();
        Files.createDirectories(metrics.getParent());
        Files.writeString(metrics, """
                iteration,global_step,stage,phase,boundary_return_before,boundary_return_after,boundary_retention,\
                boundary_action_gap
                0,1024,0,rl,,,,
                1,1100,0,decoder,0.06,0.05,,
                2,2048,1,rl,,,,
                3,2200,1,decoder,0.5,0.45,0.9,0.0125
                """);
        List<Results.Row> rows = List.of(new Results.Row(run, RunStatus.COMPLETE, null));
        Path csv = tmp.resolve(Boundaries.FILE);

        List<Boundaries.Boundary> found = Boundaries.collect(rows, csv);
        assertThat(found)
                .containsExactly(
                        new Boundaries.Boundary(
                                "classic/two-modes", "gorl-fm", 1, 0, 1100, 0.06, 0.05, Double.NaN, Double.NaN),
                        new Boundaries.Boundary("classic/two-modes", "gorl-fm", 1, 1, 2200, 0.5, 0.45, 0.9, 0.0125));
        StringBuilder md = new StringBuilder();
        Boundaries.markdown(md, found);
        assertThat(md.toString())
                .contains("| classic/two-modes | gorl-fm | 1 | 0 | 1,100 | 0.1 | 0.1 | – | – |")
                .contains("| classic/two-modes | gorl-fm | 1 | 1 | 2,200 | 0.5 | 0.5 | 0.90 | 0.013 |");

        // the run directory gone (a fresh clone): the earlier boundaries.csv keeps the run's boundaries
        Files.writeString(csv, Boundaries.csv(found));
        Files.delete(metrics);
        assertThat(Boundaries.collect(rows, csv)).isEqualTo(found);
        assertThat(Boundaries.collect(rows, tmp.resolve("none.csv"))).isEmpty();
        // a boundaries.csv written before the action gap existed reads with no gap
        Path old = tmp.resolve("old.csv");
        Files.writeString(old, """
                task,method,seed,stage,global_step,boundary_return_before,boundary_return_after,boundary_retention
                classic/two-modes,gorl-fm,1,1,2200,0.5,0.45,0.9
                """);
        assertThat(Boundaries.readCsv(old))
                .containsExactly(new Boundaries.Boundary(
                        "classic/two-modes", "gorl-fm", 1, 1, 2200, 0.5, 0.45, 0.9, Double.NaN));
        StringBuilder none = new StringBuilder();
        Boundaries.markdown(none, List.of());
        assertThat(none.toString()).isEmpty();
    }
}
