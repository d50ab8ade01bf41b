package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on a full, then a read-only file system (a 4 MiB tmpfs mounted for the test): every
 * command that would write into it is one line naming the path and the cause, exit code 2, the
 * run's files unchanged and no {@code .tmp} left. Needs Linux and the right to mount (root in a
 * container that allows it); elsewhere the test is skipped and says why.
 */
class FullAndReadOnlyDiskTest {
    static int sh(String... cmd) throws IOException, InterruptedException {
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    record Outcome(int code, String err) {}

    static Outcome cli(String... args) {
        StringWriter sw = new StringWriter();
        int code = Main.run(new PrintWriter(sw, true), args);
        return new Outcome(code, sw.toString());
    }

    static void assertOneLine(Outcome o, String firstLine, Path run, Map<String, String> before) throws IOException {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().lines().toList()).as(o.err()).containsExactly(firstLine);
        assertThat(FileFailureTest.files(run)).isEqualTo(before);
        assertThat(FileFailureTest.tmpFiles(run)).isEmpty();
    }

    @Test
    void fullThenReadOnly(@TempDir Path tmp) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        String why = null;
        if (!System.getProperty("os.name").startsWith("Linux")) {
            why = "not Linux";
        } else if (sh("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt.toString()) != 0) {
            why = "this process may not mount a tmpfs (not root, or the container forbids it)";
        }
        if (why != null) {
            System.out.println("FullAndReadOnlyDiskTest skipped: " + why);
            Assumptions.abort("skipped: " + why);
        }
        try {
            Path run = mnt.resolve("run");
            assertThat(cli(TinyRunArgs.train(run)).code()).isZero();
            Map<String, String> before = FileFailureTest.files(run);
            try (OutputStream filler = Files.newOutputStream(mnt.resolve("filler"))) {
                byte[] block = new byte[64 * 1024];
                while (true) {
                    filler.write(block);
                }
            } catch (IOException full) {
                // the file system is full now
            }
            String full = ": cannot write it: no space left on device";
            assertOneLine(
                    cli("eval", run.toString(), "--episodes", "1"),
                    "error: " + run.resolve("eval.json") + full,
                    run,
                    before);
            assertOneLine(
                    cli("modes", run.toString(), "--samples", "20"),
                    "error: " + run.resolve("modes.png") + full,
                    run,
                    before);
            assertOneLine(
                    cli("train", "--quiet", "--resume", run.toString()),
                    "error: " + run.resolve("metrics.csv") + full,
                    run,
                    before);
            Files.delete(mnt.resolve("filler"));

            assertThat(sh("mount", "-o", "remount,ro", mnt.toString())).isZero();
            String readOnly = "error: " + run.resolve("run.lock") + ": read-only file system";
            for (List<String> args : List.of(
                    List.of("eval", run.toString(), "--episodes", "1"),
                    List.of("modes", run.toString(), "--samples", "20"),
                    List.of("train", "--quiet", "--resume", run.toString()))) {
                assertOneLine(cli(args.toArray(String[]::new)), readOnly, run, before);
            }
            Outcome elsewhere = cli(
                    "modes",
                    run.toString(),
                    "--samples",
                    "20",
                    "--out",
                    tmp.resolve("m.png").toString());
            assertThat(elsewhere.code())
                    .as("a read-only run can still be drawn elsewhere: %s", elsewhere.err())
                    .isZero();
        } finally {
            if (sh("umount", mnt.toString()) != 0) {
                sh("umount", "-l", mnt.toString());
            }
        }
    }
}
