package org.gorlj.algo.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.Means;
import org.gorlj.config.Config;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class SacLearnerTest {
    static final int OBS = 3;
    static final int X = 2;

    static SacConfig config(Map<String, Object> overrides) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actor_hidden", List.of(16, 16));
        m.put("critic_hidden", List.of(16, 16));
        m.put("batch_size", 32);
        m.putAll(overrides);
        return SacConfig.from(Config.defaults(SacConfig.KNOBS).with(m));
    }

    static ReplayBuffer.Batch randomBatch(int n, Rng rng, float notTerminated) {
        ReplayBuffer.Batch b = new ReplayBuffer.Batch(n, OBS, X);
        rng.fillGaussian(b.obs());
        rng.fillGaussian(b.nextObs());
        for (int i = 0; i < b.x().length; i++) {
            b.x()[i] = (float) rng.uniform(-1, 1);
        }
        rng.fillGaussian(b.rewards());
        Arrays.fill(b.notTerminated(), notTerminated);
        return b;
    }

    @Test
    void targetCriticsMoveExactlyTauTowardTheUpdatedCritics() {
        double tau = 0.05;
        try (SacLearner l = new SacLearner(config(Map.of("tau", tau)), OBS, X, new Rng(1))) {
            Rng rng = new Rng(2);
            l.update(randomBatch(32, rng, 1f), rng); // targets and critics now differ
            Map<String, float[]> before = l.targetStore().export();
            l.update(randomBatch(32, rng, 1f), rng);
            Map<String, float[]> online = l.criticStore().export();
            Map<String, float[]> after = l.targetStore().export();
            double moved = 0;
            for (String name : before.keySet()) {
                float[] t0 = before.get(name), o = online.get(name), t1 = after.get(name);
                for (int i = 0; i < t0.length; i++) {
                    double expected = (1 - tau) * t0[i] + tau * o[i];
                    assertThat((double) t1[i])
                            .as("%s[%d]", name, i)
                            .isCloseTo(expected, within(1e-6 + 1e-6 * Math.abs(expected)));
                    moved = Math.max(moved, Math.abs(t1[i] - t0[i]));
                }
            }
            assertThat(moved).isPositive();
        }
    }

    /**
     * The actor's loss passes through the critics but trains only the actor: after a step no
     * gradient is left on any critic parameter (it would leak into the next critic step), and the
     * actor has moved.
     */
    @Test
    void theActorLossLeavesNoGradientOnTheCritics() {
        try (SacLearner l = new SacLearner(config(Map.of()), OBS, X, new Rng(1))) {
            Rng rng = new Rng(3);
            Map<String, float[]> actorBefore = l.actorStore().export();
            l.update(randomBatch(32, rng, 1f), rng);
            for (var p : l.criticStore().parameters()) {
                float[] g = p.getGradient().toFloatArray();
                assertThat(g).as("gradient of %s", p.getName()).containsOnly(0f);
            }
            Map<String, float[]> actorAfter = l.actorStore().export();
            assertThat(actorBefore.keySet().stream()
                            .anyMatch(k -> !Arrays.equals(actorBefore.get(k), actorAfter.get(k))))
                    .as("the actor moved")
                    .isTrue();
        }
    }

    @Test
    void temperatureRisesWhenEntropyIsBelowTargetAndFallsWhenAbove() {
        try (SacLearner l = new SacLearner(config(Map.of()), OBS, X, new Rng(1))) {
            assertThat(l.targetEntropy()).isEqualTo(-2.0);
            float[] lowEntropy = new float[64];
            Arrays.fill(lowEntropy, 5f); // entropy estimate -5 < -2
            double a0 = l.entCoef();
            l.updateTemperature(lowEntropy);
            double a1 = l.entCoef();
            assertThat(a1).isGreaterThan(a0);
            float[] highEntropy = new float[64];
            Arrays.fill(highEntropy, -4f); // entropy estimate 4 > -2
            l.updateTemperature(highEntropy);
            l.updateTemperature(highEntropy);
            assertThat(l.entCoef()).isLessThan(a1);
        }
    }

    /** All-equal states: Q is one number c with c = r on termination and c = r + gamma c otherwise. */
    @Test
    void criticsBootstrapOnlyFromNonTerminatedTransitions() {
        Map<String, Object> o =
                Map.of("gamma", 0.5, "tau", 1.0, "learning_rate", 1e-2, "ent_coef_auto", false, "init_ent_coef", 1e-8);
        for (float notTerminated : new float[] {0f, 1f}) {
            try (SacLearner l = new SacLearner(config(o), OBS, X, new Rng(1))) {
                Rng rng = new Rng(5);
                ReplayBuffer.Batch b = randomBatch(8, rng, notTerminated);
                Arrays.fill(b.obs(), 0f);
                Arrays.fill(b.nextObs(), 0f);
                Arrays.fill(b.rewards(), 1f);
                Means s = null;
                for (int i = 0; i < 300; i++) {
                    s = l.update(b, rng);
                }
                double expected = notTerminated == 0 ? 1.0 : 1.0 / (1 - 0.5);
                assertThat(s.mean("q_mean"))
                        .as("not terminated = %s", notTerminated)
                        .isCloseTo(expected, within(0.25)); // 1 and 2 are the two answers a flag mix-up would swap
            }
        }
    }
}
