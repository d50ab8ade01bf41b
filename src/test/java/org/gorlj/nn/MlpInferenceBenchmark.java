package org.gorlj.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gorlj.algo.flowpolicy.FlowPolicy;
import org.gorlj.generative.Decoder;
import org.gorlj.generative.FlowNetwork;
import org.gorlj.util.Rng;

/**
 * Times {@link Mlp.Snapshot#forward} against the kernel it replaced (commit c574ecb, kept below as
 * {@link Base} so both run in one JVM under the same load) at the shapes of the {@code cpu} preset's
 * inference: the GoRL decoder (4 x 64 SiLU) of dmc/cheetah-run and dmc/hopper-stand, FPO/DPPO's
 * flow network (4 x 32 SiLU) on dmc/hopper-stand, PPO's policy (2 x 64 tanh). Rounds alternate
 * base and new; each timing is the current thread's CPU time over a batch of calls; it prints the
 * medians and the median of the per-round ratios. Arguments: rounds (default 15).
 */
public final class MlpInferenceBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MlpInferenceBenchmark() {}

    /** Prints one line per shape: base and new microseconds per call (medians) and their ratio. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Object[][] shapes = {
            {"gorl decoder cheetah (31-64x4-6 silu)", new int[] {31, 64, 64, 64, 64, 6}, Activation.SILU, 32},
            {"gorl decoder hopper  (27-64x4-4 silu)", new int[] {27, 64, 64, 64, 64, 4}, Activation.SILU, 32},
            {"fpo/dppo flow hopper (27-32x4-4 silu)", new int[] {27, 32, 32, 32, 32, 4}, Activation.SILU, 32},
            {"fpo record   hopper  (27-32x4-4 silu)", new int[] {27, 32, 32, 32, 32, 4}, Activation.SILU, 256},
            {"ppo policy hopper    (15-64x2-4 tanh)", new int[] {15, 64, 64, 4}, Activation.TANH, 32},
        };
        for (Object[] s : shapes) {
            int[] sizes = (int[]) s[1];
            Activation act = (Activation) s[2];
            int rows = (int) s[3];
            try (ParamStore store = new ParamStore()) {
                Mlp mlp = new Mlp(store, "net", sizes, act, Init.LECUN_UNIFORM, 1.0, 1.0, new Rng(1));
                Mlp.Snapshot snap = mlp.snapshot();
                Base base = new Base(sizes, act, snap);
                float[] x = new float[rows * sizes[0]];
                new Rng(2).fillGaussian(x);
                float[] outBase = new float[rows * sizes[sizes.length - 1]];
                float[] outNew = outBase.clone();
                base.forward(x, rows, outBase);
                snap.forward(x, rows, outNew);
                if (!Arrays.equals(outBase, outNew)) {
                    throw new IllegalStateException("base and new differ at " + s[0]);
                }
                double[] m = alternate(
                        () -> base.forward(x, rows, outBase),
                        () -> snap.forward(x, rows, outNew),
                        Math.max(200, 400_000 / rows),
                        rounds);
                System.out.printf(
                        Locale.ROOT,
                        "%s rows %3d: base %8.2f us, new %8.2f us per call; base/new %.2f (rounds %d)%n",
                        s[0],
                        rows,
                        m[0],
                        m[1],
                        m[2],
                        rounds);
            }
        }
        samplers(rounds);
    }

    /**
     * The whole decoding of a GoRL-FM decoder (K = 10 Euler steps, 32 rows, 4 x 64 SiLU, output
     * layer given random non-zero weights as after a refit) and FPO's sampling (K = 10, 4 x 32,
     * with the chain recorded, as in a rollout), each against the same loop over the base kernel
     * (and, for FPO, the base's per-row time embedding).
     */
    static void samplers(int rounds) {
        int rows = 32;
        try (Decoder d =
                Decoder.create(Decoder.Kind.FLOW, 17, 6, new int[] {64, 64, 64, 64}, Activation.SILU, 10, new Rng(1))) {
            float[] outputWeights = new float[64 * 6];
            new Rng(4).fillGaussian(outputWeights);
            for (int i = 0; i < outputWeights.length; i++) {
                outputWeights[i] *= 0.05f;
            }
            d.store().get("decoder.w4").set(outputWeights);
            Decoder.Sampler sampler = d.sampler();
            FlowNetwork.Snapshot net = d.networkSnapshot();
            Base base = new Base(net.mlp().sizes(), Activation.SILU, net.mlp());
            float[] obs = new float[rows * 17];
            float[] eps = new float[rows * 6];
            new Rng(2).fillGaussian(obs);
            new Rng(3).fillGaussian(eps);
            float[] outNew = new float[rows * 6];
            float[] outBase = new float[rows * 6];
            Runnable baseDecode = () -> {
                float[] input = new float[rows * net.inputSize()];
                float[] velocity = new float[rows * 6];
                System.arraycopy(eps, 0, outBase, 0, rows * 6);
                for (int step = 0; step < 10; step++) {
                    net.writeInputs(obs, outBase, (double) step / 10, rows, input);
                    base.forward(input, rows, velocity);
                    for (int i = 0; i < rows * 6; i++) {
                        outBase[i] += velocity[i] / 10;
                    }
                }
            };
            compare(
                    "gorl-fm decoder sampler cheetah (17+6, 64x4 silu, K=10)",
                    rows,
                    rounds,
                    baseDecode,
                    () -> sampler.decode(obs, eps, rows, outNew),
                    outBase,
                    outNew);
        }
        try (ParamStore store = new ParamStore()) {
            FlowPolicy policy = new FlowPolicy(
                    store, "flow", 15, 4, new int[] {32, 32, 32, 32}, Activation.SILU, 10, 0.25, new Rng(1));
            float[] w = new float[32 * 4];
            new Rng(4).fillGaussian(w);
            store.get("flow.w4").set(w);
            FlowPolicy.Snapshot snap = policy.snapshot();
            FlowNetwork.Snapshot net = snap.network();
            Base base = new Base(net.mlp().sizes(), Activation.SILU, net.mlp());
            float[] obs = new float[rows * 15];
            float[] x0 = new float[rows * 4];
            new Rng(2).fillGaussian(obs);
            new Rng(3).fillGaussian(x0);
            float[] outNew = new float[rows * 4];
            float[] outBase = new float[rows * 4];
            float[] chain = new float[rows * 11 * 4];
            Runnable baseSample = () -> {
                float[] x = x0.clone();
                float[] inputs = new float[rows * net.inputSize()];
                float[] v = new float[rows * 4];
                float[] baseChain = new float[rows * 11 * 4];
                for (int s = 0; s < 10; s++) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(x, r * 4, baseChain, (r * 11 + s) * 4, 4);
                        FlowNetwork.writeInput(15, 4, obs, r, x, r, (double) s / 10, inputs, r);
                    }
                    base.forward(inputs, rows, v);
                    for (int i = 0; i < rows * 4; i++) {
                        x[i] += v[i] * 0.25f * 0.1f;
                    }
                }
                System.arraycopy(x, 0, outBase, 0, rows * 4);
            };
            Runnable newSample = () -> snap.sample(obs, x0, rows, 0, null, chain, null, outNew);
            compare(
                    "fpo sampler hopper (15+4, 32x4 silu, K=10, chain kept)",
                    rows,
                    rounds,
                    baseSample,
                    newSample,
                    outBase,
                    outNew);
        }
    }

    private static void compare(
            String name, int rows, int rounds, Runnable base, Runnable fresh, float[] outBase, float[] outNew) {
        base.run();
        fresh.run();
        if (!Arrays.equals(outBase, outNew)) {
            throw new IllegalStateException("base and new differ at " + name);
        }
        double[] m = alternate(base, fresh, 2000, rounds);
        System.out.printf(
                Locale.ROOT,
                "%s rows %d: base %8.2f us, new %8.2f us per decode (%.2f / %.2f us per env step); base/new %.2f (rounds %d)%n",
                name,
                rows,
                m[0],
                m[1],
                m[0] / rows,
                m[1] / rows,
                m[2],
                rounds);
    }

    /**
     * Times {@code base} and {@code fresh} alternately, {@code calls} calls each per round, after
     * three warm-up rounds; returns the medians over {@code rounds} of base's and fresh's
     * microseconds per call and of the per-round ratio base / fresh.
     */
    static double[] alternate(Runnable base, Runnable fresh, int calls, int rounds) {
        double[] tb = new double[rounds];
        double[] tn = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            double b = time(base, calls);
            double n = time(fresh, calls);
            if (r >= 0) {
                tb[r] = b;
                tn[r] = n;
                ratio[r] = b / n;
            }
        }
        return new double[] {median(tb), median(tn), median(ratio)};
    }

    /** Microseconds of this thread's CPU time per call of {@code body}, over {@code calls} calls. */
    static double time(Runnable body, int calls) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            body.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) * 1e-3 / calls;
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The evaluation of {@link Mlp.Snapshot} as of commit c574ecb (the measurement's base). */
    static final class Base {
        private static final int BLOCK = 4;
        private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
        private final int[] sizes;
        private final Activation activation;
        private final float[][] w;
        private final float[][] wT;
        private final float[][] b;
        private final int maxHidden;
        private float[] even = new float[0];
        private float[] odd = new float[0];

        Base(int[] sizes, Activation activation, Mlp.Snapshot snap) {
            this.sizes = sizes.clone();
            this.activation = activation;
            int layers = sizes.length - 1;
            this.w = new float[layers][];
            this.b = new float[layers][];
            this.wT = new float[layers][];
            for (int l = 0; l < layers; l++) {
                w[l] = snap.weights(l);
                b[l] = snap.bias(l);
                wT[l] = sizes[l + 1] >= LANES.length() ? null : transpose(w[l], sizes[l], sizes[l + 1]);
            }
            int hidden = 0;
            for (int l = 1; l < sizes.length - 1; l++) {
                hidden = Math.max(hidden, sizes[l]);
            }
            this.maxHidden = hidden;
        }

        private static float[] transpose(float[] m, int rows, int cols) {
            float[] t = new float[m.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j * rows + i] = m[i * cols + j];
                }
            }
            return t;
        }

        void forward(float[] x, int batch, float[] out) {
            int layers = wT.length;
            if (even.length < batch * maxHidden) {
                even = new float[batch * maxHidden];
                odd = new float[batch * maxHidden];
            }
            float[] src = x;
            for (int l = 0; l < layers; l++) {
                float[] dst = l == layers - 1 ? out : (l % 2 == 0 ? even : odd);
                if (wT[l] == null) {
                    denseLanes(src, batch, sizes[l], w[l], b[l], sizes[l + 1], dst);
                } else {
                    dense(src, batch, sizes[l], wT[l], b[l], sizes[l + 1], dst);
                }
                if (l < layers - 1) {
                    int n = batch * sizes[l + 1];
                    for (int k = 0; k < n; k++) {
                        dst[k] = activation.apply(dst[k]);
                    }
                }
                src = dst;
            }
        }

        private static void denseLanes(float[] src, int rows, int in, float[] w, float[] bias, int o, float[] dst) {
            int lanes = LANES.length();
            int vectorEnd = o - o % lanes;
            for (int r = 0; r < rows; r++) {
                int s0 = r * in;
                int d0 = r * o;
                int j = 0;
                for (; j + 2 * lanes <= vectorEnd; j += 2 * lanes) {
                    FloatVector y0 = FloatVector.fromArray(LANES, bias, j);
                    FloatVector y1 = FloatVector.fromArray(LANES, bias, j + lanes);
                    for (int i = 0; i < in; i++) {
                        FloatVector xi = FloatVector.broadcast(LANES, src[s0 + i]);
                        y0 = y0.add(xi.mul(FloatVector.fromArray(LANES, w, i * o + j)));
                        y1 = y1.add(xi.mul(FloatVector.fromArray(LANES, w, i * o + j + lanes)));
                    }
                    y0.intoArray(dst, d0 + j);
                    y1.intoArray(dst, d0 + j + lanes);
                }
                for (; j < vectorEnd; j += lanes) {
                    FloatVector y = FloatVector.fromArray(LANES, bias, j);
                    for (int i = 0; i < in; i++) {
                        y = y.add(FloatVector.broadcast(LANES, src[s0 + i])
                                .mul(FloatVector.fromArray(LANES, w, i * o + j)));
                    }
                    y.intoArray(dst, d0 + j);
                }
                for (; j < o; j++) {
                    float y = bias[j];
                    for (int i = 0; i < in; i++) {
                        y += src[s0 + i] * w[i * o + j];
                    }
                    dst[d0 + j] = y;
                }
            }
        }

        private static void dense(float[] src, int rows, int in, float[] wT, float[] bias, int o, float[] dst) {
            int r = 0;
            for (; r + BLOCK <= rows; r += BLOCK) {
                int s0 = r * in;
                int s1 = s0 + in;
                int s2 = s1 + in;
                int s3 = s2 + in;
                int d0 = r * o;
                for (int j = 0; j < o; j++) {
                    int wj = j * in;
                    float y0 = bias[j];
                    float y1 = y0;
                    float y2 = y0;
                    float y3 = y0;
                    for (int i = 0; i < in; i++) {
                        float wij = wT[wj + i];
                        y0 += src[s0 + i] * wij;
                        y1 += src[s1 + i] * wij;
                        y2 += src[s2 + i] * wij;
                        y3 += src[s3 + i] * wij;
                    }
                    dst[d0 + j] = y0;
                    dst[d0 + o + j] = y1;
                    dst[d0 + 2 * o + j] = y2;
                    dst[d0 + 3 * o + j] = y3;
                }
            }
            for (; r < rows; r++) {
                int s0 = r * in;
                int d0 = r * o;
                for (int j = 0; j < o; j++) {
                    int wj = j * in;
                    float y = bias[j];
                    for (int i = 0; i < in; i++) {
                        y += src[s0 + i] * wT[wj + i];
                    }
                    dst[d0 + j] = y;
                }
            }
        }
    }
}
