package org.gorlj.algo.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@code learner=java}: the plain-Java PPO step has autograd's gradients of the tensor loss on the
 * same minibatch (every parameter, in the CleanRL setting and the paper's), finite differences of its
 * own loss, the tensor learner's update within float rounding, and is reproducible under a seed.
 * The rollouts put ratios and values on both sides of the clip ranges, so every branch of the loss
 * carries gradient.
 */
class JavaPpoStepTest {
    /** CleanRL's setting with an entropy bonus; the paper's (state-dependent std, squashed entropy, SiLU); ReLU. */
    private static final String[][] SETTINGS = {
        {"ent_coef=0.01"},
        {
            "ent_coef=0.01",
            "state_dependent_std=true",
            "entropy_mode=squashed",
            "activation=silu",
            "init=lecun_uniform",
            "clip_vloss=false",
            "mask_truncated_value_loss=true",
            "actor_hidden=32,32,32",
            "critic_hidden=20,20"
        },
        {"activation=relu", "ent_coef=0.05", "mask_truncated_value_loss=true"}
    };

    /** The Java step against autograd: losses within 1e-5, KL and extra loss within 1e-6, gradients within 1e-4 of the largest. */
    private static final JavaStepChecks.Tolerance TOLERANCE = new JavaStepChecks.Tolerance(1e-5, 1e-6, 1e-4, 1e-7);

    private static String[] with(String[] settings, String... more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + more.length);
        System.arraycopy(more, 0, all, settings.length, more.length);
        return all;
    }

    /** A rollout whose ratios (stored log-probabilities moved by up to +-0.3) straddle the clip range. */
    private static Rollout rollout(PpoLearner l, long seed) {
        Rollout r = PpoLossTest.rollout(l, seed);
        Rng rng = new Rng(seed + 1);
        for (int i = 0; i < r.size(); i++) {
            r.logProb[i] += (float) rng.uniform(-0.3, 0.3);
            r.truncated[i] = i % 5 == 0;
        }
        return r;
    }

    @Test
    void gradientsAreAutogradsOfTheTensorLoss() {
        for (String[] settings : SETTINGS) {
            assertAutogradsGradients(settings, null);
        }
    }

    /**
     * With a regulariser on the policy's distribution (both the means and the standard deviations,
     * whether a free vector or the network's), its gradient flows through the Java step like autograd's.
     */
    @Test
    void aRegularisersGradientIsAutogradsToo() {
        for (String[] settings : SETTINGS) {
            assertAutogradsGradients(settings, new MeanTimesStd(0.4));
        }
    }

    /** A test regulariser: w mean(mu^2 sigma), which couples both arguments. */
    private record MeanTimesStd(double w) implements PolicyRegulariser {
        @Override
        public boolean active() {
            return true;
        }

        @Override
        public NDArray loss(org.gorlj.policy.GaussianPolicy.Dist d) {
            return d.mean().square().mul(d.std()).mean().mul((float) w);
        }

        @Override
        public double addGradient(
                float[] mean, int meanStride, float[] std, int size, int dim, double[] dMean, double[] dStd) {
            double sum = 0;
            double n = (double) size * dim;
            for (int b = 0; b < size; b++) {
                for (int j = 0; j < dim; j++) {
                    double mu = mean[b * meanStride + j];
                    double sigma = std[b * dim + j];
                    sum += mu * mu * sigma;
                    dMean[b * dim + j] += w * 2 * mu * sigma / n;
                    dStd[b * dim + j] += w * mu * mu / n;
                }
            }
            return w * sum / n;
        }
    }

    private static void assertAutogradsGradients(String[] settings, PolicyRegulariser regulariser) {
        PpoConfig torchCfg = PpoLossTest.config(settings);
        PpoConfig javaCfg = PpoLossTest.config(with(settings, "learner=java"));
        try (PpoLearner torch = new PpoLearner(torchCfg, PpoLossTest.OBS, PpoLossTest.X, new Rng(1), regulariser);
                PpoLearner java = new PpoLearner(javaCfg, PpoLossTest.OBS, PpoLossTest.X, new Rng(1), regulariser)) {
            Rollout r = rollout(torch, 5);
            JavaStepChecks.assertAutogradsGradients(
                    torch,
                    java,
                    JavaStepChecks.Minibatch.of(torch, r),
                    regulariser != null,
                    TOLERANCE,
                    String.join(" ", settings));
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheJavaLoss() {
        for (String[] settings : SETTINGS) {
            PpoConfig cfg = PpoLossTest.config(with(settings, "learner=java"));
            try (PpoLearner l = PpoLossTest.learner(cfg)) {
                Rollout r = rollout(l, 7);
                JavaStepChecks.assertFiniteDifferences(
                        l, JavaStepChecks.Minibatch.of(l, r), String.join(" ", settings));
            }
        }
    }

    /** Two epochs of four minibatches: the same statistics and parameters as the tensor learner, up to float rounding. */
    @Test
    void anUpdateIsTheTensorLearnersUpToRounding() {
        for (String[] settings : SETTINGS) {
            String[] more = {"num_minibatches=4", "update_epochs=2", "norm_adv=true"};
            try (PpoLearner torch = PpoLossTest.learner(PpoLossTest.config(with(settings, more)));
                    PpoLearner java =
                            PpoLossTest.learner(PpoLossTest.config(with(with(settings, more), "learner=java")));
                    PpoLearner fresh = PpoLossTest.learner(PpoLossTest.config(settings))) {
                JavaStepChecks.assertUpdateIsTheTensorLearners(
                        torch,
                        java,
                        rollout(torch, 11),
                        List.of(
                                AbstractPpoLearner.POLICY_LOSS,
                                AbstractPpoLearner.VALUE_LOSS,
                                AbstractPpoLearner.ENTROPY,
                                AbstractPpoLearner.APPROX_KL,
                                AbstractPpoLearner.GRAD_NORM),
                        8,
                        fresh.actorStore().export(),
                        String.join(" ", settings));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBits() {
        PpoConfig cfg = PpoLossTest.config("num_minibatches=4", "update_epochs=3", "norm_adv=true", "learner=java");
        JavaStepChecks.assertTheSameSeedGivesTheSameBits(() -> {
            PpoLearner l = PpoLossTest.learner(cfg);
            return new JavaStepChecks.Run(l, rollout(l, 17));
        });
    }

    /** A learner restored from a checkpoint taken between two updates continues bit for bit (as a resumed run must). */
    @Test
    void aRestoredLearnerContinuesBitForBit() {
        PpoConfig cfg = PpoLossTest.config("num_minibatches=4", "update_epochs=2", "learner=java");
        try (PpoLearner straight = PpoLossTest.learner(cfg);
                PpoLearner first = PpoLossTest.learner(cfg);
                PpoLearner restored = new PpoLearner(cfg, PpoLossTest.OBS, PpoLossTest.X, new Rng(99), null)) {
            JavaStepChecks.assertARestoredLearnerContinuesBitForBit(
                    straight, first, restored, rollout(straight, 21), rollout(straight, 22));
        }
    }

    /** Every PPO-based algorithm takes it (none refuses it any more). */
    @Test
    void everyPpoBasedAlgorithmTakesIt() {
        for (String algo : List.of("ppo", "gorl-fm", "gorl-diffusion", "fpo", "dppo")) {
            assertThat(RunConfig.resolve("classic/pendulum", algo, "auto", List.of("learner=java"))
                            .config()
                            .getChoice("learner"))
                    .as(algo)
                    .isEqualTo("java");
        }
    }
}
