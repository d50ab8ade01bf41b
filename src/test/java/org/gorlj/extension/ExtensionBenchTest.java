package org.gorlj.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gorlj.bench.Bench;
import org.gorlj.bench.BenchSpec;
import org.gorlj.bench.RunStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench over the user's task and algorithm: its worker is a fresh JVM on the same class path, where
 * the service files make them known again, and the results table has the user's task as a column.
 */
@Tag("slow") // a child JVM
class ExtensionBenchTest {
    @Test
    void benchTrainsTheUsersTaskWithTheUsersAlgorithmInAWorkerJvm(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("user.json");
        Files.writeString(f, """
                {"tasks": ["test/drift"], "algorithms": [{"algo": "test-tiny-ppo", "preset": "tiny"}], "seeds": 1,
                 "steps": 256, "out": "%s", "results": "%s"}
                """.formatted(tmp.resolve("runs"), tmp.resolve("results")));
        BenchSpec spec = BenchSpec.read(f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bench.Outcome outcome = Bench.run(spec, 1, new PrintStream(out, true));
        assertThat(outcome).as(out.toString()).isEqualTo(new Bench.Outcome(0, 1, 0, 0));
        assertThat(Bench.status(spec.runs().getFirst().dir())).isEqualTo(RunStatus.COMPLETE);
        assertThat(Files.readString(tmp.resolve("results/results.md"))).contains("| test-tiny-ppo |", "test/drift");
    }
}
