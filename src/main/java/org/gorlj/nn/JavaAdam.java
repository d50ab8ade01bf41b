package org.gorlj.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gorlj.run.DivergenceException;

/**
 * Adam over one flat float array of parameters with global gradient-norm clipping, in plain Java:
 * per value the update {@link Adam} makes (gradient scaled by the clip, the same moment updates and
 * bias correction), for learners that compute their gradients in Java ({@link JavaMlp}). The moment
 * arrays are exposed so that a learner can exchange them with an {@link Adam} over the same
 * parameters.
 */
public final class JavaAdam {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private final float[] m;
    private final float[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    /** Adam over {@code size} parameters, zero moments, step 0. */
    public JavaAdam(int size, double beta1, double beta2, double eps) {
        this.m = new float[size];
        this.v = new float[size];
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** The first-moment estimates (the live array, in the parameters' layout). */
    public float[] firstMoments() {
        return m;
    }

    /** The second-moment estimates (the live array). */
    public float[] secondMoments() {
        return v;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /** Sets the step count. */
    public void setSteps(long steps) {
        this.t = steps;
    }

    /**
     * Updates {@code w} from the gradients {@code g} (same length), clipped first to a global L2 norm
     * of {@code maxGradNorm} when that is positive. {@code g} is left as it was.
     *
     * @return the global gradient norm before clipping
     * @throws DivergenceException if that norm is NaN or infinite ({@code w} is left untouched)
     */
    public double step(float[] w, float[] g, double lr, double maxGradNorm) {
        int lanes = LANES.length();
        int end = w.length - w.length % lanes;
        FloatVector squares = FloatVector.zero(LANES); // per lane, a sum over a 1/lanes share of the values
        for (int i = 0; i < end; i += lanes) {
            FloatVector gi = FloatVector.fromArray(LANES, g, i);
            squares = gi.fma(gi, squares);
        }
        double sq = 0;
        for (int lane = 0; lane < lanes; lane++) {
            sq += squares.lane(lane);
        }
        for (int i = end; i < g.length; i++) {
            sq += (double) g[i] * g[i];
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            throw new DivergenceException("gradient norm is " + norm);
        }
        double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr * Math.sqrt(bc2) / bc1);
        float epsHat = (float) (eps * Math.sqrt(bc2));
        float s = (float) scale;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int i = 0; i < end; i += lanes) {
            FloatVector gi = FloatVector.fromArray(LANES, g, i).mul(s);
            FloatVector mi = FloatVector.fromArray(LANES, m, i).mul(b1).add(gi.mul(c1));
            FloatVector vi =
                    FloatVector.fromArray(LANES, v, i).mul(b2).add(gi.mul(gi).mul(c2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector.fromArray(LANES, w, i)
                    .sub(mi.mul(stepSize).div(vi.sqrt().add(epsHat)))
                    .intoArray(w, i);
        }
        for (int i = end; i < w.length; i++) {
            float gi = g[i] * s;
            float mi = m[i] * b1 + gi * c1;
            float vi = v[i] * b2 + gi * gi * c2;
            m[i] = mi;
            v[i] = vi;
            w[i] -= stepSize * mi / ((float) Math.sqrt(vi) + epsHat);
        }
        return norm;
    }
}
