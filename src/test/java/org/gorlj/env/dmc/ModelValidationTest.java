package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles the C harness bench/c/dmc_validate.c against the installed MuJoCo 2.2.2 with gcc and runs
 * it on the project's DMC models and the reference rows (src/test/resources/dmc/reference-rows.txt):
 * compiled sizes and body masses, and every reference trajectory with the DMC settings switched back.
 */
class ModelValidationTest {
    private static final Path SOURCE = Path.of("bench/c/dmc_validate.c");
    private static final Path BINARY = Path.of("target/c/dmc_validate");
    private static final Path MODELS = Path.of("src/main/resources/models/dmc");
    static final Path REFERENCE = Path.of("src/test/resources/dmc/reference-rows.txt");

    private static int exitCode;
    private static List<String> output;

    @BeforeAll
    static void buildAndRun() throws Exception {
        Files.createDirectories(BINARY.getParent());
        run(List.of("gcc", "-O2", "-Wall", "-Werror", "-o", BINARY.toString(), SOURCE.toString(), "-lmujoco", "-lm"),
                "gcc could not build the harness (needs gcc and libmujoco-dev 2.2.2)");
        Process p = new ProcessBuilder(BINARY.toString(), MODELS.toString(), REFERENCE.toString())
                .redirectErrorStream(true).start();
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        exitCode = p.exitValue();
        output.stream().filter(l -> l.startsWith("ROW") || l.startsWith("SUMMARY")).forEach(System.out::println);
    }

    @Test
    void harnessReportsNoFailure() {
        assertThat(output).as("harness output").contains("SUMMARY failures=0");
        assertThat(exitCode).isZero();
    }

    @Test
    void everyModelCompilesWithTheExpectedSizesAndMasses() throws IOException {
        List<String> models = referenceLines("model");
        assertThat(models).hasSize(10);
        for (String m : models) {
            String name = m.split("\\s+")[1];
            assertThat(output).as(name).anyMatch(l -> l.startsWith("MODEL " + name + " ") && l.endsWith(" OK"));
        }
        assertThat(output).filteredOn(l -> l.startsWith("MASS")).isNotEmpty().allMatch(l -> l.endsWith(" OK"));
    }

    @Test
    void everyCheckedRowIsReproducedWithDmcSettings() throws IOException {
        List<String> rows = referenceLines("row");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(13);
        for (String row : rows) {
            String id = row.split("\\s+")[1];
            boolean checked = !row.contains("tol=report");
            assertThat(output).as(id).anyMatch(l -> l.startsWith("ROW " + id + " dmc ")
                    && l.endsWith(checked ? " PASS" : " REPORT"));
        }
    }

    private static List<String> referenceLines(String kind) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            if (line.startsWith(kind + " ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static void run(List<String> command, String failure) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(failure + ":\n" + log).isZero();
    }
}
