package org.gorlj;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gorlj.train.Evaluation;
import org.gorlj.train.Evaluator;
import org.gorlj.train.RunConfig;
import org.gorlj.train.Trainer;
import org.junit.jupiter.api.Test;

/** Runs the README's Java example and checks that the README still shows exactly this code. */
class ReadmeExampleTest {
    @Test
    void readmeExampleTrainsAndEvaluates() throws Exception {
        // --- begin README example ---
        RunConfig run = RunConfig.resolve("classic/pendulum", "ppo", "auto", List.of("total_steps=20000"));
        Path dir = Files.createTempDirectory("gorlj").resolve("pendulum");
        Trainer.Result trained = Trainer.create(dir, run, System.out).train();
        Evaluation.Report report = Evaluation.run(dir, "best", 10, true, 0);
        Evaluator.Result result = report.result();
        System.out.printf("eval return %.1f +- %.1f%n", result.mean(), result.std());
        // --- end README example ---
        assertThat(trained.globalStep()).isGreaterThanOrEqualTo(20000);
        assertThat(report.result().returns()).hasSize(10);
        assertThat(report.result().mean()).isBetween(-2000.0, 0.0);
    }

    @Test
    void readmeShowsTheTestedCode() throws Exception {
        String source = Files.readString(Path.of("src/test/java/org/gorlj/ReadmeExampleTest.java"));
        String block = source.substring(
                source.indexOf("// --- begin README example ---\n") + 32,
                source.indexOf("        // --- end README example ---"));
        String readme = Files.readString(Path.of("README.md"));
        String expected =
                block.lines().map(l -> l.replaceFirst("^        ", "")).reduce("", (a, b) -> a + b + "\n");
        assertThat(readme).contains("```java\n" + expected + "```");
    }
}
