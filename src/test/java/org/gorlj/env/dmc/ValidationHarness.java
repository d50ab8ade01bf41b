package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds bench/c/dmc_validate.c with gcc against the installed MuJoCo 2.2.2 (once per test run),
 * runs it on the project's models and the reference rows, and gives access to its output and to
 * the parsed reference file.
 */
final class ValidationHarness {
    static final Path SOURCE = Path.of("bench/c/dmc_validate.c");
    static final Path BINARY = Path.of("target/c/dmc_validate");
    static final Path MODELS = Path.of("src/main/resources/models/dmc");
    static final Path REFERENCE = Path.of("src/test/resources/dmc/reference-rows.txt");

    /** Exit status and output lines of one harness run. */
    record Result(int exitCode, List<String> lines) {}

    /** One "row" line of the reference file: its id and its key=value fields. */
    record Row(String id, Map<String, String> fields) {
        String field(String key) {
            String v = fields.get(key);
            if (v == null) {
                throw new IllegalArgumentException("row " + id + " has no field " + key);
            }
            return v;
        }

        double[] vector(String key) {
            String[] parts = field(key).split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
            return v;
        }

        /** The run the reference was computed for: "dmc" (DMC settings switched back) or "project". */
        String mode() {
            return fields.getOrDefault("mode", "dmc");
        }
    }

    private static Result result;

    private ValidationHarness() {}

    /** The harness output (built and run on first use). */
    static synchronized Result run() throws Exception {
        if (result == null) {
            Files.createDirectories(BINARY.getParent());
            Process gcc = new ProcessBuilder(
                            "gcc",
                            "-O2",
                            "-Wall",
                            "-Werror",
                            "-o",
                            BINARY.toString(),
                            SOURCE.toString(),
                            "-lmujoco",
                            "-lm")
                    .redirectErrorStream(true)
                    .start();
            String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gcc.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(gcc.exitValue())
                    .as("gcc could not build the harness (needs gcc and libmujoco-dev 2.2.2):\n" + log)
                    .isZero();
            Process p = new ProcessBuilder(BINARY.toString(), MODELS.toString(), REFERENCE.toString())
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            result = new Result(p.exitValue(), lines);
        }
        return result;
    }

    /** The final qpos and qvel the harness printed for a row in a mode ("dmc" or "project"). */
    static double[][] finalState(String rowId, String mode) throws Exception {
        String prefix = "STATE " + rowId + " " + mode + " ";
        for (String line : run().lines()) {
            if (line.startsWith(prefix)) {
                Map<String, String> fields =
                        fields(line.substring(prefix.length()).split("\\s+"), 0);
                Row r = new Row(rowId, fields);
                return new double[][] {r.vector("qpos"), r.vector("qvel")};
            }
        }
        throw new AssertionError("harness printed no " + prefix.trim());
    }

    /** The lines of the reference file starting with {@code kind} ("model" or "row"). */
    static List<String> referenceLines(String kind) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            if (line.startsWith(kind + " ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The reference rows. */
    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : referenceLines("row")) {
            String[] tokens = line.split("\\s+");
            rows.add(new Row(tokens[1], fields(tokens, 2)));
        }
        return rows;
    }

    private static Map<String, String> fields(String[] tokens, int from) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = from; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
        }
        return fields;
    }
}
