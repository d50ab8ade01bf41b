package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gorlj.cli.FileFailureTest.args;
import static org.gorlj.cli.FileFailureTest.files;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that used to be accepted silently (issue 19, "Silent acceptance") is refused with one line
 * and exit code 2 and leaves every file as it was, or, where it is valid but suspicious, is run with
 * a warning line first. Table-driven: command line, exit code, first line of the error stream.
 */
class SilentAcceptanceTest {
    /** Prepares the file system for a case (given the trained run directory). */
    interface Setup {
        void apply(Path run) throws IOException;
    }

    /**
     * One case; {@code unchanged}: the files under the test's directory must stay as they were (the
     * refusals), otherwise the command may write (a run that warns and trains).
     */
    record Case(String name, Setup setup, String[] args, int code, String firstLine, boolean unchanged) {}

    static final String[] SMALL = {"--set", "num_envs=2", "--set", "num_steps=64", "--set", "num_minibatches=2"};

    static String[] train(String... a) {
        List<String> l = new ArrayList<>(List.of("train", "--quiet"));
        l.addAll(List.of(a));
        l.addAll(List.of(SMALL));
        return l.toArray(String[]::new);
    }

    static Case refused(String name, Setup setup, String[] args, String firstLine) {
        return new Case(name, setup, args, 2, firstLine, true);
    }

    static Case refused(String name, String[] args, String firstLine) {
        return refused(name, r -> {}, args, firstLine);
    }

    /** Replaces {@code from} by {@code to} in the run's config.json (which must contain it). */
    static Setup editConfig(String from, String to) {
        return r -> {
            String c = Files.readString(r.resolve("config.json"));
            assertThat(c).contains(from);
            Files.writeString(r.resolve("config.json"), c.replace(from, to));
        };
    }

    @Test
    void eachCaseIsOneLineAndRefusalsChangeNothing(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        StringWriter trained = new StringWriter();
        assertThat(Main.run(new PrintWriter(trained, true), train("--out", run.toString(), "--steps", "256")))
                .as(trained.toString())
                .isZero();
        byte[] config = Files.readAllBytes(run.resolve("config.json"));
        String r = run.toString();
        String fresh = tmp.resolve("fresh").toString();
        String latest = run.resolve("checkpoints/latest.ckpt").toString();
        Path aFile = Files.writeString(tmp.resolve("a-file"), "not a directory");
        List<Case> cases = new ArrayList<>();

        // --resume with an option that describes a run
        for (String[] o : List.of(
                args("--task", "classic/pendulum"),
                args("--algo", "ppo"),
                args("--preset", "auto"),
                args("--steps", "512"),
                args("--seed", "1"),
                args("--set", "gamma=0.9"),
                args("--out", fresh))) {
            String[] a = {"train", "--quiet", "--resume", r, o[0], o[1]};
            cases.add(refused(
                    "--resume with " + o[0],
                    a,
                    "error: " + o[0] + " cannot be given with --resume: a resume "
                            + "continues the run with the settings it started with"));
        }
        // --fork keeps its parent's task and preset, and its algorithm unless another takes the same settings
        for (String[] o : List.of(args("--task", "classic/pendulum"), args("--preset", "auto"))) {
            String[] a = {"train", "--quiet", "--fork", r, "--out", fresh, o[0], o[1]};
            cases.add(refused(
                    "--fork with " + o[0],
                    a,
                    "error: " + o[0] + " cannot be given with --fork: a fork keeps "
                            + "its parent's task and settings"));
        }
        cases.add(refused(
                "--fork with --algo of other settings",
                new String[] {"train", "--quiet", "--fork", r, "--out", fresh, "--algo", "sac"},
                "error: a fork cannot change the algorithm from ppo to sac: their settings differ"));
        // config.json edited after the run started
        String changed = "; the run's config.json was changed after it started";
        cases.add(refused(
                "config.json: another seed",
                editConfig("\"seed\" : 1,", "\"seed\" : 2,"),
                args("train", "--quiet", "--resume", r),
                "error: checkpoint " + latest + " was written with seed=1 but " + "config.json says seed=2" + changed));
        cases.add(refused(
                "config.json: other hidden sizes",
                editConfig("\"actor_hidden\" : [ 64, 64 ]", "\"actor_hidden\" : [ 32 ]"),
                args("train", "--quiet", "--resume", r),
                "error: checkpoint " + latest + " was written with "
                        + "actor_hidden=[64, 64] but config.json says actor_hidden=[32]" + changed));
        cases.add(refused(
                "config.json: another algorithm",
                editConfig("\"algo\" : \"ppo\"", "\"algo\" : \"fpo\""),
                args("eval", r, "--checkpoint", "latest"),
                "error: checkpoint " + latest + " is of classic/pendulum / ppo but "
                        + "config.json says classic/pendulum / fpo" + changed));
        // a setting given twice
        cases.add(refused(
                "--set twice",
                train("--out", fresh, "--set", "gamma=0.9", "--set", "gamma=0.8"),
                "error: setting gamma is given twice (--set gamma=0.9 and --set gamma=0.8); give it once"));
        cases.add(refused(
                "--steps and --set total_steps",
                train("--out", fresh, "--steps", "256", "--set", "total_steps=512"),
                "error: setting total_steps is given twice (--steps 256 and --set total_steps=512); give it once"));
        cases.add(refused(
                "--seed and --set seed",
                train("--out", fresh, "--seed", "3", "--set", "seed=4"),
                "error: setting seed is given twice (--seed 3 and --set seed=4); give it once"));
        cases.add(refused(
                "perf: --set total_steps against --steps",
                args("perf", "--set", "total_steps=512"),
                "error: setting total_steps is given twice (--steps 20480 and --set total_steps=512); give it once"));
        // the budget: exact range, whole numbers, at least one iteration
        cases.add(
                refused(
                        "--steps one above the maximum",
                        train("--out", fresh, "--steps", "2305843009213693952"),
                        "error: total_steps=2305843009213693952 is not valid: expected an integer in [1, 2305843009213693951]"));
        cases.add(refused(
                "--steps not a whole number",
                train("--out", fresh, "--steps", "1.0005k"),
                "error: total_steps=1.0005k is not valid: expected an integer in [1, 2305843009213693951]"));
        cases.add(refused(
                "--steps below one iteration",
                train("--out", fresh, "--steps", "100"),
                "error: total_steps=100 is below one iteration: at least 128 (num_envs * num_steps) steps"));
        // empty list fields
        cases.add(refused(
                "a list with an empty last field",
                train("--out", fresh, "--set", "actor_hidden=64,64,"),
                "error: actor_hidden=64,64, is not valid: expected comma-separated positive integers"));
        cases.add(refused(
                "a list with an empty field",
                train("--out", fresh, "--set", "actor_hidden=64,,64"),
                "error: actor_hidden=64,,64 is not valid"));
        // modes --obs
        cases.add(refused(
                "modes --obs with an empty last field",
                args("modes", r, "--obs", "1,0,"),
                "error: --obs 1,0, has an empty field (value 3)"));
        cases.add(refused(
                "modes --obs NaN",
                args("modes", r, "--obs", "1,NaN,0"),
                "error: --obs value 'NaN' is not a finite number"));
        cases.add(refused(
                "modes --obs Infinity",
                args("modes", r, "--obs", "1,0,-Infinity"),
                "error: --obs value '-Infinity' is not a finite number"));
        // readme and bench
        Path doc = tmp.resolve("doc.md");
        cases.add(refused(
                "readme: a block never closed",
                d -> Files.writeString(doc, "# t\n\n<!-- bench: spec.json -->\nold\n"),
                args("readme", doc.toString()),
                "error: " + doc + ": line 3: the block <!-- bench: spec.json --> is not closed: "
                        + "no <!-- /bench --> before the end"));
        cases.add(refused(
                "readme: a block not closed before the next",
                d -> Files.writeString(doc, "<!-- bench: a.json -->\n<!-- bench: b.json -->\nx\n<!-- /bench -->\n"),
                args("readme", doc.toString()),
                "error: " + doc + ": line 1: the block <!-- bench: a.json --> is not closed: "
                        + "no <!-- /bench --> before the next block"));
        Path spec = tmp.resolve("spec.json");
        cases.add(refused(
                "bench: out under a file",
                d -> writeSpec(spec, aFile.resolve("runs"), tmp.resolve("results")),
                args("bench", spec.toString()),
                "error: " + aFile.resolve("runs") + ": cannot write into it: "));
        cases.add(refused(
                "bench: results under a file",
                d -> writeSpec(spec, tmp.resolve("bench-runs"), aFile.resolve("results")),
                args("bench", spec.toString()),
                "error: " + aFile.resolve("results") + ": cannot write into it: "));
        Path benchRun = tmp.resolve("bench-runs/classic-pendulum/ppo/seed-1");
        cases.add(refused(
                "bench: a garbage bench.json",
                d -> {
                    writeSpec(spec, tmp.resolve("bench-runs"), tmp.resolve("results"));
                    Files.createDirectories(benchRun);
                    Files.writeString(benchRun.resolve("bench.json"), "{\"complete\": tru");
                },
                args("bench", spec.toString(), "--status"),
                "error: " + benchRun.resolve("bench.json") + " is not valid JSON; "
                        + "it says whether the run is complete: fix it or delete it"));
        cases.add(refused(
                "bench: a bench.json of the wrong shape",
                d -> Files.writeString(benchRun.resolve("bench.json"), "{\"complete\": \"yes\"}"),
                args("bench", spec.toString()),
                "error: " + benchRun.resolve("bench.json") + " is a record that lacks "
                        + "\"complete\" (true or false)"));
        // valid but suspicious: a warning first, then the run
        Path gorl = tmp.resolve("gorl");
        cases.add(new Case(
                "GoRL stages longer than the run",
                d -> {},
                train("--algo", "gorl-fm", "--out", gorl.toString(), "--steps", "256", "--set", "stage_steps=256,256"),
                0,
                "warning: stage_steps [256, 256] with total_steps=256: the run ends before its first stage boundary "
                        + "(no decoder is ever fitted)",
                false));

        for (Case c : cases) {
            Files.write(run.resolve("config.json"), config);
            c.setup().apply(run);
            Map<String, String> before = files(tmp);
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(err, true), c.args());
            assertThat(code).as("%s: exit code (%s)", c.name(), err).isEqualTo(c.code());
            if (c.code() != 0) {
                assertThat(err.toString().lines().toList())
                        .as("%s: one line", c.name())
                        .hasSize(1);
            }
            assertThat(err.toString()).as(c.name()).startsWith(c.firstLine());
            if (c.unchanged()) {
                assertThat(files(tmp)).as("%s: files unchanged", c.name()).isEqualTo(before);
            }
        }
        assertThat(Path.of(fresh)).as("no refused train wrote a run").doesNotExist();
    }

    static void writeSpec(Path spec, Path out, Path results) throws IOException {
        Files.writeString(spec, """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 1, "steps": 256,
                 "set": ["num_envs=2", "num_steps=64", "num_minibatches=2"], "out": "%s", "results": "%s"}
                """.formatted(out, results));
    }

    /**
     * A run that diverges (an entropy bonus of 10 at step size 1 overflows the log-std within a few
     * updates, before any evaluation): training stops with exit code 3 naming the checkpoint with
     * the last finite state; {@code eval} says the run diverged and that it evaluates the latest
     * checkpoint, there being no best one; {@code modes} refuses a policy whose actions are not finite.
     */
    @Test
    void aDivergedRunIsReportedAsSuch(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(err, true),
                train("--out", run.toString(), "--steps", "20000", "--set", "learning_rate=1", "--set", "ent_coef=10"));
        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(err.toString())
                .startsWith("error: training stopped, a number went non-finite: ")
                .contains("; the last finite state is checkpoints/latest.ckpt (step ")
                .hasLineCount(1);
        assertThat(run.resolve("diverged.json")).isRegularFile();
        assertThat(run.resolve("checkpoints/best.ckpt")).doesNotExist();
        long step = CheckpointData.read(run.resolve("checkpoints/latest.ckpt")).metaLong("rows") * 128;

        StringWriter evalErr = new StringWriter();
        assertThat(Main.run(new PrintWriter(evalErr, true), "eval", run.toString(), "--episodes", "1"))
                .as(evalErr.toString())
                .isZero();
        List<String> lines = evalErr.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("warning: this run diverged: ")
                .endsWith("the last finite state is checkpoints/latest.ckpt (step " + step + "); evaluating its latest "
                        + "checkpoint (step " + step + ")");
        assertThat(lines.get(1))
                .isEqualTo("warning: the run has no best checkpoint (no evaluation during training yet); "
                        + "evaluating its latest checkpoint");
        assertThat(Files.readString(run.resolve("eval.json")))
                .contains("\"checkpoint\" : \"latest\"")
                .doesNotContain("\"best\"");

        Path ckpt = run.resolve("checkpoints/latest.ckpt");
        CheckpointData ck = CheckpointData.read(ckpt);
        for (float[] t : ck.tensors().values()) {
            Arrays.fill(t, Float.NaN);
        }
        ck.write(ckpt);
        Map<String, String> before = files(tmp);
        StringWriter modesErr = new StringWriter();
        assertThat(Main.run(new PrintWriter(modesErr, true), "modes", run.toString(), "--samples", "20"))
                .isEqualTo(2);
        assertThat(modesErr.toString())
                .startsWith("error: the policy of the latest checkpoint (step " + step + ") gives "
                        + "non-finite actions (NaN) at state ")
                .contains("; the run diverged: ")
                .hasLineCount(1);
        assertThat(files(tmp)).isEqualTo(before);
    }

    /** An MKL_CBWR that MKL does not know is refused before anything is written (a fresh JVM: the variable is read at start). */
    @Test
    void anUnknownMklBranchIsRefused(@TempDir Path tmp) throws Exception {
        List<String> cmd = JvmOptions.javaCommand();
        cmd.add("org.gorlj.cli.Main");
        cmd.addAll(List.of(train("--out", tmp.resolve("run").toString(), "--steps", "256")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MKL_CBWR", "AVX3");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(2);
        assertThat(out.lines().filter(l -> l.startsWith("error: ")).toList())
                .containsExactly(
                        "error: MKL_CBWR=AVX3 is not a "
                                + "code branch MKL knows: expected [BRANCH=]B[,STRICT] with B one of AUTO, COMPATIBLE, SSE2, SSE3, SSSE3, "
                                + "SSE4_1, SSE4_2, AVX, AVX2, AVX512, AVX512_E1, AVX512_MIC, AVX512_MIC_E1 (or leave MKL_CBWR unset)");
        assertThat(files(tmp)).isEmpty();
    }
}
