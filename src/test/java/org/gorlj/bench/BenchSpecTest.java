package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec expands to one validated run per task x method x seed, with the right settings and directories. */
class BenchSpecTest {
    static Path write(Path dir, String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    @Test
    void expandsTasksMethodsAndSeedsIntoRuns(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, "two.json", """
                {"tasks": ["classic/pendulum", "classic/two-modes"],
                 "algorithms": ["ppo", {"name": "ppo-cleanrl", "algo": "ppo", "preset": "cleanrl", "set": ["clip_coef=0.1"]}],
                 "seeds": [7, 3], "steps": 4096, "set": ["num_envs=2", "num_steps=32"],
                 "out": "%s"}
                """.formatted(tmp.resolve("runs")));
        BenchSpec spec = BenchSpec.read(f);
        assertThat(spec.name()).isEqualTo("two");
        assertThat(spec.results()).isEqualTo(spec.out());
        List<BenchSpec.Run> runs = spec.runs();
        assertThat(runs).hasSize(2 * 2 * 2);
        assertThat(runs)
                .extracting(BenchSpec.Run::label)
                .containsExactly(
                        "classic/pendulum ppo seed 7", "classic/pendulum ppo-cleanrl seed 7",
                        "classic/two-modes ppo seed 7", "classic/two-modes ppo-cleanrl seed 7",
                        "classic/pendulum ppo seed 3", "classic/pendulum ppo-cleanrl seed 3",
                        "classic/two-modes ppo seed 3", "classic/two-modes ppo-cleanrl seed 3");
        assertThat(runs).extracting(BenchSpec.Run::dir).doesNotHaveDuplicates();
        BenchSpec.Run r = runs.get(5);
        assertThat(r.dir()).isEqualTo(tmp.resolve("runs/classic-pendulum/ppo-cleanrl/seed-3"));
        assertThat(r.config().preset()).isEqualTo("cleanrl");
        assertThat(r.config().config().getLong("total_steps")).isEqualTo(4096);
        assertThat(r.config().config().getLong("seed")).isEqualTo(3);
        assertThat(r.config().config().getDouble("clip_coef")).isEqualTo(0.1);
        assertThat(r.config().config().getInt("num_envs")).isEqualTo(2);
        BenchSpec.Run plain = runs.get(4);
        assertThat(plain.config().preset()).isEqualTo("auto");
        // the final evaluation gets the bench's minimum; the evaluations during training keep the default of 10
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.config().config().getInt("final_eval_episodes"))
                    .isEqualTo(BenchSpec.MIN_FINAL_EVAL_EPISODES);
            assertThat(run.config().config().getInt("eval_episodes")).isEqualTo(10);
        });
        assertThat(spec.pairs()).containsExactly(new BenchSpec.Pair("ppo-cleanrl", "ppo"));
        assertThat(plain.config().config().getDouble("clip_coef")).isEqualTo(0.2);
        assertThat(plain.config().config().getInt("num_steps")).isEqualTo(32);
    }

    @Test
    void aSeedCountMeansSeedsOneToN(@TempDir Path tmp) throws Exception {
        BenchSpec spec = BenchSpec.read(write(tmp, "n.json", """
                {"name": "pend", "tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 3, "steps": 1000,
                 "results": "%s", "parallel": 2}
                """.formatted(tmp.resolve("res"))));
        assertThat(spec.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(spec.out()).isEqualTo(Path.of("runs/bench/pend"));
        assertThat(spec.results()).isEqualTo(tmp.resolve("res"));
        assertThat(spec.parallel()).isEqualTo(2);
    }

    @Test
    void finalEvaluationsKeepMoreEpisodesThanTheMinimum(@TempDir Path tmp) throws Exception {
        BenchSpec spec = BenchSpec.read(write(tmp, "e.json", """
                {"tasks": ["dmc/hopper-stand"], "algorithms": ["ppo", {"name": "more", "algo": "ppo", "set": ["eval_episodes=80"]}],
                 "preset": "paper", "seeds": 1, "steps": 1000, "out": "%s"}
                """.formatted(tmp.resolve("runs"))));
        assertThat(spec.runs())
                .extracting(r -> r.config().config().getInt("eval_episodes"))
                .containsExactly(128, 80);
        assertThat(spec.runs())
                .extracting(r -> r.config().config().getInt("final_eval_episodes"))
                .containsExactly(0, 0);
    }

    @Test
    void pairsNameMethodsOfTheSpec(@TempDir Path tmp) throws Exception {
        BenchSpec spec = BenchSpec.read(write(tmp, "p.json", """
                {"tasks": ["classic/two-modes"], "algorithms": ["fpo", "dppo", "ppo"], "pairs": [["fpo", "ppo"], ["dppo", "ppo"]],
                 "seeds": 1, "steps": 1000, "out": "%s"}
                """.formatted(tmp.resolve("runs"))));
        assertThat(spec.pairs()).containsExactly(new BenchSpec.Pair("fpo", "ppo"), new BenchSpec.Pair("dppo", "ppo"));
        assertThat(spec.pairs().getFirst().label()).isEqualTo("fpo − ppo");
        BenchSpec none = BenchSpec.read(write(tmp, "n.json", """
                {"tasks": ["classic/two-modes"], "algorithms": ["fpo", "ppo"], "pairs": [], "seeds": 1, "steps": 1000,
                 "out": "%s"}
                """.formatted(tmp.resolve("runs"))));
        assertThat(none.pairs()).isEmpty();
        BenchSpec defaults = BenchSpec.read(write(tmp, "d.json", """
                {"tasks": ["classic/two-modes"], "algorithms": ["ppo", "fpo", "dppo"], "seeds": 1, "steps": 1000, "out": "%s"}
                """.formatted(tmp.resolve("runs"))));
        assertThat(defaults.pairs())
                .containsExactly(new BenchSpec.Pair("fpo", "ppo"), new BenchSpec.Pair("dppo", "ppo"));
    }

    @Test
    void theCommittedPendulumSpecIsValid() {
        BenchSpec spec = BenchSpec.read(Path.of("bench/specs/pendulum-ppo.json"));
        assertThat(spec.tasks()).containsExactly("classic/pendulum");
        assertThat(spec.methods()).extracting(BenchSpec.Method::algo).containsExactly("ppo");
        assertThat(spec.methods().getFirst().preset()).isEqualTo("auto");
        assertThat(spec.seeds()).hasSize(3);
        assertThat(spec.steps()).isEqualTo(300_000);
    }
}
