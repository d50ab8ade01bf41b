package org.gorlj.algo.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.gorlj.config.ConfigException;
import org.gorlj.nn.AutogradGradients;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
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

    private record Minibatch(
            float[] obs, PpoLearner.Minibatch batch, float[] adv, float[] ret, float[] val, float[] mask) {
        static Minibatch of(PpoLearner l, PpoConfig cfg, Rollout r) {
            float[] mask = new float[r.size()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = cfg.maskTruncatedValueLoss() && r.truncated[i] ? 0f : 1f;
            }
            return new Minibatch(
                    r.obs,
                    l.prepareMinibatch(r, PpoLossTest.all(), 0, r.size(), new Rng(9)),
                    r.advantages,
                    r.returns,
                    r.values,
                    mask);
        }

        JavaPpoStep.Losses java(JavaPpoStep step) {
            return step.gradients(obs, batch.size(), batch, adv, ret, val, mask);
        }
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
            Minibatch mb = Minibatch.of(torch, torchCfg, r);
            AbstractPpoLearner.Losses expected;
            try (NDManager m = torch.actorStore().manager().newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray obs = Tensors.create(m, mb.obs(), new Shape(r.size(), PpoLossTest.OBS));
                    expected = torch.losses(m, obs, mb.batch(), mb.adv(), mb.ret(), mb.val(), mb.mask());
                    gc.backward(expected.loss());
                }
            }
            JavaPpoStep step = java.javaStep();
            step.pull();
            JavaPpoStep.Losses got = mb.java(step);
            String what = String.join(" ", settings);
            assertThat(expected.clipFraction())
                    .as("%s: some ratios clipped", what)
                    .isBetween(0.1f, 0.9f);
            assertThat(got.total()).as(what).isCloseTo(expected.total(), within(1e-5f));
            assertThat(got.policy()).as(what).isCloseTo(expected.policy(), within(1e-5f));
            assertThat(got.value()).as(what).isCloseTo(expected.value(), within(1e-5f));
            assertThat(got.entropy()).as(what).isCloseTo(expected.entropy(), within(1e-5f));
            assertThat(got.approxKl()).as(what).isCloseTo(expected.approxKl(), within(1e-6f));
            assertThat(got.clipFraction()).as(what).isEqualTo(expected.clipFraction());
            assertThat(got.hasExtra()).as(what).isEqualTo(regulariser != null);
            assertThat(got.extra()).as(what).isCloseTo(expected.extra(), within(1e-6f));
            float[] grads = step.gradients();
            for (int i = 0; i < step.names().size(); i++) {
                String name = step.names().get(i);
                ParamStore store = name.startsWith("critic") ? torch.criticStore() : torch.actorStore();
                AutogradGradients.assertMatch(store, name, grads, step.offset(i), 1e-4, 1e-7, what);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheJavaLoss() {
        for (String[] settings : SETTINGS) {
            PpoConfig cfg = PpoLossTest.config(with(settings, "learner=java"));
            try (PpoLearner l = PpoLossTest.learner(cfg)) {
                Rollout r = rollout(l, 7);
                Minibatch mb = Minibatch.of(l, cfg, r);
                JavaPpoStep step = l.javaStep();
                step.pull();
                mb.java(step);
                float[] params = step.parameters();
                float[] grads = step.gradients().clone();
                String what = String.join(" ", settings);
                // every parameter tensor's first value, then directional derivatives along random signs; a
                // difference that changes with the step has a kink (ReLU, a clip) inside it and is not compared
                int checked = 0;
                int total = 0;
                for (int i = 0; i < step.names().size(); i++) {
                    int k = step.offset(i);
                    total++;
                    double fd = centralDifference(step, mb, params, new int[] {k}, new float[] {1f}, 1e-3);
                    double tolerance = 1e-3 + 2e-2 * Math.abs(fd);
                    if (Math.abs(centralDifference(step, mb, params, new int[] {k}, new float[] {1f}, 2.5e-4) - fd)
                            > tolerance) {
                        continue;
                    }
                    checked++;
                    assertThat((double) grads[k])
                            .as("%s: %s[0]", what, step.names().get(i))
                            .isCloseTo(fd, within(tolerance));
                }
                Rng rng = new Rng(13);
                int[] all = new int[params.length];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                for (int d = 0; d < 4; d++) {
                    float[] u = new float[params.length];
                    double directional = 0;
                    for (int i = 0; i < u.length; i++) {
                        u[i] = rng.nextDouble() < 0.5 ? -1f : 1f;
                        directional += u[i] * grads[i];
                    }
                    total++;
                    double fd = centralDifference(step, mb, params, all, u, 1e-3);
                    double tolerance = 1e-3 + 2e-2 * Math.abs(fd);
                    if (Math.abs(centralDifference(step, mb, params, all, u, 2.5e-4) - fd) > tolerance) {
                        continue;
                    }
                    checked++;
                    assertThat(directional).as("%s: direction %d", what, d).isCloseTo(fd, within(tolerance));
                }
                assertThat(checked).as("%s: derivatives compared", what).isGreaterThanOrEqualTo(total - 2);
            }
        }
    }

    /** (L(p + h u) - L(p - h u)) / 2h along {@code u} on the coordinates {@code at}, h = size / sqrt(their count). */
    private static double centralDifference(
            JavaPpoStep step, Minibatch mb, float[] params, int[] at, float[] u, double size) {
        double h = size / Math.sqrt(at.length);
        float[] keep = params.clone();
        for (int i = 0; i < at.length; i++) {
            params[at[i]] = (float) (keep[at[i]] + h * u[i]);
        }
        double plus = mb.java(step).total();
        for (int i = 0; i < at.length; i++) {
            params[at[i]] = (float) (keep[at[i]] - h * u[i]);
        }
        double minus = mb.java(step).total();
        System.arraycopy(keep, 0, params, 0, params.length);
        return (plus - minus) / (2 * h);
    }

    /** Two epochs of four minibatches: the same statistics and parameters as the tensor learner, up to float rounding. */
    @Test
    void anUpdateIsTheTensorLearnersUpToRounding() {
        for (String[] settings : SETTINGS) {
            String[] more = {"num_minibatches=4", "update_epochs=2", "norm_adv=true"};
            try (PpoLearner torch = PpoLossTest.learner(PpoLossTest.config(with(settings, more)));
                    PpoLearner java =
                            PpoLossTest.learner(PpoLossTest.config(with(with(settings, more), "learner=java")))) {
                Rollout r = rollout(torch, 11);
                AbstractPpoLearner.Stats expected = torch.update(r, 1e-3, new Rng(4));
                AbstractPpoLearner.Stats got = java.update(r, 1e-3, new Rng(4));
                String what = String.join(" ", settings);
                for (String stat : new String[] {
                    AbstractPpoLearner.POLICY_LOSS,
                    AbstractPpoLearner.VALUE_LOSS,
                    AbstractPpoLearner.ENTROPY,
                    AbstractPpoLearner.APPROX_KL,
                    AbstractPpoLearner.GRAD_NORM
                }) {
                    assertThat(got.mean(stat))
                            .as("%s: %s", what, stat)
                            .isCloseTo(expected.mean(stat), within(1e-4 + 1e-3 * Math.abs(expected.mean(stat))));
                }
                assertThat(java.optimizer().steps())
                        .isEqualTo(torch.optimizer().steps())
                        .isEqualTo(8);
                Map<String, float[]> before;
                try (PpoLearner fresh = PpoLossTest.learner(PpoLossTest.config(settings))) {
                    before = fresh.actorStore().export();
                }
                assertClose(what, java.actorStore().export(), torch.actorStore().export(), before);
                assertClose(
                        what, java.criticStore().export(), torch.criticStore().export(), null);
                Map<String, float[]> javaOpt = java.optimizer().export();
                Map<String, float[]> torchOpt = torch.optimizer().export();
                for (String k : torchOpt.keySet()) {
                    float[] e = torchOpt.get(k);
                    float[] g = javaOpt.get(k);
                    for (int i = 0; i < e.length; i++) {
                        assertThat(g[i])
                                .as("%s: adam %s[%d]", what, k, i)
                                .isCloseTo(e[i], within(1e-6f + 1e-3f * Math.abs(e[i])));
                    }
                }
            }
        }
    }

    /** Each value within 1e-5; with {@code before}, also that the update moved the parameter. */
    private static void assertClose(
            String what, Map<String, float[]> got, Map<String, float[]> expected, Map<String, float[]> before) {
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        for (String k : expected.keySet()) {
            for (int i = 0; i < expected.get(k).length; i++) {
                assertThat(got.get(k)[i]).as("%s: %s[%d]", what, k, i).isCloseTo(expected.get(k)[i], within(1e-5f));
            }
            if (before != null) {
                assertThat(got.get(k)).as("%s: %s moved", what, k).isNotEqualTo(before.get(k));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBits() {
        String[] settings = {"num_minibatches=4", "update_epochs=3", "norm_adv=true", "learner=java"};
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (PpoLearner l = PpoLossTest.learner(PpoLossTest.config(settings))) {
                Rollout r = rollout(l, 17);
                AbstractPpoLearner.Stats s = l.update(r, 1e-3, new Rng(4));
                l.update(r, 1e-3, new Rng(5));
                float[] w = l.actorStore().export().get("actor.w1");
                results[run] = java.util.Arrays.copyOf(w, w.length + 1);
                results[run][w.length] = (float) s.mean(AbstractPpoLearner.GRAD_NORM);
            }
        }
        assertThat(results[1]).containsExactly(results[0]);
    }

    /** A learner restored from a checkpoint taken between two updates continues bit for bit (as a resumed run must). */
    @Test
    void aRestoredLearnerContinuesBitForBit() {
        PpoConfig cfg = PpoLossTest.config("num_minibatches=4", "update_epochs=2", "learner=java");
        try (PpoLearner straight = PpoLossTest.learner(cfg);
                PpoLearner first = PpoLossTest.learner(cfg);
                PpoLearner restored = new PpoLearner(cfg, PpoLossTest.OBS, PpoLossTest.X, new Rng(99), null)) {
            Rollout r1 = rollout(straight, 21);
            Rollout r2 = rollout(straight, 22);
            straight.update(r1, 1e-3, new Rng(1));
            AbstractPpoLearner.Stats expected = straight.update(r2, 1e-3, new Rng(2));
            first.update(r1, 1e-3, new Rng(1));
            Map<String, float[]> checkpoint = new java.util.LinkedHashMap<>();
            first.exportTo(checkpoint);
            restored.importFrom(checkpoint);
            restored.optimizer().setSteps(first.optimizer().steps());
            AbstractPpoLearner.Stats got = restored.update(r2, 1e-3, new Rng(2));
            assertThat(got.mean(AbstractPpoLearner.GRAD_NORM)).isEqualTo(expected.mean(AbstractPpoLearner.GRAD_NORM));
            Map<String, float[]> a = new java.util.LinkedHashMap<>();
            Map<String, float[]> b = new java.util.LinkedHashMap<>();
            straight.exportTo(a);
            restored.exportTo(b);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String k : a.keySet()) {
                assertThat(b.get(k)).as(k).containsExactly(a.get(k));
            }
        }
    }

    /** The algorithms without a plain-Java step refuse it while the settings are resolved, before a run starts. */
    @Test
    void theOtherPpoBasedAlgorithmsRefuseItBeforeAnythingRuns() {
        for (String algo : List.of("fpo", "dppo")) {
            assertThatThrownBy(() -> RunConfig.resolve("classic/pendulum", algo, "auto", List.of("learner=java")))
                    .as(algo)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("learner=java applies to PPO and GoRL-PPO only");
        }
        for (String algo : List.of("ppo", "gorl-fm", "gorl-diffusion")) {
            assertThat(RunConfig.resolve("classic/pendulum", algo, "auto", List.of("learner=java"))
                            .config()
                            .getChoice("learner"))
                    .as(algo)
                    .isEqualTo("java");
        }
    }
}
