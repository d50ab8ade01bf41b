package org.gorlj.algo.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.config.Config;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.policy.Gaussian;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * PPO's loss on hand-made rollouts: the statistics of an update of one epoch of one minibatch are
 * those of the loss before its only step, so they can be compared with a hand computation.
 */
class PpoLossTest {
    static final int OBS = 3;
    static final int X = 2;
    static final int N = 16;

    /** One epoch of one minibatch, raw advantages, constant step size, plus {@code settings}. */
    static PpoConfig config(String... settings) {
        Config c = Config.defaults(PpoConfig.KNOBS)
                .with(Map.of(
                        "num_envs",
                        1,
                        "num_steps",
                        N,
                        "num_minibatches",
                        1,
                        "update_epochs",
                        1,
                        "norm_adv",
                        false,
                        "anneal_lr",
                        false));
        for (String s : settings) {
            c = c.withAssignment(s);
        }
        return PpoConfig.from(c);
    }

    static PpoLearner learner(PpoConfig cfg) {
        return new PpoLearner(cfg, OBS, X, new Rng(1), null);
    }

    /**
     * A rollout of random observations, samples, advantages, returns and old values, whose stored
     * log-probabilities are the learner's own (computed as the update computes them, so the ratio
     * before the first step is exactly 1).
     */
    static Rollout rollout(PpoLearner l, long seed) {
        Rollout r = new Rollout(N, 1, OBS, X);
        Rng rng = new Rng(seed);
        rng.fillGaussian(r.obs);
        rng.fillGaussian(r.x);
        rng.fillGaussian(r.advantages);
        rng.fillGaussian(r.returns);
        float[] v = values(l, r);
        for (int i = 0; i < N; i++) {
            // old values on both sides of the clip range around the new ones: 0.05 .. 0.75 away
            r.values[i] = v[i] + (float) ((i % 2 == 0 ? 1 : -1) * (0.05 + 0.7 * rng.nextDouble()));
        }
        try (NDManager mb = l.actorStore().manager().newSubManager()) {
            GaussianPolicy.Dist d = l.policy().forward(Tensors.create(mb, r.obs, new Shape(N, OBS)));
            float[] logp = Gaussian.logProb(Tensors.create(mb, r.x, new Shape(N, X)), d.mean(), d.std())
                    .toFloatArray();
            System.arraycopy(logp, 0, r.logProb, 0, N);
        }
        return r;
    }

    /** The critic's values of the rollout's observations. */
    static float[] values(PpoLearner l, Rollout r) {
        try (NDManager mb = l.criticStore().manager().newSubManager()) {
            NDArray obs = Tensors.create(mb, r.obs, new Shape(r.size(), OBS));
            return l.critic().forward(obs).toFloatArray();
        }
    }

    static int[] all() {
        int[] idx = new int[N];
        for (int i = 0; i < N; i++) {
            idx[i] = i;
        }
        return idx;
    }

    @Test
    void theFirstMinibatchOfTheFirstEpochHasRatioOneAndNoKl() {
        try (PpoLearner l = learner(config())) {
            Rollout r = rollout(l, 3);
            for (float[] ratio : l.ratios(r, all())) {
                assertThat(ratio[0]).isEqualTo(1f);
            }
            AbstractPpoLearner.Stats s = l.update(r, 1e-3, new Rng(4));
            assertThat(s.mean(AbstractPpoLearner.APPROX_KL)).isEqualTo(0.0);
            assertThat(s.mean(AbstractPpoLearner.CLIP_FRACTION)).isEqualTo(0.0);
            // ratio 1: the clipped surrogate is -mean(A)
            double meanAdv = 0;
            for (float a : r.advantages) {
                meanAdv += a / (double) N;
            }
            assertThat(s.mean(AbstractPpoLearner.POLICY_LOSS)).isCloseTo(-meanAdv, within(1e-6));
            // the step moved the policy: the next ratios differ from 1
            double maxDeviation = 0;
            for (float[] ratio : l.ratios(r, all())) {
                maxDeviation = Math.max(maxDeviation, Math.abs(ratio[0] - 1));
            }
            assertThat(maxDeviation).isGreaterThan(1e-4);
        }
    }

    @Test
    void theClippedValueLossIsTheLargerOfTheTwoSquaredErrors() {
        double clip = 0.2;
        try (PpoLearner clipped = learner(config("clip_vloss=true", "clip_coef=" + clip));
                PpoLearner plain = learner(config("clip_vloss=false", "clip_coef=" + clip))) {
            Rollout r = rollout(clipped, 5);
            float[] v = values(clipped, r);
            double byHand = 0;
            double unclipped = 0;
            for (int i = 0; i < N; i++) {
                double oldV = r.values[i];
                double vClipped = oldV + Math.max(-clip, Math.min(clip, v[i] - oldV));
                double err = square(v[i] - r.returns[i]);
                byHand += 0.5 * Math.max(err, square(vClipped - r.returns[i])) / N;
                unclipped += 0.5 * err / N;
            }
            assertThat(byHand - unclipped)
                    .as("the clip matters for this rollout")
                    .isGreaterThan(0.05);
            assertThat(clipped.update(r, 1e-3, new Rng(6)).mean(AbstractPpoLearner.VALUE_LOSS))
                    .isCloseTo(byHand, within(1e-5 * byHand));
            // the same networks (same initialisation) without clipping: the plain mean squared error
            assertThat(plain.update(r, 1e-3, new Rng(6)).mean(AbstractPpoLearner.VALUE_LOSS))
                    .isCloseTo(unclipped, within(1e-5 * unclipped));
        }
    }

    @Test
    void truncatedStepsAreLeftOutOfTheValueLossWhenMasked() {
        try (PpoLearner masked = learner(config("clip_vloss=false", "mask_truncated_value_loss=true"));
                PpoLearner unmasked = learner(config("clip_vloss=false", "mask_truncated_value_loss=false"))) {
            Rollout r = rollout(masked, 7);
            List<Integer> truncated = List.of(1, 4, 5, 11);
            truncated.forEach(i -> r.truncated[i] = true);
            r.returns[4] = 50; // a truncated step with a huge error: included, it would dominate the loss
            float[] v = values(masked, r);
            double sum = 0;
            double all = 0;
            for (int i = 0; i < N; i++) {
                double err = square(v[i] - r.returns[i]);
                all += err;
                if (!truncated.contains(i)) {
                    sum += err;
                }
            }
            double byHand = 0.5 * sum / (N - truncated.size());
            assertThat(masked.update(r, 1e-3, new Rng(8)).mean(AbstractPpoLearner.VALUE_LOSS))
                    .isCloseTo(byHand, within(1e-5 * byHand));
            assertThat(unmasked.update(r, 1e-3, new Rng(8)).mean(AbstractPpoLearner.VALUE_LOSS))
                    .isCloseTo(0.5 * all / N, within(1e-5 * all));
        }
    }

    @Test
    void aMinibatchOfOnlyTruncatedStepsHasNoValueLoss() {
        try (PpoLearner l = learner(config("clip_vloss=false", "mask_truncated_value_loss=true"))) {
            Rollout r = rollout(l, 9);
            java.util.Arrays.fill(r.truncated, true);
            assertThat(l.update(r, 1e-3, new Rng(10)).mean(AbstractPpoLearner.VALUE_LOSS))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void theStepSizeDecaysLinearlyToZeroOverTheRunAsCleanRl() {
        PpoConfig annealed = config("anneal_lr=true", "learning_rate=3e-4");
        // CleanRL: lr * (1 - (iteration - 1) / num_iterations) at its 1-based iteration
        assertThat(annealed.learningRateAt(0, 10)).isEqualTo(3e-4);
        assertThat(annealed.learningRateAt(5, 10)).isCloseTo(1.5e-4, within(1e-18));
        assertThat(annealed.learningRateAt(9, 10)).isCloseTo(3e-5, within(1e-18));
        assertThat(annealed.learningRateAt(10, 10)).isEqualTo(0.0);
        PpoConfig constant = config("anneal_lr=false", "learning_rate=3e-4");
        assertThat(constant.learningRateAt(9, 10)).isEqualTo(3e-4);

        // the algorithm's metric rows follow it: 4 iterations of 16 steps
        List<String> o = List.of(
                "num_envs=1",
                "num_steps=16",
                "num_minibatches=1",
                "update_epochs=1",
                "anneal_lr=true",
                "learning_rate=1e-3",
                "total_steps=64");
        List<Double> rates = new ArrayList<>();
        try (Algorithm ppo = Algorithms.create(
                "ppo",
                RunConfig.resolve("classic/pendulum", "ppo", "auto", o).config(),
                TaskRegistry.get("classic/pendulum"))) {
            for (int i = 0; i < 4; i++) {
                rates.add((Double) ppo.iterate().get("learning_rate"));
            }
        }
        assertThat(rates).containsExactly(1e-3, 1e-3 * 0.75, 1e-3 * 0.5, 1e-3 * 0.25);
    }

    @Test
    void targetKlEndsTheUpdateAfterTheEpochThatExceedsIt() {
        String[] tenEpochs = {"update_epochs=10", "num_minibatches=4"};
        try (PpoLearner none = learner(config(tenEpochs));
                PpoLearner loose = learner(config(with(tenEpochs, "target_kl=1e6")));
                PpoLearner tiny = learner(config(with(tenEpochs, "target_kl=1e-12")))) {
            assertThat(none.update(rollout(none, 11), 1e-2, new Rng(12)).epochs())
                    .isEqualTo(10);
            assertThat(loose.update(rollout(loose, 11), 1e-2, new Rng(12)).epochs())
                    .isEqualTo(10);
            // the first epoch's later minibatches see a moved policy: KL > 0 ends the update after it
            AbstractPpoLearner.Stats s = tiny.update(rollout(tiny, 11), 1e-2, new Rng(12));
            assertThat(s.epochs()).isEqualTo(1);
            assertThat(s.mean(AbstractPpoLearner.APPROX_KL)).isPositive();
        }
    }

    static String[] with(String[] settings, String more) {
        String[] out = java.util.Arrays.copyOf(settings, settings.length + 1);
        out[settings.length] = more;
        return out;
    }

    static double square(double a) {
        return a * a;
    }
}
