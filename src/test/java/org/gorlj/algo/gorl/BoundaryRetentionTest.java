package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.gorlj.algo.Actor;
import org.gorlj.config.Config;
import org.gorlj.env.RandomReturns;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.generative.Decoder;
import org.gorlj.train.Algorithms;
import org.gorlj.train.Evaluator;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** The policy evaluated right before and right after each refit, on the same seeds, and nothing else changed by it. */
class BoundaryRetentionTest {
    static final Task TASK = TaskRegistry.get("classic/pendulum");
    static final int OBS_DIM = 3;
    static final int ACTION_DIM = 1;

    /** One evaluation: its arguments, its mean return, and every observation and action it went through. */
    record Call(Actor actor, int episodes, long seed, double meanReturn, double[] obs, double[] actions) {}

    static Config config(String algo, String... extra) {
        List<String> o = new ArrayList<>(algo.equals("gorl-sac") ? LatentLearnersTest.SAC : LatentLearnersTest.PPO);
        o.addAll(LatentLearnersTest.STAGES);
        o.addAll(List.of(extra));
        return RunConfig.resolve(TASK.name(), algo, "auto", o).config();
    }

    /**
     * GoRL-PPO or GoRL-SAC with the trainer's evaluator, every call recorded; the random policy's return
     * is the measured one minus 2,000.
     */
    static GorlAlgorithm create(String algo, List<Call> calls, String... extra) {
        Config c = config(algo, extra);
        GorlAlgorithm.PolicyEvaluator real = (actor, episodes, seed) -> {
            DoubleStream.Builder obs = DoubleStream.builder();
            DoubleStream.Builder actions = DoubleStream.builder();
            Actor spy = (o, rows, deterministic, rng, a) -> {
                actor.act(o, rows, deterministic, rng, a);
                Arrays.stream(o, 0, rows * OBS_DIM).forEach(obs);
                Arrays.stream(a, 0, rows * ACTION_DIM).forEach(actions);
            };
            double r = Evaluator.evaluate(TASK, spy, episodes, seed, true, 1).mean();
            if (seed == GorlAlgorithm.RANDOM_POLICY_SEED) {
                // a few updates do not lift pendulum's policy 10 % above the random one: a lower random
                // return lets the boundary have a retention to compare
                r -= 2000;
            }
            calls.add(new Call(
                    actor,
                    episodes,
                    seed,
                    r,
                    obs.build().toArray(),
                    actions.build().toArray()));
            return r;
        };
        return algo.equals("gorl-sac")
                ? GorlAlgorithm.create(c, TASK, SacLatentLearner::new, Decoder.Kind.FLOW, real)
                : GorlAlgorithm.create(c, TASK, PpoLatentLearner::new, Decoder.Kind.FLOW, real);
    }

    @Test
    void retentionComparesTheCollectingPolicyWithTheNewComposedPolicyOnTheSameSeeds() {
        for (String algo : List.of("gorl-fm", "gorl-sac")) {
            List<Call> calls = new ArrayList<>();
            try (GorlAlgorithm g = create(algo, calls, "boundary_eval_episodes=3")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < 7; i++) { // rl, rl, collect, collect, 3 decoder epochs: the first boundary
                    rows.add(g.iterate());
                }
                assertThat(g.stage()).isEqualTo(1);
                for (int i = 0; i < 6; i++) {
                    assertThat(rows.get(i))
                            .as("%s row %d", algo, i)
                            .doesNotContainKeys(
                                    "boundary_return_before",
                                    "boundary_return_after",
                                    "boundary_retention",
                                    "boundary_action_gap");
                }
                // before, after, then the random policy (pendulum has no recorded random return)
                assertThat(calls).hasSize(3);
                Call before = calls.get(0);
                Call after = calls.get(1);
                Call random = calls.get(2);
                assertThat(after.seed()).as(algo).isEqualTo(before.seed());
                assertThat(before.episodes()).isEqualTo(3);
                assertThat(random.seed()).isEqualTo(GorlAlgorithm.RANDOM_POLICY_SEED);
                // the after-policy is the one the new stage starts with
                double afterNow = Evaluator.evaluate(TASK, g.actor(), 3, after.seed(), true, 1)
                        .mean();
                assertThat(after.meanReturn()).as(algo).isEqualTo(afterNow);
                assertThat(before.meanReturn())
                        .as("%s: a different policy before the refit", algo)
                        .isNotEqualTo(afterNow);
                Map<String, Object> boundary = rows.get(6);
                assertThat(boundary.get("phase")).isEqualTo("decoder");
                assertThat(boundary.get("boundary_return_before")).isEqualTo(before.meanReturn());
                assertThat(boundary.get("boundary_return_after")).isEqualTo(after.meanReturn());
                assertThat((Double) boundary.get("boundary_retention"))
                        .as(algo)
                        .isCloseTo(
                                (after.meanReturn() - random.meanReturn())
                                        / (before.meanReturn() - random.meanReturn()),
                                within(1e-12));
                // the action gap: the new policy's deterministic actions against the old one's, on the states
                // the "before" evaluation went through
                double[] now = new double[before.actions().length];
                g.actor().act(before.obs(), before.obs().length / OBS_DIM, true, new Rng(5), now);
                double gap = 0;
                for (int i = 0; i < now.length; i++) {
                    gap += Math.abs(now[i] - before.actions()[i]) / now.length;
                }
                assertThat(gap).as(algo).isGreaterThan(1e-3);
                assertThat((Double) boundary.get("boundary_action_gap"))
                        .as(algo)
                        .isCloseTo(gap, within(1e-5));

                // the second boundary: new seeds, the random return is not measured again
                for (int i = 0; i < 8; i++) {
                    g.iterate();
                }
                assertThat(g.stage()).isEqualTo(2);
                assertThat(calls).hasSize(5);
                assertThat(calls.get(3).seed()).isEqualTo(calls.get(4).seed()).isNotEqualTo(before.seed());
            }
        }
    }

    @Test
    void theBoundaryEvaluationChangesNoOtherColumn() {
        for (String algo : List.of("gorl-fm", "gorl-sac")) {
            List<Call> calls = new ArrayList<>();
            try (GorlAlgorithm off =
                            (GorlAlgorithm) Algorithms.create(algo, config(algo, "boundary_eval_episodes=0"), TASK);
                    GorlAlgorithm on = create(algo, calls, "boundary_eval_episodes=2")) {
                for (int i = 0; i < 17; i++) {
                    Map<String, Object> a = off.iterate();
                    Map<String, Object> b = on.iterate();
                    b.keySet()
                            .removeAll(List.of(
                                    "boundary_return_before",
                                    "boundary_return_after",
                                    "boundary_retention",
                                    "boundary_action_gap"));
                    assertThat(b).as("%s row %d", algo, i).isEqualTo(a);
                }
                assertThat(calls).hasSize(5);
            }
        }
    }

    @Test
    void retentionIsNormalisedByTheRandomReturn() {
        assertThat(GorlAlgorithm.retention(100, 100, 10)).isEqualTo(1.0);
        assertThat(GorlAlgorithm.retention(100, 10, 10)).isEqualTo(0.0);
        assertThat(GorlAlgorithm.retention(-200, -600, -1000)).isEqualTo(0.5);
        // a stage that ends at or below the random level has no retention (0.053 vs 0.060 would read 1.16)
        assertThat(GorlAlgorithm.retention(0.060, 0.053, 0.105)).isNaN();
        assertThat(GorlAlgorithm.retention(10, 20, 10)).isNaN();
        // just above the random level (finger-turn-hard's 100.2): evaluation noise, no retention
        assertThat(GorlAlgorithm.retention(102.0, 0.6, 100.2)).isNaN();
        assertThat(GorlAlgorithm.retention(111.3, 0.6, 100.2)).isNaN();
        assertThat(GorlAlgorithm.retention(111.4, 100.2, 100.2)).isEqualTo(0.0);
        assertThat(GorlAlgorithm.retention(5.0, 2.8, 0.6)).isCloseTo(0.5, within(1e-12));
        assertThat(RandomReturns.of("dmc/cheetah-run")).hasValue(3.6);
        assertThat(RandomReturns.of("classic/pendulum")).isEmpty();
    }
}
