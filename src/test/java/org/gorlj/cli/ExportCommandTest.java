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
    void runWithoutCheckpoint() throws Exception {
        Path dir = tmp.resolve("run");
        assertThat(Main.run(TinyRunArgs.train(dir))).isZero();
        Files.delete(dir.resolve("checkpoints/latest.ckpt"));
        Files.deleteIfExists(dir.resolve("checkpoints/best.ckpt"));
        long before = files();
        assertThat(run("export", dir.toString(), "--format", "onnx", "--checkpoint", "latest"))
                .contains("no checkpoint");
        assertThat(run("eval", dir.toString(), "--onnx", dir.resolve("policy.onnx").toString()))
                .contains("no ONNX model");
        assertThat(files()).isEqualTo(before);
    }
}
