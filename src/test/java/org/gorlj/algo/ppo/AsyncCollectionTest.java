package org.gorlj.algo.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Mlp;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.policy.Gaussian;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.run.CheckpointData;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code async_collection}: the rollout collected during an update carries the log-probabilities
 * and values of the weights before that update (the behaviour policy), the learner's ratio to it
 * is not 1, and nothing is collected beyond the run's budget.
 */
class AsyncCollectionTest {
    static final int BATCH = 2 * 32;

    static PpoAlgorithm ppo(boolean async, long totalSteps) {
        return (PpoAlgorithm) algorithm("ppo", async, totalSteps);
    }

    static AbstractPpoAlgorithm<?> algorithm(String algo, boolean async, long totalSteps) {
        List<String> o = new ArrayList<>(List.of(
                "num_envs=2",
                "num_steps=32",
                "num_minibatches=2",
                "update_epochs=2",
                "seed=5",
                "total_steps=" + totalSteps,
                "async_collection=" + async));
        return (AbstractPpoAlgorithm<?>) Algorithms.create(
                algo,
                RunConfig.resolve("classic/pendulum", algo, "auto", o).config(),
                TaskRegistry.get("classic/pendulum"));
    }

    @Test
    void theRolloutCollectedDuringAnUpdateIsThePolicysBeforeIt() {
        try (PpoAlgorithm ppo = ppo(true, 10 * BATCH)) {
            ppo.iterate(); // learns from a first rollout, collects the second meanwhile
            GaussianPolicy.Snapshot behaviour = ppo.learner().policy().snapshot();
            Mlp.Snapshot behaviourCritic = ppo.learner().critic().snapshot();
            ppo.iterate(); // learns from the second (collected by the first update's result), collects the third
            assertThat(ppo.globalStep()).isEqualTo(2 * BATCH);
            Rollout r = ppo.rolloutAhead();
            assertThat(r).isNotNull();

            int n = r.size();
            int d = r.xDim;
            float[] mean = new float[n * d];
            float[] std = new float[n * d];
            behaviour.meanStd(r.obs, n, mean, std);
            float[] values = new float[n];
            behaviourCritic.forward(r.obs, n, values);
            for (int i = 0; i < n; i++) {
                double lp = 0;
                for (int j = 0; j < d; j++) {
                    int k = i * d + j;
                    double z = (r.x[k] - mean[k]) / (double) std[k];
                    lp += -0.5 * z * z - StrictMath.log(std[k]) - Gaussian.HALF_LOG_2PI;
                }
                assertThat(r.logProb[i]).as("log-probability %d", i).isEqualTo((float) lp);
            }
            assertThat(r.values).isEqualTo(values);

            // the learner has moved on by one update: its ratio to the stored probabilities is not 1
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            double largest = 0;
            for (float[] ratio : ppo.learner().ratios(r, all)) {
                largest = Math.max(largest, Math.abs(ratio[0] - 1));
            }
            assertThat(largest).isGreaterThan(1e-3);
        }
    }

    @Test
    void nothingIsCollectedAheadBeyondTheBudget() {
        try (PpoAlgorithm ppo = ppo(true, 3 * BATCH)) {
            ppo.iterate();
            ppo.iterate();
            assertThat(ppo.hasRolloutAhead()).isTrue();
            ppo.iterate();
            assertThat(ppo.globalStep()).isEqualTo(3 * BATCH);
            assertThat(ppo.hasRolloutAhead()).isFalse();
        }
    }

    @Test
    void theSynchronousLoopCollectsNothingAhead() {
        try (PpoAlgorithm ppo = ppo(false, 3 * BATCH)) {
            ppo.iterate();
            assertThat(ppo.hasRolloutAhead()).isFalse();
            assertThat(ppo.globalStep()).isEqualTo(BATCH);
        }
    }

    /**
     * A checkpoint written with a rollout collected ahead (its samples, log-probabilities, values and
     * the policy's own records: FPO's noise pairs and old losses, DPPO's chains) restores it: the
     * restored algorithm learns from it exactly what the original does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ppo", "fpo", "dppo"})
    void aCheckpointCarriesTheRolloutCollectedAhead(String algo) {
        CheckpointData ck = new CheckpointData();
        Map<String, Object> original;
        try (AbstractPpoAlgorithm<?> a = algorithm(algo, true, 10 * BATCH)) {
            a.iterate();
            a.iterate();
            a.save(ck);
            assertThat(ck.meta()).containsKey(AbstractPpoAlgorithm.ROLLOUT_AHEAD_KEY);
            original = a.iterate();
        }
        try (AbstractPpoAlgorithm<?> b = algorithm(algo, true, 10 * BATCH)) {
            b.load(ck);
            assertThat(b.hasRolloutAhead()).isTrue();
            assertThat(b.iterate()).isEqualTo(original);
        }
    }
}
