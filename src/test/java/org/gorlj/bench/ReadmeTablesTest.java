package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeTablesTest {
    /** The README's results tables are exactly what the committed bench results give. */
    @Test
    void readmeTablesMatchTheCommittedBenchResults() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("<!-- bench: ");
        assertThat(ReadmeTables.update(readme, Path.of("")))
                .as("README.md results tables are out of date: run ./gorl readme")
                .isEqualTo(readme);
    }

    /** A hand-made results.csv gives the hand-computed cells: sample std, interval, partial seed counts, dashes. */
    @Test
    void tableIsComputedFromTheCsv(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("spec.json"), """
                {"tasks": ["classic/pendulum", "classic/two-modes"], "algorithms": ["ppo", "sac"], "seeds": 3,
                 "steps": 1000, "out": "%s", "results": "%s"}
                """.formatted(tmp.resolve("runs"), tmp.resolve("res")));
        Files.createDirectories(tmp.resolve("res"));
        String header = String.join(",", Results.CSV_COLUMNS);
        Files.write(
                tmp.resolve("res/results.csv"),
                List.of(
                        header,
                        row("classic/pendulum", "ppo", 1, "complete", "-100.0"),
                        row("classic/pendulum", "ppo", 2, "complete", "-200.0"),
                        row("classic/pendulum", "ppo", 3, "partial", "-900.0"),
                        row("classic/two-modes", "ppo", 1, "complete", "0.5"),
                        row("classic/two-modes", "ppo", 2, "complete", "0.7"),
                        row("classic/two-modes", "ppo", 3, "complete", "0.9")));
        String doc = "intro\n<!-- bench: spec.json -->\nstale\n<!-- /bench -->\nend\n";
        String out = ReadmeTables.update(doc, tmp);
        assertThat(out)
                .startsWith("intro\n<!-- bench: spec.json -->\n")
                .endsWith("<!-- /bench -->\nend\n")
                .doesNotContain("stale")
                .contains("5 of 12 runs complete, 1,000 env steps per run; final deterministic eval return, mean ± std "
                        + "[95 % bootstrap CI] over seeds, each run's final evaluation over 10 episodes (made before the "
                        + "bench required 50)")
                // -100, -200: sample std 70.7, resample means -200, -150, -150, -100: [-200 + 0.075 * 50, -100 - 0.075
                // * 50]
                // 0.5, 0.7, 0.9: sample std 0.2; exact bootstrap over 27 resamples [0.543, 0.857]
                .contains("| ppo | -150.0 ± 70.7 [-196.3, -103.8] (2 of 3 seeds) | 0.700 ± 0.200 [0.543, 0.857] |")
                .contains("| sac | – | – |")
                // sac - ppo: sac has no complete seed, so no paired line
                .doesNotContain("A − B");
        assertThat(ReadmeTables.update(out, tmp)).isEqualTo(out);
    }

    static String row(String task, String method, int seed, String status, String eval) {
        return String.join(
                ",",
                task,
                method,
                method,
                "auto",
                Integer.toString(seed),
                status,
                "1000",
                "0",
                eval,
                "10",
                "0",
                "0",
                "1",
                "1000",
                "300",
                "runs/x");
    }
}
