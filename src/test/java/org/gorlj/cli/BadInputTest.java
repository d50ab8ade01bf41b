package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets exit code 2 and one line naming what was wrong; nothing on disk is touched. */
class BadInputTest {
    record Outcome(int code, String err) {}

    static Outcome run(String... args) {
        StringWriter sw = new StringWriter();
        int code = Main.run(new PrintWriter(sw, true), args);
        return new Outcome(code, sw.toString());
    }

    static void assertBad(String expectedFragment, String... args) {
        Outcome o = run(args);
        assertThat(o.code()).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as("one line: %s", o.err()).isEqualTo(1);
        assertThat(o.err()).contains(expectedFragment);
    }

    @Test
    void badTrainArguments(@TempDir Path tmp) {
        String out = tmp.resolve("r").toString();
        assertBad("unknown task 'classic/nope'", "train", "--task", "classic/nope", "--out", out);
        assertBad("unknown algorithm 'ppx'", "train", "--algo", "ppx", "--out", out);
        assertBad("unknown preset 'fast'", "train", "--preset", "fast", "--out", out);
        assertBad("unknown setting 'learning_rat'", "train", "--set", "learning_rat=0.1", "--out", out);
        assertBad("learning_rate=abc is not valid", "train", "--set", "learning_rate=abc", "--out", out);
        assertBad("num_envs=0 is not valid: expected an integer in [1,", "train", "--set", "num_envs=0", "--out", out);
        assertBad("gamma=1.5 is not valid", "train", "--set", "gamma=1.5", "--out", out);
        assertBad("total_steps=-5 is not valid", "train", "--steps", "-5", "--out", out);
        assertBad(
                "action_mode=round is not valid: expected one of clip, tanh",
                "train",
                "--set",
                "action_mode=round",
                "--out",
                out);
        assertBad("--set expects key=value", "train", "--set", "gamma", "--out", out);
        assertBad(
                "must be divisible by num_minibatches",
                "train",
                "--set",
                "num_minibatches=3",
                "--steps",
                "1000",
                "--out",
                out);
        assertBad("Unknown option: '--bogus'", "train", "--bogus");
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void badRunDirectories(@TempDir Path tmp) throws Exception {
        assertBad("no run directory at", "eval", tmp.resolve("missing").toString());
        assertBad(
                "no run directory at",
                "train",
                "--resume",
                tmp.resolve("missing").toString());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertBad("no config.json", "eval", empty.toString());

        Path run = tmp.resolve("run");
        assertThat(run(TinyRunArgs.train(run)).code()).isZero();
        assertBad("already exists and is not empty", "train", "--out", run.toString());

        Path ckpt = run.resolve("checkpoints/latest.ckpt");
        byte[] good = Files.readAllBytes(ckpt);
        Files.copy(ckpt, tmp.resolve("saved.ckpt"));
        Files.delete(run.resolve("checkpoints/best.ckpt"));
        Files.write(ckpt, new byte[] {1, 2, 3, 4});
        byte[] corrupt = Files.readAllBytes(ckpt);
        assertBad("is corrupt", "eval", run.toString());
        assertBad("is corrupt", "train", "--resume", run.toString());
        assertThat(Files.readAllBytes(ckpt)).isEqualTo(corrupt);

        Files.write(ckpt, java.util.Arrays.copyOf(good, good.length / 2));
        assertBad("checkpoint", "eval", run.toString(), "--checkpoint", "latest");

        Files.copy(tmp.resolve("saved.ckpt"), ckpt, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertBad("--episodes must be at least 1", "eval", run.toString(), "--episodes", "0");
        assertBad("--checkpoint must be best or latest", "eval", run.toString(), "--checkpoint", "first");
        Outcome ok = run("eval", run.toString(), "--episodes", "2", "--json", "--checkpoint", "latest");
        assertThat(ok.code()).isZero();
        assertThat(run.resolve("eval.json")).isRegularFile();

        String config = Files.readString(run.resolve("config.json"));
        Files.writeString(run.resolve("config.json"), config.replace("\"gamma\"", "\"gamma_typo\""));
        assertBad("unknown setting 'gamma_typo'", "eval", run.toString());
        Files.writeString(run.resolve("config.json"), "{not json");
        assertBad("is not valid JSON", "eval", run.toString());
    }
}
