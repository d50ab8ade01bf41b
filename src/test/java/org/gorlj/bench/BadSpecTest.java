package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gorlj.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad spec gets one line naming the field and exit code 2, and no run directory is made. */
class BadSpecTest {
    static final String GOOD_REST = "\"seeds\": 2, \"steps\": 1000";

    static void assertBad(Path tmp, String json, String expectedFragment) throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, json.replace("OUT", tmp.resolve("runs").toString()));
        StringWriter sw = new StringWriter();
        int code = Main.run(new PrintWriter(sw, true), "bench", spec.toString());
        assertThat(code).as("exit code for %s: %s", json, sw).isEqualTo(2);
        assertThat(sw.toString().strip().lines().count()).as("one line: %s", sw).isEqualTo(1);
        assertThat(sw.toString()).contains(expectedFragment);
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void badSpecsAreRefusedBeforeAnyRun(@TempDir Path tmp) throws Exception {
        String head = "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [\"ppo\"], ";
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/nope\"], \"algorithms\": [\"ppo\"], " + GOOD_REST + "}",
                "\"tasks[0]\": unknown task 'classic/nope'");
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [\"ppx\"], " + GOOD_REST + "}",
                "\"algorithms[0]\": unknown algorithm 'ppx'");
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [{\"algo\": \"ppo\", "
                        + "\"preset\": \"fast\"}], " + GOOD_REST + "}",
                "unknown preset 'fast'");
        assertBad(tmp, head + "\"seeds\": 2}", "missing field \"steps\"");
        assertBad(tmp, head + "\"steps\": 1000}", "missing field \"seeds\"");
        assertBad(tmp, "{\"out\": \"OUT\", \"algorithms\": [\"ppo\"], " + GOOD_REST + "}", "missing field \"tasks\"");
        assertBad(tmp, head + "\"seeds\": 0, \"steps\": 1000}", "\"seeds\" must be a count in [1, 1000]");
        assertBad(tmp, head + "\"seeds\": [], \"steps\": 1000}", "\"seeds\" must be a count");
        assertBad(tmp, head + "\"seeds\": [1, 1], \"steps\": 1000}", "\"seeds\" lists seed 1 twice");
        assertBad(tmp, head + "\"seeds\": 2, \"steps\": -5}", "\"steps\" must be a positive integer, got -5");
        assertBad(tmp, head + "\"seeds\": 2, \"steps\": 0}", "\"steps\" must be a positive integer, got 0");
        assertBad(tmp, head + GOOD_REST + ", \"stepz\": 3}", "unknown key \"stepz\"");
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [{\"algo\": \"ppo\", "
                        + "\"sett\": []}], " + GOOD_REST + "}",
                "unknown key \"algorithms[0].sett\"");
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [{\"preset\": \"auto\"}], "
                        + GOOD_REST + "}",
                "missing field \"algorithms[0].algo\"");
        assertBad(tmp, head + GOOD_REST + ", \"set\": [\"learning_rat=0.1\"]}", "unknown setting 'learning_rat'");
        assertBad(
                tmp,
                head + GOOD_REST + ", \"set\": [\"total_steps=5\"]}",
                "\"set\" may not set total_steps; use \"steps\"");
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [\"ppo\", \"ppo\"], " + GOOD_REST
                        + "}",
                "repeats the method name 'ppo'");
        assertBad(tmp, head + GOOD_REST + ", \"parallel\": 0}", "\"parallel\" must be a positive integer");
        assertBad(
                tmp,
                head + GOOD_REST + ", \"set\": [\"final_eval_episodes=10\"]}",
                "classic/pendulum x ppo: "
                        + "final_eval_episodes=10 gives 10 final evaluation episodes, below the bench's minimum of 50");
        assertBad(
                tmp,
                "{\"out\": \"OUT\", \"tasks\": [\"classic/pendulum\"], \"algorithms\": [{\"algo\": \"ppo\", "
                        + "\"set\": [\"eval_episodes=49\", \"final_eval_episodes=0\"]}], " + GOOD_REST + "}",
                "final_eval_episodes=0 gives 49 final evaluation episodes, below the bench's minimum of 50");
        assertBad(
                tmp,
                head + GOOD_REST + ", \"pairs\": [[\"ppo\", \"sac\"]]}",
                "\"pairs[0]\" names 'sac', which is not a method");
        assertBad(
                tmp, head + GOOD_REST + ", \"pairs\": [[\"ppo\"]]}", "\"pairs[0]\" must be a list of two method names");
        assertBad(tmp, head + GOOD_REST + ", \"pairs\": [[\"ppo\", \"ppo\"]]}", "\"pairs[0]\" pairs 'ppo' with itself");
        assertBad(
                tmp, head + GOOD_REST + ", \"pairs\": \"ppo\"}", "\"pairs\" must be a list of [method, method] pairs");
        assertBad(tmp, head + GOOD_REST, "is not valid JSON");
        assertBad(tmp, "[1, 2]", "a bench spec is a JSON object");
    }

    @Test
    void aMissingSpecFileAndBadFlagsAreBadInput(@TempDir Path tmp) {
        StringWriter sw = new StringWriter();
        assertThat(Main.run(
                        new PrintWriter(sw, true),
                        "bench",
                        tmp.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(sw.toString()).contains("no bench spec at");
        StringWriter sw2 = new StringWriter();
        assertThat(Main.run(new PrintWriter(sw2, true), "bench", "bench/specs/pendulum-ppo.json", "--parallel", "0"))
                .isEqualTo(2);
        assertThat(sw2.toString().strip()).isEqualTo("error: --parallel must be at least 1, got 0");
        StringWriter sw3 = new StringWriter();
        assertThat(Main.run(
                        new PrintWriter(sw3, true),
                        "bench",
                        "bench/specs/pendulum-ppo.json",
                        "--status",
                        "--table-only"))
                .isEqualTo(2);
        assertThat(sw3.toString().strip()).isEqualTo("error: --status and --table-only exclude each other");
    }

    @Test
    void aRunDirectoryWithOtherSettingsIsRefused(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("s.json");
        String json = "{\"out\": \"" + tmp.resolve("runs") + "\", \"tasks\": [\"classic/pendulum\"], "
                + "\"algorithms\": [\"ppo\"], \"seeds\": 1, \"steps\": STEPS}";
        Files.writeString(spec, json.replace("STEPS", "1000"));
        BenchSpec old = BenchSpec.read(spec);
        Files.createDirectories(old.runs().getFirst().dir());
        old.runs().getFirst().config().write(old.runs().getFirst().dir().resolve("config.json"));
        Files.writeString(spec, json.replace("STEPS", "2000"));
        StringWriter sw = new StringWriter();
        assertThat(Main.run(new PrintWriter(sw, true), "bench", spec.toString()))
                .isEqualTo(2);
        assertThat(sw.toString().strip().lines().count()).isEqualTo(1);
        assertThat(sw.toString())
                .contains("holds a run with other settings (total_steps is 1000, the spec gives 2000)");
    }
}
