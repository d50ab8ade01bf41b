package org.gorlj.algo.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gorlj.nn.AutogradGradients;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.util.Rng;

/**
 * Checks of a plain-Java PPO step ({@code learner=java}) for any policy's {@link JavaPolicyTerms},
 * against the tensor step of the same learner class ({@code learner=torch}) and against itself:
 * autograd's gradients of the tensor loss, finite differences of the Java loss, a whole update equal
 * up to float rounding, and reproducibility under a seed and across a checkpoint.
 */
public final class JavaStepChecks {
    private JavaStepChecks() {}

    /**
     * A whole rollout as one minibatch, in order (the policy's data prepared with a fixed generator).
     *
     * @param mask 1 for a transition in the value loss, 0 for one left out
     */
    public record Minibatch<B>(
            float[] obs, int size, int obsDim, B batch, float[] adv, float[] ret, float[] val, float[] mask) {
        /** The minibatch of all of {@code r} for learner {@code l}. */
        public static <B> Minibatch<B> of(AbstractPpoLearner<B> l, Rollout r) {
            int n = r.size();
            float[] mask = new float[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                mask[i] = l.cfg.maskTruncatedValueLoss() && r.truncated[i] ? 0f : 1f;
                order[i] = i;
            }
            return new Minibatch<>(
                    r.obs,
                    n,
                    r.obsDim,
                    l.prepareMinibatch(r, order, 0, n, new Rng(9)),
                    r.advantages,
                    r.returns,
                    r.values,
                    mask);
        }

        JavaPpoStep.Losses java(JavaPpoStep<B> step) {
            return step.gradients(obs, size, batch, adv, ret, val, mask);
        }
    }

    /**
     * How close the Java step must come to the tensor step's.
     *
     * @param loss of the total, policy, value and entropy losses
     * @param small of the approximate KL and the extra loss
     * @param gradient of each gradient value, relative to its parameter's largest
     * @param gradientFloor of each gradient value, added to the relative tolerance
     */
    public record Tolerance(double loss, double small, double gradient, double gradientFloor) {}

    /**
     * Asserts that on {@code mb} the Java step of {@code java} has the tensor step's loss, statistics
     * and autograd gradient of every parameter (of {@code torch}, with the same parameters), and that
     * the ratios straddle the clip range (so that every branch of the surrogate carries gradient).
     */
    public static <B> void assertAutogradsGradients(
            AbstractPpoLearner<B> torch,
            AbstractPpoLearner<B> java,
            Minibatch<B> mb,
            boolean hasExtra,
            Tolerance tol,
            String what) {
        AbstractPpoLearner.Losses expected;
        try (NDManager m = torch.actorStore().manager().newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray obs = Tensors.create(m, mb.obs(), new Shape(mb.size(), mb.obsDim()));
                expected = torch.losses(m, obs, mb.batch(), mb.adv(), mb.ret(), mb.val(), mb.mask());
                gc.backward(expected.loss());
            }
        }
        JavaPpoStep<B> step = java.javaStep();
        step.pull();
        JavaPpoStep.Losses got = mb.java(step);
        assertThat(expected.clipFraction()).as("%s: some ratios clipped", what).isBetween(0.1f, 0.9f);
        float loss = (float) tol.loss();
        float small = (float) tol.small();
        assertThat(got.total()).as(what).isCloseTo(expected.total(), within(loss));
        assertThat(got.policy()).as(what).isCloseTo(expected.policy(), within(loss));
        assertThat(got.value()).as(what).isCloseTo(expected.value(), within(loss));
        assertThat(got.hasEntropy()).as(what).isEqualTo(expected.hasEntropy());
        assertThat(got.entropy()).as(what).isCloseTo(expected.entropy(), within(loss));
        assertThat(got.approxKl()).as(what).isCloseTo(expected.approxKl(), within(small));
        assertThat(got.clipFraction()).as(what).isEqualTo(expected.clipFraction());
        assertThat(got.hasExtra()).as(what).isEqualTo(hasExtra);
        assertThat(got.extra()).as(what).isCloseTo(expected.extra(), within(small));
        float[] grads = step.gradients();
        for (int i = 0; i < step.names().size(); i++) {
            String name = step.names().get(i);
            ParamStore store = torch.criticStore().names().contains(name) ? torch.criticStore() : torch.actorStore();
            AutogradGradients.assertMatch(
                    store, name, grads, step.offset(i), tol.gradient(), tol.gradientFloor(), what);
        }
    }

    /**
     * Asserts that the Java step's gradient on {@code mb} matches central differences of its own loss:
     * at every parameter tensor's first value, and along four random directions over all parameters. A
     * difference that changes with the step has a kink (ReLU, a clip) inside it and is not compared;
     * all but two must be.
     */
    public static <B> void assertFiniteDifferences(AbstractPpoLearner<B> l, Minibatch<B> mb, String what) {
        JavaPpoStep<B> step = l.javaStep();
        step.pull();
        mb.java(step);
        float[] params = step.parameters();
        float[] grads = step.gradients().clone();
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

    /** (L(p + h u) - L(p - h u)) / 2h along {@code u} on the coordinates {@code at}, h = size / sqrt(their count). */
    private static <B> double centralDifference(
            JavaPpoStep<B> step, Minibatch<B> mb, float[] params, int[] at, float[] u, double size) {
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

    /**
     * Runs one update of {@code r} on both learners (equal parameters before) and asserts the same
     * statistics {@code stats}, optimiser steps ({@code steps}), parameters and Adam moments up to float
     * rounding, and that the update moved every actor parameter away from {@code before}.
     */
    public static void assertUpdateIsTheTensorLearners(
            AbstractPpoLearner<?> torch,
            AbstractPpoLearner<?> java,
            Rollout r,
            List<String> stats,
            long steps,
            Map<String, float[]> before,
            String what) {
        AbstractPpoLearner.Stats expected = torch.update(r, 1e-3, new Rng(4));
        AbstractPpoLearner.Stats got = java.update(r, 1e-3, new Rng(4));
        for (String stat : stats) {
            assertThat(got.mean(stat))
                    .as("%s: %s", what, stat)
                    .isCloseTo(expected.mean(stat), within(1e-4 + 1e-3 * Math.abs(expected.mean(stat))));
        }
        assertThat(java.optimizer().steps())
                .isEqualTo(torch.optimizer().steps())
                .isEqualTo(steps);
        assertClose(what, java.actorStore().export(), torch.actorStore().export(), before);
        assertClose(what, java.criticStore().export(), torch.criticStore().export(), null);
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

    /** A learner and the rollout it updates on. */
    public record Run(AbstractPpoLearner<?> learner, Rollout rollout) {}

    /** Two seeded runs of two updates each (fresh learners from {@code make}) end with the same bits. */
    public static void assertTheSameSeedGivesTheSameBits(Supplier<Run> make) {
        Map<String, float[]> first = null;
        for (int run = 0; run < 2; run++) {
            Run r = make.get();
            try (AbstractPpoLearner<?> l = r.learner()) {
                AbstractPpoLearner.Stats s = l.update(r.rollout(), 1e-3, new Rng(4));
                l.update(r.rollout(), 1e-3, new Rng(5));
                Map<String, float[]> state = new LinkedHashMap<>();
                l.exportTo(state);
                state.put("grad_norm", new float[] {(float) s.mean(AbstractPpoLearner.GRAD_NORM)});
                if (first == null) {
                    first = state;
                } else {
                    assertThat(state.keySet()).isEqualTo(first.keySet());
                    for (String k : first.keySet()) {
                        assertThat(state.get(k)).as(k).containsExactly(first.get(k));
                    }
                }
            }
        }
    }

    /**
     * A learner restored from a checkpoint taken between two updates continues bit for bit (as a resumed
     * run must): {@code straight} and {@code first} are equal fresh learners, {@code restored} one built
     * otherwise; each update runs on its own rollout.
     */
    public static void assertARestoredLearnerContinuesBitForBit(
            AbstractPpoLearner<?> straight,
            AbstractPpoLearner<?> first,
            AbstractPpoLearner<?> restored,
            Rollout r1,
            Rollout r2) {
        straight.update(r1, 1e-3, new Rng(1));
        AbstractPpoLearner.Stats expected = straight.update(r2, 1e-3, new Rng(2));
        first.update(r1, 1e-3, new Rng(1));
        Map<String, float[]> checkpoint = new LinkedHashMap<>();
        first.exportTo(checkpoint);
        restored.importFrom(checkpoint);
        restored.optimizer().setSteps(first.optimizer().steps());
        AbstractPpoLearner.Stats got = restored.update(r2, 1e-3, new Rng(2));
        assertThat(got.mean(AbstractPpoLearner.GRAD_NORM)).isEqualTo(expected.mean(AbstractPpoLearner.GRAD_NORM));
        Map<String, float[]> a = new LinkedHashMap<>();
        Map<String, float[]> b = new LinkedHashMap<>();
        straight.exportTo(a);
        restored.exportTo(b);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
    }
}
