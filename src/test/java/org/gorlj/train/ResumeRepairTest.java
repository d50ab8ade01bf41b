package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.cli.Main;
import org.gorlj.run.CheckpointData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed at any moment resumes to the rows of an uninterrupted run: with a half-written
 * metrics row, or before its first checkpoint; a log that lost rows the checkpoint covers is one
 * line and exit code 2, with nothing changed.
 */
class ResumeRepairTest {
    record Outcome(int code, String err) {}

    static Outcome cli(String... args) {
        StringWriter sw = new StringWriter();
        int code = Main.run(new PrintWriter(sw, true), args);
        return new Outcome(code, sw.toString());
    }

    /**
     * A run killed mid-way whose metrics.csv then ends in a half-written row after the rows its
     * checkpoint covers (the file cut in the middle of the first uncovered row, or half a row
     * appended when there is none) resumes to exactly the rows of an uninterrupted run.
     */
    @Test
    void aHalfWrittenRowAfterTheCheckpointIsDropped(@TempDir Path tmp) throws Exception {
        long steps = 64L * 120;
        List<Map<String, String>> rows = TrainingRunTest.killResumeAndCompare(
                tmp, out -> TrainingRunTest.trainArgs(out, steps, 13), m -> TrainingRunTest.rows(m) > 20, run -> {
                    RunDirectory d = new RunDirectory(run);
                    long covered = CheckpointData.read(d.latest()).metaLong("rows");
                    String text = Files.readString(d.metrics());
                    List<String> lines = text.lines().toList();
                    if (text.endsWith("\n") && lines.size() - 1 > covered) {
                        int start = 0;
                        for (int i = 0; i <= covered; i++) {
                            start = text.indexOf('\n', start) + 1;
                        }
                        Files.writeString(
                                d.metrics(),
                                text.substring(
                                        0, start + lines.get((int) covered + 1).length() / 2));
                    } else {
                        String last = lines.getLast();
                        Files.writeString(
                                d.metrics(),
                                (text.endsWith("\n") ? text : text + "\n") + last.substring(0, last.length() / 2));
                    }
                    assertThat(Files.readString(d.metrics())).doesNotEndWith("\n");
                });
        assertThat(rows).hasSize(120);
    }

    static final List<String> SETTINGS = List.of(
            "--set",
            "num_envs=2",
            "--set",
            "num_steps=32",
            "--set",
            "num_minibatches=2",
            "--set",
            "update_epochs=2",
            "--set",
            "eval_every=320",
            "--set",
            "eval_episodes=2");

    static String[] train(String how, Path dir) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--quiet", how, dir.toString()));
        if (how.equals("--out")) {
            a.addAll(List.of("--steps", "640", "--seed", "5"));
            a.addAll(SETTINGS);
        }
        return a.toArray(String[]::new);
    }

    /**
     * A run stopped before its first checkpoint (config.json and the start of metrics.csv written,
     * nothing else) resumes by starting afresh and ends with the rows of an uninterrupted run.
     */
    @Test
    void aRunKilledBeforeItsFirstCheckpointResumes(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        assertThat(cli(train("--out", reference)).code()).isZero();
        RunDirectory ref = new RunDirectory(reference);

        Path killed = tmp.resolve("killed");
        Files.createDirectories(killed);
        RunDirectory k = new RunDirectory(killed);
        Files.copy(ref.config(), k.config());
        String header = Files.readAllLines(ref.metrics()).getFirst();
        Files.writeString(k.metrics(), header + "\n0,32,", StandardCharsets.UTF_8);
        Outcome again = cli(train("--out", killed));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("use --resume " + killed);
        Outcome resumed = cli(train("--resume", killed));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        TrainingRunTest.assertSameRows(
                TrainingRunTest.deterministicRows(k.metrics()), TrainingRunTest.deterministicRows(ref.metrics()));
        assertThat(k.latest()).isRegularFile();
    }

    /** A metrics.csv that lost rows its checkpoint covers, or is empty, header-only or missing, is one line and exit 2, changing nothing. */
    @Test
    void aLogShorterThanTheCheckpointIsOneLine(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(cli(train("--out", run)).code()).isZero();
        RunDirectory d = new RunDirectory(run);
        String full = Files.readString(d.metrics());
        List<String> lines = full.lines().toList();
        assertThat(lines).hasSize(11);
        String header = lines.getFirst();
        int cut = full.length()
                - lines.getLast().length() / 2
                - 1; // in the middle of the last row, which the checkpoint covers
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(full.substring(0, cut), "has 9 complete rows where the checkpoint covers 10 rows");
        cases.put(full.substring(0, cut) + "\n", "has 9 complete rows where the checkpoint covers 10 rows");
        cases.put(header + "\n", "has 0 complete rows where the checkpoint covers 10 rows");
        cases.put("", "is empty but the checkpoint covers 10 rows");
        cases.put(
                "x,y\n" + String.join("\n", lines.subList(1, lines.size())) + "\n",
                "has another header than this run's columns");
        cases.put(null, "is missing but the checkpoint covers 10 rows");
        byte[] latest = Files.readAllBytes(d.latest());
        for (Map.Entry<String, String> c : cases.entrySet()) {
            if (c.getKey() == null) {
                Files.delete(d.metrics());
            } else {
                Files.writeString(d.metrics(), c.getKey());
            }
            Outcome o = cli(train("--resume", run));
            assertThat(o.code()).as(o.err()).isEqualTo(2);
            assertThat(o.err())
                    .isEqualTo("error: " + d.metrics() + " " + c.getValue()
                            + (c.getValue().startsWith("has another")
                                    ? ""
                                    : "; the run cannot be resumed exactly (start it again)")
                            + System.lineSeparator());
            if (c.getKey() == null) {
                assertThat(d.metrics()).doesNotExist();
            } else {
                assertThat(Files.readString(d.metrics())).isEqualTo(c.getKey());
            }
            assertThat(Files.readAllBytes(d.latest())).isEqualTo(latest);
            assertThat(run.resolve("metrics.csv.tmp")).doesNotExist();
        }
    }
}
