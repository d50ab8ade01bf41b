package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code final_eval_episodes}: the run's last evaluation has that many episodes, the others {@code eval_episodes}. */
class FinalEvaluationTest {
    @Test
    void theLastEvaluationHasTheFinalCountTheOthersTheUsualOne(@TempDir Path tmp) throws Exception {
        List<String> o = new ArrayList<>(TrainingRunTest.SMALL);
        o.addAll(List.of("eval_every=320", "eval_episodes=2", "final_eval_episodes=5", "total_steps=640", "seed=4"));
        RunConfig run = RunConfig.resolve("classic/pendulum", "ppo", "auto", o);
        Path dir = tmp.resolve("run");
        Trainer.create(dir, run, null).train();
        List<Map<String, String>> rows = MetricsLog.read(new RunDirectory(dir).metrics());
        double last = Double.parseDouble(rows.getLast().get("eval_return")); // step 640: the last
        // the trainer seeds evaluation k (from 1) with seed + 1_000_000_007 k; redo both on the saved policies
        Evaluation.LoadedPolicy p = Evaluation.load(dir, "latest");
        long seed2 = 4 + 1_000_000_007L * 2;
        assertThat(Evaluator.evaluate(p.task(), p.actor(), 5, seed2, true, 1).mean())
                .isEqualTo(last);
        assertThat(Evaluator.evaluate(p.task(), p.actor(), 2, seed2, true, 1).mean())
                .isNotEqualTo(last);
        assertThat(rows.get(4).get("eval_return")).isNotEmpty(); // step 320: the first evaluation
    }

    @Test
    void zeroMeansTheUsualCount() {
        RunConfig run = RunConfig.resolve("classic/pendulum", "ppo", "auto", List.of("eval_episodes=7"));
        assertThat(run.config().getInt("final_eval_episodes")).isZero();
        assertThat(org.gorlj.run.RunKnobs.finalEvalEpisodes(run.config())).isEqualTo(7);
    }
}
