package org.gorlj.nn;

import org.gorlj.run.DivergenceException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam over the parameters of one or more {@link ParamStore}s, with global gradient-norm clipping.
 * Its moment estimates and step count are exported for checkpoints, so a resumed run
 * continues with exactly the optimiser state it had.
 */
public final class Adam {
    private final List<ParamStore> stores;
    private final List<NDArray> params;
    private final List<String> names;
    private final NDArray[] m;
    private final NDArray[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    /**
     * Adam over the parameters of all {@code stores} (one global gradient norm), with the given betas
     * and epsilon (CleanRL's PPO uses eps 1e-5, Optax's default is 1e-8).
     */
    public Adam(List<ParamStore> stores, double beta1, double beta2, double eps) {
        this.stores = List.copyOf(stores);
        this.params = new java.util.ArrayList<>();
        this.names = new java.util.ArrayList<>();
        for (ParamStore s : stores) {
            params.addAll(s.parameters());
            names.addAll(s.names());
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new NDArray[params.size()];
        this.v = new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDManager owner = params.get(i).getManager();
            m[i] = owner.zeros(params.get(i).getShape());
            v[i] = owner.zeros(params.get(i).getShape());
        }
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
            NDArray[] g = new NDArray[params.size()];
            NDArray sq = null;
            for (int i = 0; i < g.length; i++) {
                g[i] = params.get(i).getGradient();
                g[i].attach(tmp);
                NDArray s = g[i].square().sum();
                sq = sq == null ? s : sq.add(s);
            }
            double norm = Math.sqrt(sq.getFloat());
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
            for (int i = 0; i < g.length; i++) {
                NDArray w = params.get(i);
                // Fused native update: m = b1 m + (1-b1) s g; v = b2 v + (1-b2) (s g)^2; w -= stepSize m / (sqrt(v) + epsHat)
                w.getNDArrayInternal().adamUpdate(new NDList(w, g[i], m[i], v[i]), new NDList(w),
                        (float) lr, (float) stepSize, 0f, (float) scale, -1f, (float) beta1, (float) beta2,
                        (float) epsHat, false, false);
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
        for (int i = 0; i < m.length; i++) {
            out.put(names.get(i) + ".m", m[i].toFloatArray());
            out.put(names.get(i) + ".v", v[i].toFloatArray());
        }
        return out;
    }

    /** Restores what {@link #export} wrote. */
    public void load(Map<String, float[]> state) {
        for (int i = 0; i < m.length; i++) {
            float[] mi = state.get(names.get(i) + ".m");
            float[] vi = state.get(names.get(i) + ".v");
            if (mi == null || vi == null) {
                throw new IllegalArgumentException("optimiser state lacks " + names.get(i));
            }
            Tensors.set(m[i], mi);
            Tensors.set(v[i], vi);
        }
    }
}
