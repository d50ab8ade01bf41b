package org.gorlj.algo.sac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.gorlj.config.Config;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.junit.jupiter.api.Test;

class SacAlgorithmTest {
    /**
     * Observation (episode number, step in episode). Odd episodes terminate after 3 steps; even ones run
     * into the time limit of 5 steps (truncation). Reward = step reached.
     */
    static final class Counter implements Env {
        private int episode = -1;
        private int t;

        @Override
        public BoxSpace observationSpace() {
            return BoxSpace.unbounded(2);
        }

        @Override
        public BoxSpace actionSpace() {
            return BoxSpace.uniform(1, -1, 1);
        }

        @Override
        public void reset(long seed, double[] observation) {
            reset(observation);
        }

        @Override
        public void reset(double[] observation) {
            episode++;
            t = 0;
            observation[0] = episode;
            observation[1] = t;
        }

        @Override
        public void step(double[] action, StepResult result) {
            t++;
            result.observation[0] = episode;
            result.observation[1] = t;
            result.reward = t;
            result.terminated = episode % 2 == 1 && t == 3;
            result.truncated = false;
        }

        @Override
        public void saveState(DataOutput out) throws IOException {
            out.writeInt(episode);
            out.writeInt(t);
        }

        @Override
        public void loadState(DataInput in) throws IOException {
            episode = in.readInt();
            t = in.readInt();
        }
    }

    @Test
    void storesFinalObservationsAndBootstrapsOnTruncationNotTermination() {
        Task task = new Task("test/counter", "counter", 5, Counter::new);
        Config c = Config.defaults(SacAlgorithm.KNOBS)
                .with(Map.of(
                        "learning_starts",
                        1_000L,
                        "iteration_steps",
                        16,
                        "buffer_size",
                        100,
                        "total_steps",
                        16L,
                        "actor_hidden",
                        java.util.List.of(4),
                        "critic_hidden",
                        java.util.List.of(4)));
        try (SacAlgorithm sac = new SacAlgorithm(c, task, null)) {
            sac.iterate();
            ReplayBuffer buffer = sac.replayBuffer();
            assertThat(buffer.size()).isEqualTo(16);
            ReplayBuffer.Batch row = new ReplayBuffer.Batch(1, 2, 1);
            int terminations = 0, truncations = 0;
            for (int k = 0; k < 16; k++) {
                buffer.copyRow(k, row, 0);
                int episode = (int) row.obs()[0];
                int t = (int) row.obs()[1];
                // the next observation is the one the step led to, also at the end of an episode (not the reset one)
                assertThat(row.nextObs()).containsExactly(episode, t + 1);
                assertThat(row.rewards()[0]).isEqualTo(t + 1f);
                boolean terminal = episode % 2 == 1 && t + 1 == 3;
                boolean timeLimit = episode % 2 == 0 && t + 1 == 5;
                assertThat(row.notTerminated()[0]).as("transition %d", k).isEqualTo(terminal ? 0f : 1f);
                terminations += terminal ? 1 : 0;
                truncations += timeLimit ? 1 : 0;
            }
            assertThat(terminations).isEqualTo(2);
            assertThat(truncations).isEqualTo(2);
            assertThat(row.x()[0]).isBetween(-1f, 1f);
        }
    }

    @Test
    void reinitialisingTheLearnerKeepsTheCriticsOnlyWhenAsked() {
        Task task = new Task("test/counter", "counter", 5, Counter::new);
        Config c = Config.defaults(SacAlgorithm.KNOBS)
                .with(Map.of(
                        "actor_hidden",
                        java.util.List.of(4),
                        "critic_hidden",
                        java.util.List.of(4),
                        "buffer_size",
                        10));
        try (SacAlgorithm sac = new SacAlgorithm(c, task, null)) {
            Map<String, float[]> actor = exportActor(sac);
            Map<String, float[]> critic = sac.learner().criticStore().export();
            Map<String, float[]> target = sac.learner().targetStore().export();
            sac.reinitialiseLearner(true);
            assertThat(sac.learner().criticStore().export())
                    .usingRecursiveComparison()
                    .isEqualTo(critic);
            assertThat(sac.learner().targetStore().export())
                    .usingRecursiveComparison()
                    .isEqualTo(target);
            assertThat(exportActor(sac)).usingRecursiveComparison().isNotEqualTo(actor);
            sac.reinitialiseLearner(false);
            assertThat(sac.learner().criticStore().export())
                    .usingRecursiveComparison()
                    .isNotEqualTo(critic);
        }
    }

    private static Map<String, float[]> exportActor(SacAlgorithm sac) {
        Map<String, float[]> all = new java.util.LinkedHashMap<>();
        sac.learner().exportTo(all);
        all.keySet().removeIf(k -> !k.startsWith("actor."));
        return all;
    }
}
