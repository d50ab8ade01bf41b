package org.gorlj.policy;

import org.gorlj.env.BoxSpace;

/**
 * Maps an unbounded vector into an action box: by clipping (CleanRL: the Gaussian sample is
 * clipped to the bounds when executed, its log-probability is the Gaussian's), or by tanh then
 * an affine map of [-1, 1] onto the bounds (Brax and the paper; the log-density of the action
 * then carries the tanh Jacobian, see {@link Gaussian#tanhLogProb}).
 */
public final class Squash implements ActionMap {
    private final boolean tanh;
    private final double[] low;
    private final double[] high;

    /** A squash onto {@code space}; {@code tanh} selects tanh, otherwise clipping. */
    public Squash(BoxSpace space, boolean tanh) {
        this.tanh = tanh;
        this.low = space.low();
        this.high = space.high();
        for (int i = 0; i < low.length; i++) {
            if (tanh && !(Double.isFinite(low[i]) && Double.isFinite(high[i]))) {
                throw new IllegalArgumentException("tanh squashing needs finite action bounds");
            }
        }
    }

    /** Maps one pre-squash value of dimension j. */
    public double apply(double u, int j) {
        if (tanh) {
            return UnitBoxMap.toBounds(StrictMath.tanh(u), low[j], high[j]);
        }
        return Math.clamp(u, low[j], high[j]);
    }

    @Override
    public void apply(float[] obs, float[] x, int rows, double[] actions) {
        int d = low.length;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                actions[r * d + j] = apply(x[r * d + j], j);
            }
        }
    }
}
