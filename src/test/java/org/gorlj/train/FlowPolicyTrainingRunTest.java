package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short FPO and DPPO trainings through the CLI: files, evaluation, and resume after a hard kill. */
@Tag("slow") // among the slowest classes: ./gorl test fast leaves it out
class FlowPolicyTrainingRunTest {
    static final List<String> SMALL = List.of(
            "num_envs=4",
            "num_steps=16",
            "num_minibatches=2",
            "update_epochs=2",
            "eval_every=640",
            "eval_episodes=4",
            "checkpoint_every=5");

    static String[] trainArgs(String algo, Path out, long steps) {
        List<String> a = new ArrayList<>(List.of(
                "train",
                "--quiet",
                "--task",
                "classic/two-modes",
                "--algo",
                algo,
                "--out",
                out.toString(),
                "--steps",
                Long.toString(steps),
                "--seed",
                "4"));
        for (String s : SMALL) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    @Test
    void fpoTrainsFromTheCliAndEvaluates(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("fpo");
        Process p = TrainingRunTest.startCli(tmp.resolve("log"), trainArgs("fpo", dir, 1280));
        assertThat(p.waitFor())
                .as(java.nio.file.Files.readString(tmp.resolve("log")))
                .isZero();
        RunDirectory d = new RunDirectory(dir);
        for (Path f : List.of(d.config(), d.metrics(), d.latest(), d.best(), d.curve())) {
            assertThat(f).isRegularFile();
        }
        List<Map<String, String>> rows = MetricsLog.read(d.metrics());
        assertThat(rows).hasSize(20);
        assertThat(rows.getFirst())
                .containsKeys("policy_loss", "approx_kl", "clip_frac")
                .doesNotContainKey("entropy");
        assertThat(rows.getLast().get("eval_return")).isNotEmpty();
        for (Map<String, String> r : rows) {
            assertThat(Double.parseDouble(r.get("grad_norm"))).isFinite();
        }
        Evaluation.Report ev = Evaluation.run(dir, "latest", 5, true, 1);
        assertThat(ev.result().returns()).hasSize(5);
        assertThat(Evaluation.run(dir, "latest", 5, true, 1).result().returns())
                .isEqualTo(ev.result().returns());
    }

    @Test
    void killedFpoRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        List<Map<String, String>> rows = TrainingRunTest.killResumeAndCompare(
                tmp, out -> trainArgs("fpo", out, 64L * 60), m -> TrainingRunTest.rows(m) > 12);
        assertThat(rows).hasSize(60);
    }

    @Test
    void killedDppoRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        List<Map<String, String>> rows = TrainingRunTest.killResumeAndCompare(
                tmp, out -> trainArgs("dppo", out, 64L * 60), m -> TrainingRunTest.rows(m) > 12);
        assertThat(rows).hasSize(60);
    }
}
