package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.gorlj.config.ConfigException;
import org.gorlj.env.TaskRegistry;
import org.gorlj.run.CheckpointData;
import org.gorlj.run.DivergenceException;
import org.junit.jupiter.api.Test;

/** Only user-input errors are reported as bad input; a programming error shows as an internal error with its trace. */
class ExitCodeTest {
    record Reported(int code, String text) {}

    static Reported report(Exception ex) {
        StringWriter sw = new StringWriter();
        int code = Main.exitCode(ex, new PrintWriter(sw, true));
        return new Reported(code, sw.toString());
    }

    @Test
    void userInputErrorsAreOneLineWithExitCode2() {
        for (Exception ex : new Exception[] {
            new ConfigException("bad value"), new CheckpointData.CorruptCheckpointException("bad value")
        }) {
            assertThat(report(ex)).isEqualTo(new Reported(2, "error: bad value" + System.lineSeparator()));
        }
        Reported unknown = report(catchUnknownTask());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.text()).startsWith("error: unknown task 'no/such'").hasLineCount(1);
    }

    private static Exception catchUnknownTask() {
        try {
            TaskRegistry.get("no/such");
        } catch (TaskRegistry.UnknownTaskException e) {
            return e;
        }
        throw new AssertionError("no exception for an unknown task");
    }

    @Test
    void failedFileOperationsAreOneLineNamingThePathAndTheCause() {
        String nl = System.lineSeparator();
        assertThat(report(new java.nio.file.AccessDeniedException("/r/eval.json")))
                .isEqualTo(new Reported(2, "error: /r/eval.json: permission denied" + nl));
        assertThat(report(new java.nio.file.FileSystemException("/r/a.png", null, "Read-only file system")))
                .isEqualTo(new Reported(2, "error: /r/a.png: read-only file system" + nl));
        java.io.IOException png = new java.io.IOException(
                "I/O error writing PNG file!", new java.io.IOException("No space left on device"));
        assertThat(report(new java.io.UncheckedIOException(png)))
                .isEqualTo(new Reported(2, "error: no space left on device" + nl));
        assertThat(report(new java.io.IOException("I/O error"))).isEqualTo(new Reported(2, "error: I/O error" + nl));
    }

    @Test
    void aDivergedRunIsExitCode3() {
        Reported r = report(new DivergenceException("loss is NaN at step 64"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.text())
                .startsWith("error: training stopped, a number went non-finite: loss is NaN at step 64")
                .hasLineCount(1);
    }

    @Test
    void aProgrammingErrorIsAnInternalErrorWithItsTrace() {
        for (Exception ex : new Exception[] {
            new IllegalArgumentException("index -1"), new IllegalStateException("closed"), new NullPointerException("x")
        }) {
            Reported r = report(ex);
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.text().lines().findFirst().orElseThrow())
                    .startsWith("internal error")
                    .contains(ex.toString());
            assertThat(r.text()).contains("\tat org.gorlj.cli.ExitCodeTest");
        }
    }
}
