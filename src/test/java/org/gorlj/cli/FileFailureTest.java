package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gorlj.train.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that would overwrite a run's own files, and file operations that fail, are one line
 * naming the path and the cause with exit code 2; the run's files stay as they were and no
 * {@code .tmp} file is left behind. Table-driven: command line, exit code, first line.
 */
class FileFailureTest {
    /** Prepares the file system for a case (given the run directory and a scratch directory). */
    interface Setup {
        void apply(Path run, Path scratch) throws IOException;
    }

    record Case(String name, Setup setup, String[] args, String firstLine) {}

    static String[] args(String... a) {
        return a;
    }

    /** Every file under {@code dir} but lock files and the ones under {@code blocker}, with its bytes. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals(RunLock.FILE)
                        && !p.toString().contains("blocker")) {
                    m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }

    static List<Path> tmpFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(p))
                    .toList();
        }
    }

    /** A directory that blocks writing at {@code p}: a non-empty directory of that name. */
    static void block(Path p) throws IOException {
        Files.deleteIfExists(p);
        Files.createDirectories(p);
        Files.writeString(p.resolve("blocker"), "x");
    }

    @Test
    void eachCaseIsOneLineAndChangesNothing(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        StringWriter trained = new StringWriter();
        assertThat(Main.run(new PrintWriter(trained, true), TinyRunArgs.train(run)))
                .as(trained.toString())
                .isZero();
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        String r = run.toString();
        List<Case> cases = new ArrayList<>();
        for (String own : List.of(
                "checkpoints/latest.ckpt",
                "checkpoints/best.ckpt",
                "config.json",
                "metrics.csv",
                "curve.png",
                "run.lock",
                "checkpoints/new.png",
                "sub/../config.json")) {
            cases.add(new Case(
                    "modes --out the run's " + own,
                    (a, b) -> {},
                    args("modes", r, "--out", r + "/" + own),
                    "error: --out " + r + "/" + own + " is one of the run's own files; choose another file name"));
        }
        cases.add(new Case(
                "modes --out the run's directory",
                (a, b) -> {},
                args("modes", r, "--out", r),
                "error: --out " + r + " is a directory; give a file name, e.g. " + run.resolve("modes.png")));
        cases.add(new Case(
                "modes --out a directory",
                (a, b) -> {},
                args("modes", r, "--out", tmp.toString()),
                "error: --out " + tmp + " is a directory; give a file name, e.g. " + tmp.resolve("modes.png")));
        cases.add(new Case(
                "modes --out under a file",
                (a, b) -> {},
                args("modes", r, "--samples", "20", "--out", file + "/m.png"),
                "error: " + file + "/m.png: cannot write it: not a directory"));
        cases.add(new Case(
                "modes --out in a missing directory",
                (a, b) -> {},
                args("modes", r, "--samples", "20", "--out", tmp + "/missing/m.png"),
                "error: " + tmp + "/missing/m.png: cannot write it: no such file or directory"));
        cases.add(new Case(
                "modes.png blocked by a directory",
                (a, b) -> block(a.resolve("modes.png")),
                args("modes", r, "--samples", "20"),
                "error: --out " + run.resolve("modes.png") + " is a directory; give a file name, e.g. "
                        + run.resolve("modes.png/modes.png")));
        cases.add(new Case(
                "eval.json blocked by a directory",
                (a, b) -> block(a.resolve("eval.json")),
                args("eval", r, "--episodes", "1"),
                "error: " + run.resolve("eval.json") + ": cannot write it: is a directory"));
        cases.add(new Case(
                "metrics.csv.tmp blocked by a directory",
                (a, b) -> block(a.resolve("metrics.csv.tmp")),
                args("train", "--quiet", "--resume", r),
                "error: " + run.resolve("metrics.csv") + ": cannot write it: "));
        cases.add(new Case(
                "train --out under a file",
                (a, b) -> {},
                args("train", "--quiet", "--out", file + "/run"),
                "error: " + file + "/run: not a directory"));
        cases.add(new Case(
                "train --out a file",
                (a, b) -> {},
                args("train", "--quiet", "--out", file.toString()),
                "error: " + file + " is not a directory"));
        cases.add(new Case(
                "eval of a file",
                (a, b) -> {},
                args("eval", file.toString()),
                "error: " + file + " is not a directory"));

        for (Case c : cases) {
            c.setup().apply(run, tmp);
            Map<String, String> before = files(tmp);
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(err, true), c.args());
            assertThat(code).as("%s: exit code (%s)", c.name(), err).isEqualTo(2);
            assertThat(err.toString().lines().toList())
                    .as("%s: one line", c.name())
                    .hasSize(1);
            assertThat(err.toString()).as(c.name()).startsWith(c.firstLine());
            assertThat(files(tmp)).as("%s: files unchanged", c.name()).isEqualTo(before);
            assertThat(tmpFiles(tmp)).as("%s: no .tmp file left", c.name()).isEmpty();
            for (String blocked : List.of("modes.png", "eval.json", "metrics.csv.tmp")) {
                if (Files.isDirectory(run.resolve(blocked))) {
                    Files.delete(run.resolve(blocked).resolve("blocker"));
                    Files.delete(run.resolve(blocked));
                }
            }
        }
    }
}
