package org.gorlj.policy;

import org.gorlj.env.BoxSpace;

/**
 * Maps samples that already lie in [-1, 1] (e.g. a tanh-Gaussian's) affinely onto the action box:
 * -1 to the lower bound, 1 to the upper bound. SAC acts through it; GoRL-SAC replaces it by a
 * decoder.
 */
public final class UnitBoxMap implements ActionMap {
    private final double[] low;
    private final double[] high;

    /** A map onto {@code space}, whose bounds must be finite. */
    public UnitBoxMap(BoxSpace space) {
        this.low = space.low();
        this.high = space.high();
        for (int i = 0; i < low.length; i++) {
            if (!(Double.isFinite(low[i]) && Double.isFinite(high[i]))) {
                throw new IllegalArgumentException("mapping [-1, 1] onto the actions needs finite action bounds");
            }
        }
    }

    /** The point of [low, high] that corresponds to {@code y} in [-1, 1]. */
    public static double toBounds(double y, double low, double high) {
        return low + (y + 1) * 0.5 * (high - low);
    }

    @Override
    public void apply(float[] obs, float[] x, int rows, double[] actions) {
        int d = low.length;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                actions[r * d + j] = toBounds(x[r * d + j], low[j], high[j]);
            }
        }
    }
}
