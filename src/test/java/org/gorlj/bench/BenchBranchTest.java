package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bench branches: an arm whose run for each seed forks from another arm's run of that seed at a step. */
@Tag("slow")
class BenchBranchTest {
    static Path write(Path tmp, String branches) throws Exception {
        Path f = tmp.resolve("b.json");
        Files.writeString(f, """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 1, "steps": 640, "set": [%s],
                 "branches": [%s], "out": "%s", "results": "%s"}
                """.formatted(BenchRunTest.SMALL, branches, tmp.resolve("runs"), tmp.resolve("results")));
        return f;
    }

    @Test
    void aBranchSharesItsTrunksPrefixAndDiffersAfter(@TempDir Path tmp) throws Exception {
        BenchSpec spec = BenchSpec.read(write(tmp, """
                {"name": "slow-lr", "from": "ppo", "at_step": 320, "set": ["learning_rate=0.0003"]},
                {"name": "short", "from": "ppo", "at_step": 320, "steps": 448}"""));
        assertThat(spec.methods()).extracting(BenchSpec.Method::name).containsExactly("ppo", "slow-lr", "short");
        assertThat(spec.pairs())
                .containsExactly(new BenchSpec.Pair("slow-lr", "ppo"), new BenchSpec.Pair("short", "ppo"));
        List<BenchSpec.Run> runs = spec.runs();
        assertThat(runs).extracting(BenchSpec.Run::steps).containsExactly(640L, 640L, 448L);
        assertThat(runs.get(0).config().config().getLong("checkpoint_at_step")).isEqualTo(320);
        assertThat(runs.get(1).trunk()).isEqualTo(runs.get(0).dir());
        assertThat(runs.get(1).config().config().getDouble("learning_rate")).isEqualTo(0.0003);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bench.Outcome o = Bench.run(spec, 2, new PrintStream(out, true));
        assertThat(o).as(out.toString()).isEqualTo(new Bench.Outcome(0, 3, 0, 0));
        assertThat(out.toString()).contains("[fork  ] classic/pendulum slow-lr seed 1 from ");
        List<Map<String, String>> trunk = MetricsLog.read(runs.get(0).dir().resolve("metrics.csv"));
        List<Map<String, String>> branch = MetricsLog.read(runs.get(1).dir().resolve("metrics.csv"));
        assertThat(branch).hasSize(10);
        for (int i = 0; i < 5; i++) { // steps 64 .. 320: the shared prefix, copied from the trunk
            assertThat(branch.get(i)).isEqualTo(trunk.get(i));
        }
        assertThat(branch.get(5).get("learning_rate")).isNotEqualTo(trunk.get(5).get("learning_rate"));
        assertThat(RunConfig.read(runs.get(1).dir().resolve("config.json")))
                .isEqualTo(runs.get(1).config());
        assertThat(Files.readString(tmp.resolve("results/results.csv"))).contains("slow-lr");
        // a branch with its own budget: the trunk's rows up to the fork, then its own up to 448 steps
        List<Map<String, String>> shorter = MetricsLog.read(runs.get(2).dir().resolve("metrics.csv"));
        assertThat(shorter).hasSize(7);
        assertThat(shorter.subList(0, 5)).isEqualTo(trunk.subList(0, 5));
        assertThat(shorter.getLast().get("global_step")).isEqualTo("448");
    }

    /**
     * A fresh clone has results.csv but no run directories: recorded runs are not trained again, except
     * a trunk whose branch still has to fork from it; that trunk trains again to the same numbers.
     */
    @Test
    void runsRecordedInResultsAreNotTrainedAgainUnlessABranchNeedsTheirCheckpoint(@TempDir Path tmp) throws Exception {
        BenchSpec spec = BenchSpec.read(write(tmp, """
                {"name": "slow-lr", "from": "ppo", "at_step": 320, "set": ["learning_rate=0.0003"]},
                {"name": "short", "from": "ppo", "at_step": 320, "steps": 448}"""));
        Bench.run(spec, 2, new PrintStream(new ByteArrayOutputStream(), true));
        Path csv = tmp.resolve("results/results.csv");
        List<String> before = Files.readAllLines(csv);
        List<Map<String, String>> trunkMetrics =
                deterministicRows(spec.runs().get(0).dir());

        deleteTree(tmp.resolve("runs")); // a fresh clone
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Bench.run(spec, 2, new PrintStream(out, true))).isEqualTo(new Bench.Outcome(3, 0, 0, 0));
        assertThat(out.toString()).contains("[recorded] classic/pendulum ppo seed 1: complete in results.csv");
        assertThat(spec.runs()).allSatisfy(r -> assertThat(r.dir()).doesNotExist());
        assertThat(Files.readAllLines(csv)).isEqualTo(before);

        // the branch slow-lr's row is gone: it trains, and so does its trunk, to the same numbers as before
        Files.write(csv, before.stream().filter(l -> !l.contains(",slow-lr,")).toList());
        out.reset();
        assertThat(Bench.run(spec, 2, new PrintStream(out, true))).isEqualTo(new Bench.Outcome(1, 2, 0, 0));
        assertThat(out.toString()).contains("[retrain] ").contains("needs its checkpoint at step 320");
        assertThat(spec.runs().get(2).dir()).doesNotExist();
        assertThat(deterministicRows(spec.runs().get(0).dir())).isEqualTo(trunkMetrics);
        Map<String, String> again = Results.readCsv(csv).stream()
                .filter(r -> r.get("method").equals("ppo"))
                .findFirst()
                .orElseThrow();
        assertThat(before.get(1))
                .contains("," + again.get("final_train_return") + "," + again.get("final_eval_return") + ",")
                .contains("," + again.get("auc") + ",");
    }

    private static List<Map<String, String>> deterministicRows(Path runDir) throws java.io.IOException {
        List<Map<String, String>> rows = MetricsLog.read(runDir.resolve("metrics.csv"));
        rows.forEach(r -> r.keySet().removeAll(MetricsLog.WALL_CLOCK_COLUMNS));
        return rows;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void badBranchesAreRefused(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> BenchSpec.read(write(tmp, "{\"name\": \"g\", \"from\": \"sac\", \"at_step\": 320}")))
                .hasMessageContaining(
                        "\"branches[0].from\" names 'sac', which is not a method of the spec trained from scratch");
        assertThatThrownBy(() -> BenchSpec.read(write(tmp, "{\"name\": \"g\", \"from\": \"ppo\", \"at_step\": 640}")))
                .hasMessageContaining("\"branches[0].at_step\" 640 is not below \"steps\" 640");
        assertThatThrownBy(() -> BenchSpec.read(write(tmp, "{\"name\": \"ppo\", \"from\": \"ppo\", \"at_step\": 64}")))
                .hasMessageContaining("\"branches[0].name\" must be a new name");
        assertThatThrownBy(() -> BenchSpec.read(
                        write(tmp, "{\"name\": \"g\", \"from\": \"ppo\", \"at_step\": 64, \"set\": [\"seed=3\"]}")))
                .hasMessageContaining("may not set seed");
        assertThatThrownBy(() -> BenchSpec.read(write(
                        tmp,
                        "{\"name\": \"g\", \"from\": \"ppo\", \"at_step\": 64}, "
                                + "{\"name\": \"h\", \"from\": \"ppo\", \"at_step\": 128}")))
                .hasMessageContaining("a trunk keeps one step");
        assertThatThrownBy(() -> BenchSpec.read(
                        write(tmp, "{\"name\": \"g\", \"from\": \"ppo\", \"at_step\": 320, \"steps\": 320}")))
                .hasMessageContaining("\"branches[0].at_step\" 320 is not below its \"branches[0].steps\" 320");
        assertThatThrownBy(() -> BenchSpec.read(
                        write(tmp, "{\"name\": \"g\", \"from\": \"ppo\", \"at_step\": 64, \"typo\": 1}")))
                .hasMessageContaining("unknown key \"branches[0].typo\"");
        assertThatThrownBy(() -> BenchSpec.read(
                        write(tmp, "{\"name\": \"g\", \"from\": \"ppo\", \"at_step\": 64, \"algo\": \"gorl-fm\"}")))
                .hasMessageContaining("classic/pendulum x g: a fork cannot change the algorithm from ppo to gorl-fm");
    }

    /** A branch may name another algorithm with its trunk's settings: GoRL-Diff forked from GoRL-FM. */
    @Test
    void aBranchMayContinueAsAnotherAlgorithmOfTheSameSettings(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("d.json");
        Files.writeString(f, """
                {"tasks": ["classic/pendulum"], "algorithms": [{"name": "C", "algo": "gorl-fm"}], "seeds": 1,
                 "steps": 640, "branches": [{"name": "GD", "from": "C", "at_step": 320, "algo": "gorl-diffusion"}],
                 "out": "%s", "results": "%s"}
                """.formatted(tmp.resolve("runs"), tmp.resolve("results")));
        List<BenchSpec.Run> runs = BenchSpec.read(f).runs();
        assertThat(runs).extracting(r -> r.config().algo()).containsExactly("gorl-fm", "gorl-diffusion");
        assertThat(runs.get(1).method().algo()).isEqualTo("gorl-diffusion");
        assertThat(runs.get(1).trunk()).isEqualTo(runs.get(0).dir());
    }
}
