package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * The flat-buffer Adam computes bit for bit what an update tensor by tensor computes (the reference
 * below: one fused native update per parameter tensor and the squared norms summed tensor by tensor),
 * across several stores, tensor shapes that leave gaps in the flat buffer, and clipping.
 */
class AdamTest {
    private static final double LR = 3e-3;

    /** Two networks in two stores (one optimiser), built the same way from the same seed. */
    private record Nets(ParamStore actor, ParamStore critic, Mlp policy, NDArray logStd, Mlp value)
            implements AutoCloseable {
        static Nets build() {
            ParamStore actor = new ParamStore();
            ParamStore critic = new ParamStore();
            Rng rng = new Rng(11);
            Mlp policy = new Mlp(actor, "pi", new int[] {5, 7, 3}, Activation.TANH, Init.ORTHOGONAL, 1.4, 0.5, rng);
            NDArray logStd = actor.add("log_std", new float[] {-0.5f, 0.1f, 0.3f}, new Shape(3));
            Mlp value = new Mlp(critic, "v", new int[] {5, 33, 1}, Activation.SILU, Init.LECUN_UNIFORM, 1.0, 1.0, rng);
            return new Nets(actor, critic, policy, logStd, value);
        }

        /** Accumulates the gradient of a loss that uses every parameter. */
        void backward(NDManager m, float[] obs) {
            try (NDManager s = m.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = Tensors.create(s, obs, new Shape(obs.length / 5, 5));
                NDArray mean = policy.forward(x);
                NDArray loss = mean.square()
                        .mul(logStd.exp())
                        .sum()
                        .add(value.forward(x).sin().sum());
                gc.backward(loss);
            }
        }

        List<ParamStore> stores() {
            return List.of(actor, critic);
        }

        @Override
        public void close() {
            actor.close();
            critic.close();
        }
    }

    /** The update tensor by tensor: what the optimiser computed before its parameters were flattened. */
    private static final class ReferenceAdam {
        private final List<NDArray> params;
        private final NDArray[] m;
        private final NDArray[] v;
        private long t;

        ReferenceAdam(List<ParamStore> stores) {
            params = stores.stream().flatMap(s -> s.parameters().stream()).toList();
            m = new NDArray[params.size()];
            v = new NDArray[params.size()];
            for (int i = 0; i < params.size(); i++) {
                m[i] = params.get(i).getManager().zeros(params.get(i).getShape());
                v[i] = params.get(i).getManager().zeros(params.get(i).getShape());
            }
        }

        double step(double lr, double maxGradNorm) {
            try (NDManager tmp = params.get(0).getManager().newSubManager()) {
                NDArray[] g = new NDArray[params.size()];
                NDArray sq = null;
                for (int i = 0; i < g.length; i++) {
                    g[i] = params.get(i).getGradient();
                    g[i].attach(tmp);
                    NDArray s = g[i].square().sum();
                    sq = sq == null ? s : sq.add(s);
                }
                double norm = Math.sqrt(sq.getFloat());
                double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
                t++;
                double bc1 = 1 - StrictMath.pow(0.9, t);
                double bc2 = 1 - StrictMath.pow(0.999, t);
                double stepSize = lr * Math.sqrt(bc2) / bc1;
                double epsHat = 1e-5 * Math.sqrt(bc2);
                for (int i = 0; i < g.length; i++) {
                    NDArray w = params.get(i);
                    w.getNDArrayInternal()
                            .adamUpdate(
                                    new NDList(w, g[i], m[i], v[i]),
                                    new NDList(w),
                                    (float) lr,
                                    (float) stepSize,
                                    0f,
                                    (float) scale,
                                    -1f,
                                    0.9f,
                                    0.999f,
                                    (float) epsHat,
                                    false,
                                    false);
                }
                for (NDArray p : params) {
                    Torch.zeroGradient(p);
                }
                return norm;
            }
        }
    }

    private static float[] batch(Rng rng, int rows) {
        float[] x = new float[rows * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static void assertBitIdentical(ParamStore a, ParamStore b) {
        Map<String, float[]> x = a.export();
        Map<String, float[]> y = b.export();
        assertThat(x.keySet()).isEqualTo(y.keySet());
        x.forEach((k, v) ->
                assertThat(v).as(k).isEqualTo(y.get(k))); // float[] equality compares the bits' values exactly
    }

    @Test
    void flatUpdatesEqualTheTensorByTensorUpdateBitForBitWithAndWithoutClipping() {
        try (Nets flat = Nets.build();
                Nets ref = Nets.build();
                NDManager m = Torch.newManager()) {
            Adam adam = new Adam(flat.stores(), 0.9, 0.999, 1e-5);
            ReferenceAdam reference = new ReferenceAdam(ref.stores());
            Rng rng = new Rng(3);
            int clipped = 0;
            for (int step = 0; step < 12; step++) {
                float[] obs = batch(rng, 64);
                flat.backward(m, obs);
                ref.backward(m, obs);
                double maxNorm = step % 2 == 0 ? 0.5 : 0; // every other step with clipping (norms here exceed 0.5)
                double n1 = adam.step(LR, maxNorm);
                double n2 = reference.step(LR, maxNorm);
                assertThat(n1).isEqualTo(n2);
                clipped += maxNorm > 0 && n1 > maxNorm ? 1 : 0;
                assertBitIdentical(flat.actor(), ref.actor());
                assertBitIdentical(flat.critic(), ref.critic());
            }
            assertThat(clipped).as("steps where clipping applied").isPositive();
            assertThat(adam.steps()).isEqualTo(12);
        }
    }

    @Test
    void parametersHeldBeforeFlatteningSeeTheUpdatesAndLoadedValues() {
        try (Nets nets = Nets.build();
                NDManager m = Torch.newManager()) {
            float[] before = nets.logStd().toFloatArray();
            NDArray held = nets.actor().get("log_std");
            Adam adam = new Adam(nets.stores(), 0.9, 0.999, 1e-5);
            assertThat(nets.actor().get("log_std")).isSameAs(held);
            nets.backward(m, batch(new Rng(1), 8));
            adam.step(LR, 0);
            assertThat(held.toFloatArray()).isNotEqualTo(before);
            // values written after flattening land in the flat buffer, so the next step starts from them
            Tensors.set(held, new float[] {1f, 2f, 3f});
            nets.backward(m, batch(new Rng(2), 8));
            adam.step(LR, 0);
            float[] after = held.toFloatArray();
            for (int i = 0; i < 3; i++) {
                // the loss grows with exp(log_std), so the step goes down from the loaded value, by at most a few lr
                assertThat(after[i]).isLessThan(i + 1f).isGreaterThan(i + 1f - (float) (4 * LR));
            }
        }
    }

    @Test
    void exportedMomentsResumeTheSameTrajectory() {
        try (Nets a = Nets.build();
                Nets b = Nets.build();
                NDManager m = Torch.newManager()) {
            Adam adamA = new Adam(a.stores(), 0.9, 0.999, 1e-5);
            Rng rng = new Rng(5);
            for (int step = 0; step < 3; step++) {
                a.backward(m, batch(rng, 16));
                adamA.step(LR, 0.5);
            }
            Adam adamB = new Adam(b.stores(), 0.9, 0.999, 1e-5);
            b.actor().load(a.actor().export());
            b.critic().load(a.critic().export());
            Map<String, float[]> moments = adamA.export();
            assertThat(moments).containsKeys("pi.w0.m", "pi.w0.v", "log_std.m", "v.b1.v");
            assertThat(moments.get("pi.w0.m")).hasSize(5 * 7);
            adamB.load(moments);
            adamB.setSteps(adamA.steps());
            float[] obs = batch(rng, 16);
            a.backward(m, obs);
            b.backward(m, obs);
            assertThat(adamB.step(LR, 0.5)).isEqualTo(adamA.step(LR, 0.5));
            assertBitIdentical(a.actor(), b.actor());
            assertBitIdentical(a.critic(), b.critic());
        }
    }
}
