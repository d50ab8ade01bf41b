package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gorlj.bench.LockHolder;
import org.gorlj.cli.Main;
import org.gorlj.cli.TinyRunArgs;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner per run directory: a second process that would write into a run is refused with one line naming the holder. */
class RunLockTest {
    /** Every file of a directory tree but the lock file, with its bytes. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(RunLock.FILE))
                    .toList()) {
                m.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    record Outcome(int code, String err) {}

    static Outcome cli(String... args) {
        StringWriter sw = new StringWriter();
        int code = Main.run(new PrintWriter(sw, true), args);
        return new Outcome(code, sw.toString());
    }

    /** A child JVM holding the run's lock, started and holding it when this returns. */
    static Process holdLock(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(
                java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(new BufferedReader(new InputStreamReader(p.getInputStream())).readLine())
                .isEqualTo("locked");
        return p;
    }

    @Test
    void aSecondProcessIsRefusedWithOneLineNamingTheHolder(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(cli(TinyRunArgs.train(run)).code()).isZero();
        assertThat(RunLock.holder(run)).isNull();
        Map<String, String> before = files(run);
        Process holder = holdLock(run);
        try {
            String expected = "error: run directory " + run + " is in use by pid " + holder.pid()
                    + ": gorl lock-holder " + run + "; wait until it ends (or stop it) and try again";
            assertThat(RunLock.holder(run)).isEqualTo("pid " + holder.pid() + ": gorl lock-holder " + run);
            for (String[] args : List.of(
                    new String[] {"train", "--quiet", "--resume", run.toString()},
                    new String[] {"train", "--quiet", "--out", run.toString()},
                    new String[] {"eval", run.toString(), "--episodes", "1"},
                    new String[] {"modes", run.toString(), "--samples", "50"},
                    new String[] {
                        "modes",
                        run.toString(),
                        "--samples",
                        "50",
                        "--out",
                        run.resolve("other.png").toString()
                    })) {
                Outcome o = cli(args);
                assertThat(o.code()).as(String.join(" ", args)).isEqualTo(2);
                assertThat(o.err()).as(String.join(" ", args)).isEqualTo(expected + System.lineSeparator());
            }
            assertThat(files(run)).isEqualTo(before);
            Outcome outside = cli(
                    "modes",
                    run.toString(),
                    "--samples",
                    "50",
                    "--out",
                    tmp.resolve("elsewhere.png").toString());
            assertThat(outside.code())
                    .as("a picture outside the run needs no lock: %s", outside.err())
                    .isZero();
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertThat(RunLock.holder(run)).isNull();
        assertThat(cli("eval", run.toString(), "--episodes", "1").code()).isZero();
        assertThat(run.resolve("eval.json")).isRegularFile();
    }

    @Test
    void oneProcessCannotTakeTheLockTwice(@TempDir Path tmp) throws Exception {
        try (RunLock _ = RunLock.acquire(tmp, "first")) {
            assertThat(RunLock.holder(tmp)).isEqualTo("this process");
            assertThatThrownBy(() -> RunLock.acquire(tmp, "second"))
                    .isInstanceOf(UserInputException.class)
                    .hasMessage("run directory " + tmp
                            + " is in use by this process; wait until it ends (or stop it) and try again");
        }
        assertThat(RunLock.holder(tmp)).isNull();
        try (RunLock _ = RunLock.acquire(tmp, "third")) {
            assertThat(Files.readString(tmp.resolve(RunLock.FILE)))
                    .isEqualTo("pid " + ProcessHandle.current().pid() + ": gorl third\n");
        }
        assertThatThrownBy(() -> RunLock.acquire(tmp.resolve("missing"), "x"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("no run directory at " + tmp.resolve("missing"));
    }
}
