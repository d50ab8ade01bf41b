package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gorl export}'s bad input: one line, exit code 2, nothing written. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private String run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), args);
        assertThat(code).as("exit code of %s", String.join(" ", args)).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString().strip().lines()).hasSize(1);
        return err.toString().strip();
    }

    /** Runs a command that must succeed and returns what it printed. */
    private static String stdout(String... args) {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(Main.run(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double field(String json, String name) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json)
                .get(name)
                .asDouble();
    }

    private long files() throws Exception {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.count();
        }
    }

    @Test
    void missingRunDirectory() throws Exception {
        long before = files();
        assertThat(run("export", tmp.resolve("nope").toString(), "--format", "onnx"))
                .contains("no run directory");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void unknownFormatAndCheckpoint() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("run"));
        long before = files();
        assertThat(run("export", dir.toString(), "--format", "tflite")).contains("--format must be onnx");
        assertThat(run("export", dir.toString(), "--format", "onnx", "--checkpoint", "first"))
                .contains("--checkpoint must be best or latest");
        assertThat(run("export", dir.toString())).contains("--format");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void exportEvalOnnxThenWithoutCheckpoint() throws Exception {
        Path dir = tmp.resolve("run");
        assertThat(Main.run(TinyRunArgs.train(dir))).isZero();
        String fromCheckpoint = stdout("eval", dir.toString(), "--checkpoint", "latest", "--episodes", "2", "--json");
        stdout("export", dir.toString(), "--format", "onnx", "--checkpoint", "latest");
        assertThat(dir.resolve("policy.onnx")).isRegularFile();
        assertThat(dir.resolve("policy.safetensors")).isRegularFile();
        String fromModel = stdout(
                "eval", dir.toString(), "--onnx", dir.resolve("policy.onnx").toString(), "--episodes", "2", "--json");
        assertThat(field(fromModel, "mean_return"))
                .as("the exported model's evaluation is the checkpoint's, episode for episode")
                .isCloseTo(field(fromCheckpoint, "mean_return"), org.assertj.core.data.Offset.offset(1e-3));
        Files.delete(dir.resolve("policy.onnx"));
        Files.delete(dir.resolve("policy.safetensors"));
        Files.delete(dir.resolve("checkpoints/latest.ckpt"));
        Files.deleteIfExists(dir.resolve("checkpoints/best.ckpt"));
        long before = files();
        assertThat(run("export", dir.toString(), "--format", "onnx", "--checkpoint", "latest"))
                .contains("no checkpoint");
        assertThat(run(
                        "eval",
                        dir.toString(),
                        "--onnx",
                        dir.resolve("policy.onnx").toString()))
                .contains("no ONNX model");
        assertThat(files()).isEqualTo(before);
    }
}
