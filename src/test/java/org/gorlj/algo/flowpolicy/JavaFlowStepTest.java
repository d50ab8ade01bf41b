package org.gorlj.algo.flowpolicy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.Function;
import org.gorlj.algo.ppo.AbstractPpoLearner;
import org.gorlj.algo.ppo.JavaStepChecks;
import org.gorlj.nn.Tensors;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@code learner=java} for FPO and DPPO: the plain-Java step has autograd's gradients of the tensor
 * loss on the same minibatch (every parameter, each {@code fpo_loss}, {@code fpo_ratio} and
 * {@code dppo_ratio} form), finite differences of its own loss, the tensor learner's update within
 * float rounding, and is reproducible under a seed and across a checkpoint. The rollouts are sampled
 * by a policy with a random output layer (a fresh one outputs 0 and passes no gradient to its hidden
 * layers) and their stored old losses or log-likelihoods are moved, so that the ratios straddle the
 * clip range (and, per pair, FPO's log-ratio clip) and the old values straddle the value clip.
 */
class JavaFlowStepTest {
    /** A learner kind, and how far to move each transition's stored log-ratio (see {@link #rollout}). */
    private record Kind(String name, double rowShift, double elementShift) {
        boolean fpo() {
            return name.equals("fpo");
        }
    }

    private static final Kind FPO = new Kind("fpo", 0.3, 0.2);
    private static final Kind DPPO_PER_STEP = new Kind("dppo", 0, 0.3);
    /** Ten steps' shifts add up in the chain's log-ratio. */
    private static final Kind DPPO_CHAIN = new Kind("dppo", 0.03, 0.02);

    private record Setting(Kind kind, String... settings) {
        String what() {
            return kind.name() + " " + String.join(" ", settings);
        }

        /** A learner of these settings plus {@code more}, its output layer random. */
        <L extends FlowPolicyLearner<?>> L learner(Function<String[], L> make, String... more) {
            String[] all = java.util.Arrays.copyOf(settings, settings.length + more.length);
            System.arraycopy(more, 0, all, settings.length, more.length);
            L l = make.apply(all);
            FlowPolicyTest.randomiseOutput(l.actorStore(), 0.5, 3);
            return l;
        }

        FlowPolicyLearner<?> learner(String... more) {
            return kind.fpo() ? learner(FlowPolicyTest::fpo, more) : learner(FlowPolicyTest::dppo, more);
        }
    }

    /** Every loss and ratio form; SiLU (the default), tanh and ReLU flow networks; an entropy bonus a flow policy ignores. */
    private static final List<Setting> SETTINGS = List.of(
            new Setting(FPO, "fpo_loss=eps", "fpo_ratio=mean", "ent_coef=0.01"),
            new Setting(FPO, "fpo_loss=eps", "fpo_ratio=per_sample", "fpo_log_ratio_clip=0.25"),
            new Setting(
                    FPO,
                    "fpo_loss=velocity",
                    "fpo_ratio=per_sample",
                    "fpo_log_ratio_clip=0.25",
                    "flow_activation=tanh"),
            new Setting(FPO, "fpo_loss=velocity", "fpo_ratio=mean", "flow_activation=relu", "clip_vloss=false"),
            new Setting(DPPO_PER_STEP, "dppo_ratio=per_step"),
            new Setting(DPPO_CHAIN, "dppo_ratio=chain", "flow_activation=tanh", "mask_truncated_value_loss=true"));

    /** Float32 tensors against the Java step's double sums: losses within 1e-5, gradients within 1e-4 of the largest. */
    private static final JavaStepChecks.Tolerance TOLERANCE = new JavaStepChecks.Tolerance(1e-5, 1e-6, 1e-4, 1e-7);

    /**
     * A rollout sampled by {@code l}'s policy with random advantages and returns, old values 0.05 .. 0.75
     * on either side of the critic's, and each transition's stored old CFM losses or step log-likelihoods
     * moved: all by one shift of up to {@code rowShift}, and each by up to {@code elementShift} more.
     */
    private static Rollout rollout(FlowPolicyLearner<?> l, Kind kind, long seed) {
        Rollout r = FlowPolicyTest.collect(l, seed, 0f);
        Rng rng = new Rng(seed + 1);
        rng.fillGaussian(r.advantages);
        rng.fillGaussian(r.returns);
        float[] v;
        try (NDManager m = l.criticStore().manager().newSubManager()) {
            v = l.critic()
                    .forward(Tensors.create(m, r.obs, new Shape(r.size(), r.obsDim)))
                    .toFloatArray();
        }
        int width = l.rolloutDataWidth();
        int elements = l instanceof FpoLearner
                ? width / (FlowPolicyTest.X + 2)
                : l.policy().steps();
        // the stored old CFM losses (FPO) or step log-likelihoods (DPPO) are the last `elements` of each row
        for (int i = 0; i < r.size(); i++) {
            r.values[i] = v[i] + (float) ((i % 2 == 0 ? 1 : -1) * (0.05 + 0.7 * rng.nextDouble()));
            r.truncated[i] = i % 5 == 0;
            double rowShift = rng.uniform(-kind.rowShift(), kind.rowShift());
            for (int e = 0; e < elements; e++) {
                r.policyData[(i + 1) * width - elements + e] +=
                        (float) (rowShift + rng.uniform(-kind.elementShift(), kind.elementShift()));
            }
        }
        return r;
    }

    @Test
    void gradientsAreAutogradsOfTheTensorLoss() {
        for (Setting s : SETTINGS) {
            if (s.kind().fpo()) {
                checkAutograd(s, FlowPolicyTest::fpo);
            } else {
                checkAutograd(s, FlowPolicyTest::dppo);
            }
        }
    }

    private static <B, L extends FlowPolicyLearner<B>> void checkAutograd(Setting s, Function<String[], L> make) {
        try (L torch = s.learner(make);
                L java = s.learner(make, "learner=java")) {
            Rollout r = rollout(torch, s.kind(), 5);
            JavaStepChecks.assertAutogradsGradients(
                    torch, java, JavaStepChecks.Minibatch.of(torch, r), false, TOLERANCE, s.what());
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheJavaLoss() {
        for (Setting s : SETTINGS) {
            try (FlowPolicyLearner<?> l = s.learner("learner=java")) {
                checkFiniteDifferences(l, rollout(l, s.kind(), 7), s.what());
            }
        }
    }

    private static <B> void checkFiniteDifferences(FlowPolicyLearner<B> l, Rollout r, String what) {
        JavaStepChecks.assertFiniteDifferences(l, JavaStepChecks.Minibatch.of(l, r), what);
    }

    /** Two epochs of two minibatches: the same statistics and parameters as the tensor learner, up to float rounding. */
    @Test
    void anUpdateIsTheTensorLearnersUpToRounding() {
        for (Setting s : SETTINGS) {
            try (FlowPolicyLearner<?> torch = s.learner("norm_adv=true");
                    FlowPolicyLearner<?> java = s.learner("norm_adv=true", "learner=java");
                    FlowPolicyLearner<?> fresh = s.learner()) {
                JavaStepChecks.assertUpdateIsTheTensorLearners(
                        torch,
                        java,
                        rollout(torch, s.kind(), 11),
                        List.of(
                                AbstractPpoLearner.POLICY_LOSS,
                                AbstractPpoLearner.VALUE_LOSS,
                                AbstractPpoLearner.APPROX_KL,
                                AbstractPpoLearner.CLIP_FRACTION,
                                AbstractPpoLearner.GRAD_NORM),
                        4,
                        fresh.actorStore().export(),
                        s.what());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBits() {
        for (Setting s : List.of(SETTINGS.get(1), SETTINGS.get(4))) {
            JavaStepChecks.assertTheSameSeedGivesTheSameBits(() -> {
                FlowPolicyLearner<?> l = s.learner("learner=java");
                return new JavaStepChecks.Run(l, rollout(l, s.kind(), 17));
            });
        }
    }

    /** A learner restored from a checkpoint taken between two updates continues bit for bit (as a resumed run must). */
    @Test
    void aRestoredLearnerContinuesBitForBit() {
        for (Setting s : List.of(SETTINGS.get(0), SETTINGS.get(5))) {
            try (FlowPolicyLearner<?> straight = s.learner("learner=java");
                    FlowPolicyLearner<?> first = s.learner("learner=java");
                    FlowPolicyLearner<?> restored = s.learner("learner=java")) {
                FlowPolicyTest.randomiseOutput(restored.actorStore(), 0.5, 99);
                JavaStepChecks.assertARestoredLearnerContinuesBitForBit(
                        straight, first, restored, rollout(straight, s.kind(), 21), rollout(straight, s.kind(), 22));
            }
        }
    }
}
