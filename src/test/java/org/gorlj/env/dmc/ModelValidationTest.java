package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C harness (bench/c/dmc_validate.c, built with gcc at test time) on the project's DMC models:
 * compiled sizes and body masses, and every reference trajectory in the run its reference was computed for
 * (DMC settings switched back, or the project's own settings).
 */
class ModelValidationTest {

    @Test
    void harnessReportsNoFailure() throws Exception {
        ValidationHarness.Result r = ValidationHarness.run();
        r.lines().stream().filter(l -> l.startsWith("ROW")).forEach(System.out::println);
        assertThat(r.lines()).as("harness output").contains("SUMMARY failures=0");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void everyModelCompilesWithTheExpectedSizesAndMasses() throws Exception {
        List<String> output = ValidationHarness.run().lines();
        List<String> models = ValidationHarness.referenceLines("model");
        assertThat(models).hasSize(11);
        for (String m : models) {
            String name = m.split("\\s+")[1];
            assertThat(output).as(name).anyMatch(l -> l.startsWith("MODEL " + name + " ") && l.endsWith(" OK"));
        }
        assertThat(output).filteredOn(l -> l.startsWith("MASS")).isNotEmpty().allMatch(l -> l.endsWith(" OK"));
    }

    @Test
    void everyRowIsReproducedInItsReferenceRun() throws Exception {
        List<String> output = ValidationHarness.run().lines();
        List<ValidationHarness.Row> rows = ValidationHarness.rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
        for (String model : ValidationHarness.referenceLines("model")) {
            String name = model.split("\\s+")[1];
            assertThat(ReferenceRowsTest.projectRowsOf(name))
                    .as("rows of %s computed with the settings its tasks run with", name)
                    .isNotEmpty();
        }
        for (ValidationHarness.Row row : rows) {
            assertThat(output)
                    .as(row.id())
                    .anyMatch(l -> l.startsWith("ROW " + row.id() + " " + row.mode() + " ") && l.endsWith(" PASS"));
        }
    }
}
