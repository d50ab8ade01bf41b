package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.run.DivergenceException;

/**
 * Adam over the parameters of one or more {@link ParamStore}s, with global gradient-norm clipping.
 * Each store's parameters live in one flat buffer ({@link ParamStore#flatten}), and a step updates
 * each buffer with one fused native operation, so its cost barely grows with the number of
 * parameter tensors. Per value it computes exactly what a per-tensor update computes, and the
 * gradient norm is summed in the same order (per tensor, then tensor by tensor). Its moment
 * estimates and step count are exported for checkpoints, so a resumed run continues with exactly
 * the optimiser state it had.
 */
public final class Adam {
    private final List<ParamStore> stores = new ArrayList<>();
    private final List<ParamStore.Flat> flats = new ArrayList<>();
    private final List<NDArray> params = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    /** Per store: the gradient pieces and gaps to concatenate, as parameter indices (>= 0) or gap sizes (negative). */
    private final List<int[]> pieces = new ArrayList<>();
    /** Per store: the positions at which its squared flat gradient splits into pieces. */
    private final List<long[]> splits = new ArrayList<>();
    /** Per store: zero vectors filling the gaps, by gap size. */
    private final List<Map<Integer, NDArray>> gaps = new ArrayList<>();

    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    /**
     * Adam over the parameters of all {@code stores} (one global gradient norm), with the given betas
     * and epsilon (CleanRL's PPO uses eps 1e-5, Optax's default is 1e-8). Flattens the stores.
     */
    public Adam(List<ParamStore> stores, double beta1, double beta2, double eps) {
        for (ParamStore s : stores) {
            if (s.names().isEmpty()) {
                continue;
            }
            ParamStore.Flat f = s.flatten();
            int first = params.size();
            params.addAll(s.parameters());
            names.addAll(s.names());
            int[] order = new int[2 * f.sizes().length];
            long[] cuts = new long[2 * f.sizes().length];
            Map<Integer, NDArray> zeros = new HashMap<>();
            int n = 0;
            int c = 0;
            for (int i = 0; i < f.sizes().length; i++) {
                order[n++] = first + i;
                int end = f.offsets()[i] + f.sizes()[i];
                int next = i + 1 < f.sizes().length ? f.offsets()[i + 1] : f.length();
                cuts[c++] = end;
                if (next > end) {
                    order[n++] = -(next - end);
                    zeros.computeIfAbsent(next - end, k -> s.manager().zeros(new Shape(k)));
                    cuts[c++] = next;
                }
            }
            this.stores.add(s);
            flats.add(f);
            pieces.add(java.util.Arrays.copyOf(order, n));
            splits.add(java.util.Arrays.copyOf(cuts, c - 1)); // the last cut is the end of the buffer
            gaps.add(zeros);
            m.add(s.manager().zeros(new Shape(f.length())));
            v.add(s.manager().zeros(new Shape(f.length())));
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /**
     * Applies one update from the accumulated gradients, then zeroes them. If {@code maxGradNorm > 0}
     * the gradients are first scaled so that their global L2 norm is at most that value.
     *
     * @return the global gradient norm before clipping
     * @throws DivergenceException if the gradient norm is NaN or infinite (parameters are left untouched)
     */
    public double step(double lr, double maxGradNorm) {
        try (NDManager tmp = stores.get(0).manager().newSubManager()) {
            NDArray[] grads = new NDArray[stores.size()];
            NDList squareSums = new NDList(params.size());
            for (int s = 0; s < grads.length; s++) {
                NDList parts = new NDList();
                for (int piece : pieces.get(s)) {
                    if (piece >= 0) {
                        NDArray g = params.get(piece).getGradient();
                        g.attach(tmp);
                        parts.add(g.reshape(-1));
                    } else {
                        parts.add(gaps.get(s).get(-piece));
                    }
                }
                grads[s] = NDArrays.concat(parts);
                grads[s].attach(tmp);
                NDList squares = grads[s].square().split(splits.get(s));
                int k = 0;
                for (int piece : pieces.get(s)) {
                    if (piece >= 0) {
                        squareSums.add(squares.get(k).sum());
                    }
                    k++;
                }
            }
            // the same float additions, in the same order, as summing tensor by tensor on the engine
            float[] sums = NDArrays.stack(squareSums).toFloatArray();
            float sq = sums[0];
            for (int i = 1; i < sums.length; i++) {
                sq += sums[i];
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                zeroGradients();
                throw new DivergenceException("gradient norm is " + norm);
            }
            double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
            t++;
            double bc1 = 1 - StrictMath.pow(beta1, t);
            double bc2 = 1 - StrictMath.pow(beta2, t);
            double stepSize = lr * Math.sqrt(bc2) / bc1;
            double epsHat = eps * Math.sqrt(bc2);
            for (int s = 0; s < grads.length; s++) {
                NDArray w = flats.get(s).values();
                // Fused native update: m = b1 m + (1-b1) s g; v = b2 v + (1-b2) (s g)^2; w -= stepSize m / (sqrt(v) +
                // epsHat)
                w.getNDArrayInternal()
                        .adamUpdate(
                                new NDList(w, grads[s], m.get(s), v.get(s)),
                                new NDList(w),
                                (float) lr,
                                (float) stepSize,
                                0f,
                                (float) scale,
                                -1f,
                                (float) beta1,
                                (float) beta2,
                                (float) epsHat,
                                false,
                                false);
            }
            zeroGradients();
            return norm;
        }
    }

    private void zeroGradients() {
        for (ParamStore s : stores) {
            s.zeroGradients();
        }
    }

    /** Sets the step count (when restoring a checkpoint). */
    public void setSteps(long steps) {
        this.t = steps;
    }

    /** Moment estimates by parameter name ({@code name.m}, {@code name.v}), for a checkpoint. */
    public Map<String, float[]> export() {
        Map<String, float[]> out = new LinkedHashMap<>();
        int i = 0;
        for (int s = 0; s < flats.size(); s++) {
            ParamStore.Flat f = flats.get(s);
            float[] ms = m.get(s).toFloatArray();
            float[] vs = v.get(s).toFloatArray();
            for (int j = 0; j < f.sizes().length; j++, i++) {
                int from = f.offsets()[j];
                out.put(names.get(i) + ".m", java.util.Arrays.copyOfRange(ms, from, from + f.sizes()[j]));
                out.put(names.get(i) + ".v", java.util.Arrays.copyOfRange(vs, from, from + f.sizes()[j]));
            }
        }
        return out;
    }

    /** Restores what {@link #export} wrote. */
    public void load(Map<String, float[]> state) {
        int i = 0;
        for (int s = 0; s < flats.size(); s++) {
            ParamStore.Flat f = flats.get(s);
            float[] ms = new float[f.length()];
            float[] vs = new float[f.length()];
            for (int j = 0; j < f.sizes().length; j++, i++) {
                float[] mi = state.get(names.get(i) + ".m");
                float[] vi = state.get(names.get(i) + ".v");
                if (mi == null || vi == null) {
                    throw new IllegalArgumentException("optimiser state lacks " + names.get(i));
                }
                if (mi.length != f.sizes()[j] || vi.length != f.sizes()[j]) {
                    throw new IllegalArgumentException("optimiser state of " + names.get(i) + " has " + mi.length
                            + " values, expected " + f.sizes()[j]);
                }
                System.arraycopy(mi, 0, ms, f.offsets()[j], mi.length);
                System.arraycopy(vi, 0, vs, f.offsets()[j], vi.length);
            }
            Tensors.set(m.get(s), ms);
            Tensors.set(v.get(s), vs);
        }
    }
}
