package org.gorlj.env.dmc;

/** dm_control's reward shaping ({@code dm_control/utils/rewards.py}), on which every DMC reward is built. */
public final class Rewards {
    private Rewards() {}

    /**
     * 1 when {@code lower <= x <= upper}; outside, 0 if {@code margin} is 0, else
     * {@code sigmoid} of the distance to the nearer bound divided by {@code margin}, which equals
     * {@code valueAtMargin} at one margin from the bounds and decays towards 0 further out.
     *
     * @param lower lower bound (may be negative infinity)
     * @param upper upper bound (may be positive infinity), not below {@code lower}
     * @param margin non-negative width of the soft region outside the bounds
     * @param sigmoid shape of the decay
     * @param valueAtMargin value at distance {@code margin}: in (0, 1), or [0, 1) for
     *     {@link Sigmoid#COSINE}, {@link Sigmoid#LINEAR} and {@link Sigmoid#QUADRATIC}; ignored when the margin is 0
     */
    public static double tolerance(
            double x, double lower, double upper, double margin, Sigmoid sigmoid, double valueAtMargin) {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower bound " + lower + " above upper bound " + upper);
        }
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin must be non-negative: " + margin);
        }
        if (margin > 0 && !sigmoid.acceptsValueAtMargin(valueAtMargin)) {
            throw new IllegalArgumentException(
                    "valueAtMargin " + valueAtMargin + " is not allowed for the " + sigmoid + " sigmoid");
        }
        if (lower <= x && x <= upper) {
            return 1;
        }
        if (margin == 0) {
            return 0;
        }
        double d = (x < lower ? lower - x : x - upper) / margin;
        return sigmoid.shape(d, valueAtMargin);
    }

    /**
     * dm_control's default shaping: bounds [{@code lower}, {@code upper}], the given margin, a gaussian
     * decay reaching 0.1 at the margin.
     */
    public static double tolerance(double x, double lower, double upper, double margin) {
        return tolerance(x, lower, upper, margin, Sigmoid.GAUSSIAN, 0.1);
    }

    /**
     * The "small control" term used by hopper, cartpole and point mass: the mean over the controls of
     * {@code tolerance(u, 0, 0, margin 1, quadratic, 0)}, i.e. of {@code 1 - u^2} (0 once {@code |u| >= 1}).
     */
    public static double meanSmallControl(double[] control) {
        double sum = 0;
        for (double u : control) {
            sum += tolerance(u, 0, 0, 1, Sigmoid.QUADRATIC, 0);
        }
        return sum / control.length;
    }
}
