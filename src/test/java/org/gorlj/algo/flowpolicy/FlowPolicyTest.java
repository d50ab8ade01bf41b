package org.gorlj.algo.flowpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.ppo.AbstractPpoLearner;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.config.Config;
import org.gorlj.generative.FlowNetwork;
import org.gorlj.nn.Activation;
import org.gorlj.nn.ParamStore;
import org.gorlj.onpolicy.Rollout;
import org.gorlj.policy.Gaussian;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** The flow policy's sampler and the ratios of FPO and DPPO. */
class FlowPolicyTest {
    static final int OBS = 3;
    static final int X = 2;
    static final int N = 64;

    static Config config(List<org.gorlj.config.Knob> knobs, String... settings) {
        Config c = Config.defaults(knobs)
                .with(Map.of(
                        "num_envs",
                        1,
                        "num_steps",
                        N,
                        "num_minibatches",
                        2,
                        "update_epochs",
                        2,
                        "norm_adv",
                        false,
                        "anneal_lr",
                        false));
        for (String s : settings) {
            c = c.withAssignment(s);
        }
        return c;
    }

    /** A flow policy whose output layer is random too (a fresh one outputs exactly 0). */
    static FlowPolicy randomPolicy(ParamStore store, double sigmaOut, long seed) {
        FlowPolicy p = new FlowPolicy(store, "p", OBS, X, new int[] {16, 16}, Activation.SILU, 10, 0.25, new Rng(seed));
        randomiseOutput(store, sigmaOut, seed);
        return p;
    }

    static void randomiseOutput(ParamStore store, double scale, long seed) {
        Rng r = new Rng(seed + 1);
        Map<String, float[]> all = new LinkedHashMap<>(store.export());
        String last = all.keySet().stream()
                .filter(k -> k.contains(".w"))
                .reduce((a, b) -> b)
                .orElseThrow();
        float[] w = all.get(last);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (scale * r.nextGaussian());
        }
        store.load(all);
    }

    static float[] gaussian(int n, long seed) {
        float[] a = new float[n];
        new Rng(seed).fillGaussian(a);
        return a;
    }

    @Test
    void samplingWithZeroSigmaIsDeterministicAndIsTheEulerIntegral() {
        try (ParamStore store = new ParamStore()) {
            FlowPolicy.Snapshot snap = randomPolicy(store, 1.0, 3).snapshot();
            int rows = 5;
            float[] obs = gaussian(rows * OBS, 1);
            float[] x0 = gaussian(rows * X, 2);
            float[] a = new float[rows * X];
            float[] b = new float[rows * X];
            float[] chain = new float[rows * 11 * X];
            snap.sample(obs, x0, rows, 0, new Rng(10), chain, null, a);
            snap.sample(obs, x0, rows, 0, new Rng(11), null, null, b);
            assertThat(b).containsExactly(a);
            // by hand: x <- x + v(s, x, k/K) / K
            float[] x = x0.clone();
            float[] in = new float[rows * snap.inputSize()];
            float[] v = new float[rows * X];
            for (int k = 0; k < 10; k++) {
                for (int r = 0; r < rows; r++) {
                    FlowNetwork.writeInput(OBS, X, obs, r, x, r, k / 10.0, in, r);
                }
                snap.velocity(in, rows, v);
                for (int i = 0; i < x.length; i++) {
                    x[i] += v[i] * 0.1f;
                }
            }
            assertThat(a).containsExactly(x);
            assertThat(a).isNotEqualTo(x0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < X; j++) {
                    assertThat(chain[(r * 11) * X + j]).isEqualTo(x0[r * X + j]);
                    assertThat(chain[(r * 11 + 10) * X + j]).isEqualTo(a[r * X + j]);
                }
            }
            // with step noise: different noise, different actions
            float[] c = new float[rows * X];
            float[] d = new float[rows * X];
            snap.sample(obs, x0, rows, 0.05, new Rng(10), null, null, c);
            snap.sample(obs, x0, rows, 0.05, new Rng(11), null, null, d);
            assertThat(c).isNotEqualTo(d);
        }
    }

    @Test
    void dppoChainLogLikelihoodIsTheSumOfGaussianLogDensities() {
        double sigma = 0.05;
        try (ParamStore store = new ParamStore();
                NDManager m = store.manager().newSubManager()) {
            FlowPolicy policy = randomPolicy(store, 1.0, 4);
            FlowPolicy.Snapshot snap = policy.snapshot();
            int rows = 3;
            int k = 10;
            float[] obs = gaussian(rows * OBS, 5);
            // a hand-built chain: arbitrary points, not produced by the sampler
            float[] chain = new float[rows * (k + 1) * X];
            Rng r = new Rng(6);
            for (int i = 0; i < chain.length; i++) {
                chain[i] = (float) (0.3 * (i % 7) - 0.8 + 0.05 * r.nextGaussian());
            }
            float[] got = policy.chainLogLikelihood(m, obs, chain, rows, sigma).toFloatArray();
            float[] in = new float[snap.inputSize()];
            float[] v = new float[X];
            for (int row = 0; row < rows; row++) {
                double total = 0;
                double gotTotal = 0;
                for (int s = 0; s < k; s++) {
                    int c = row * (k + 1) + s;
                    FlowNetwork.writeInput(OBS, X, obs, row, chain, c, (double) s / k, in, 0);
                    snap.velocity(in, 1, v);
                    double[] next = new double[X];
                    double[] mean = new double[X];
                    double[] std = new double[X];
                    for (int j = 0; j < X; j++) {
                        next[j] = chain[(c + 1) * X + j];
                        mean[j] = chain[c * X + j] + v[j] / k;
                        std[j] = sigma;
                    }
                    double expected = Gaussian.logProb(next, mean, std);
                    assertThat((double) got[row * k + s])
                            .as("row %d step %d", row, s)
                            .isCloseTo(expected, within(1e-4 * Math.abs(expected) + 1e-3));
                    total += expected;
                    gotTotal += got[row * k + s];
                }
                assertThat(gotTotal).isCloseTo(total, within(1e-4 * Math.abs(total) + 1e-2));
            }
            // the sampler's own log-likelihoods of the chain it draws agree with the tensor path
            float[] x0 = gaussian(rows * X, 7);
            float[] sampled = new float[rows * (k + 1) * X];
            float[] logLik = new float[rows * k];
            snap.sample(obs, x0, rows, sigma, new Rng(8), sampled, logLik, new float[rows * X]);
            float[] again =
                    policy.chainLogLikelihood(m, obs, sampled, rows, sigma).toFloatArray();
            for (int i = 0; i < logLik.length; i++) {
                assertThat(again[i]).isCloseTo(logLik[i], within(1e-3f));
            }
        }
    }

    /** One rollout of N random observations with actions sampled by the learner's current policy. */
    static Rollout collect(FlowPolicyLearner<?> l, long seed, float advantage) {
        Rollout r = new Rollout(N, 1, OBS, X, l.rolloutDataWidth());
        Rng rng = new Rng(seed);
        rng.fillGaussian(r.obs);
        FlowPolicy.Snapshot snap = l.policy().snapshot();
        float[] x0 = new float[N * X];
        rng.fillGaussian(x0);
        int k = l.policy().steps();
        float[] chain = new float[N * (k + 1) * X];
        float[] logLik = new float[N * k];
        snap.sample(r.obs, x0, N, l.samplingSigma(), rng, chain, logLik, r.x);
        l.record(snap, r.obs, r.x, chain, logLik, N, 0, rng, r.logProb, r.policyData);
        java.util.Arrays.fill(r.advantages, advantage);
        return r;
    }

    static int[] all() {
        int[] idx = new int[N];
        for (int i = 0; i < N; i++) {
            idx[i] = i;
        }
        return idx;
    }

    static FpoLearner fpo(String... settings) {
        Config c = config(FlowPolicyAlgorithm.FPO_KNOBS, settings);
        return new FpoLearner(PpoConfig.from(c), FlowPolicyConfig.from(c), OBS, X, new Rng(1));
    }

    static DppoLearner dppo(String... settings) {
        Config c = config(FlowPolicyAlgorithm.DPPO_KNOBS, settings);
        return new DppoLearner(PpoConfig.from(c), FlowPolicyConfig.from(c), OBS, X, new Rng(1));
    }

    /** Mean over transitions of the ratio (mean over its columns). */
    static double meanRatio(float[][] ratios) {
        double s = 0;
        for (float[] row : ratios) {
            for (float v : row) {
                s += v / row.length;
            }
        }
        return s / ratios.length;
    }

    /**
     * After a warm-up update (so that the network is no longer the zero-output initial one), collects
     * a rollout whose transitions all have {@code advantage}, checks that every ratio is 1 (to
     * {@code tolerance}; the old values come from the plain-Java sampler, the new ones from libtorch)
     * with {@code columns} ratios per transition, runs one more update and returns the mean ratio.
     */
    static double ratioAfterOneUpdate(
            FlowPolicyLearner<?> l, float advantage, double lr, int columns, float tolerance) {
        l.update(collect(l, 20, 1f), lr, new Rng(2));
        Rollout r = collect(l, 21, advantage);
        float[][] before = l.ratios(r, all());
        for (float[] row : before) {
            assertThat(row).hasSize(columns);
            for (float v : row) {
                assertThat(v).isCloseTo(1f, within(tolerance));
            }
        }
        if (l instanceof FpoLearner f) {
            // the stored score is minus the mean of the stored old CFM losses
            double oldMean = 0;
            for (float v : f.oldLosses(r, 0)) {
                oldMean += v / 8;
            }
            assertThat(-r.logProb[0]).isCloseTo((float) oldMean, within(1e-6f));
        }
        l.update(r, lr, new Rng(3));
        return meanRatio(l.ratios(r, all()));
    }

    @Test
    void fpoRatioIsOneBeforeTheFirstUpdateAndFollowsTheCfmLoss() {
        for (String ratio : List.of("mean", "per_sample")) {
            // rho = exp(old CFM loss - new): a PPO step with a positive advantage lowers the CFM loss
            // of the stored actions (rho > 1), a negative advantage raises it (rho < 1)
            try (FpoLearner up = fpo("fpo_ratio=" + ratio, "clip_coef=0.2");
                    FpoLearner down = fpo("fpo_ratio=" + ratio, "clip_coef=0.2")) {
                int columns = ratio.equals("mean") ? 1 : 8;
                assertThat(ratioAfterOneUpdate(up, 1f, 3e-3, columns, 1e-5f))
                        .as(ratio)
                        .isGreaterThan(1.0);
                assertThat(ratioAfterOneUpdate(down, -1f, 3e-3, columns, 1e-5f))
                        .as(ratio)
                        .isLessThan(1.0);
            }
        }
    }

    @Test
    void fpoPerSampleLogRatioIsClipped() {
        try (FpoLearner l = fpo("fpo_ratio=per_sample", "fpo_log_ratio_clip=0.01", "clip_coef=0.2")) {
            Rollout warm = collect(l, 30, 1f);
            l.update(warm, 1e-2, new Rng(2));
            Rollout r = collect(l, 31, 1f);
            l.update(r, 1e-2, new Rng(3));
            boolean moved = false;
            for (float[] row : l.ratios(r, all())) {
                for (float v : row) {
                    assertThat(v).isBetween((float) Math.exp(-0.01) - 1e-6f, (float) Math.exp(0.01) + 1e-6f);
                    moved |= Math.abs(v - 1) > 1e-3;
                }
            }
            assertThat(moved).isTrue();
        }
    }

    /**
     * Old CFM losses far above the new ones (a log-ratio of ~1e5, exp of which is infinite in float32)
     * with negative advantages: the surrogate would be infinite and every gradient NaN. The bounded
     * log-ratio keeps the update finite: it completes, the ratios read e^20, and those transitions
     * pass no gradient, so the weights stay where they were. So with either learner.
     */
    @Test
    void fpoUpdateStaysFiniteWhenTheRatioWouldOverflow() {
        for (String learner : List.of("torch", "java")) {
            try (FpoLearner l = fpo("clip_coef=0.2", "learner=" + learner)) {
                ParamStore store = l.actorStore();
                Map<String, float[]> calm = store.export();
                randomiseOutput(store, 1e3, 4); // velocities of order 1e3 score the stored actions badly
                Rollout r = new Rollout(N, 1, OBS, X, l.rolloutDataWidth());
                Rng rng = new Rng(40);
                rng.fillGaussian(r.obs);
                rng.fillGaussian(r.x);
                l.record(l.policy().snapshot(), r.obs, r.x, null, null, N, 0, rng, r.logProb, r.policyData);
                java.util.Arrays.fill(r.advantages, -1f);
                store.load(calm); // zero output layer: new CFM losses of order 1
                for (float[] row : l.ratios(r, all())) {
                    assertThat(row[0]).isEqualTo((float) Math.exp(AbstractPpoLearner.LOG_RATIO_LIMIT));
                }
                AbstractPpoLearner.Stats s = l.update(r, 1e-3, new Rng(5));
                assertThat(s.mean(AbstractPpoLearner.POLICY_LOSS))
                        .as(learner)
                        .isFinite()
                        .isPositive();
                Map<String, float[]> after = store.export();
                calm.forEach((name, w) ->
                        assertThat(after.get(name)).as(learner + " " + name).containsExactly(w));
            }
        }
    }

    @Test
    void dppoRatioIsOneBeforeTheFirstUpdateAndFollowsTheAdvantage() {
        for (String ratio : List.of("per_step", "chain")) {
            try (DppoLearner up = dppo("dppo_ratio=" + ratio);
                    DppoLearner down = dppo("dppo_ratio=" + ratio)) {
                int columns = ratio.equals("per_step") ? 10 : 1;
                assertThat(ratioAfterOneUpdate(up, 1f, 1e-4, columns, 1e-3f))
                        .as(ratio)
                        .isGreaterThan(1.0);
                assertThat(ratioAfterOneUpdate(down, -1f, 1e-4, columns, 1e-3f))
                        .as(ratio)
                        .isLessThan(1.0);
            }
        }
    }
}
