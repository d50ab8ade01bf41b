package org.gorlj.env.dmc;

/**
 * The shapes with which {@link Rewards#tolerance} decays outside its bounds, as in dm_control's
 * {@code rewards.py}. Each maps a normalised distance {@code d >= 0} (distance from the bounds in
 * units of the margin) to a value in [0, 1] with {@code s(0) = 1} and {@code s(1) = valueAtMargin}.
 */
public enum Sigmoid {
    /** {@code exp(-(k d)^2 / 2)} with {@code k = sqrt(-2 ln v)}, i.e. {@code v^(d^2)}. */
    GAUSSIAN(false) {
        @Override
        double shape(double d, double v) {
            double k = Math.sqrt(-2 * StrictMath.log(v));
            double kd = k * d;
            return StrictMath.exp(-0.5 * kd * kd);
        }
    },
    /** {@code 1 / cosh(k d)} with {@code k = arccosh(1 / v)}. */
    HYPERBOLIC(false) {
        @Override
        double shape(double d, double v) {
            return 1 / StrictMath.cosh(acosh(1 / v) * d);
        }
    },
    /** {@code 1 / ((k d)^2 + 1)} with {@code k = sqrt(1 / v - 1)}. */
    LONG_TAIL(false) {
        @Override
        double shape(double d, double v) {
            double kd = Math.sqrt(1 / v - 1) * d;
            return 1 / (kd * kd + 1);
        }
    },
    /** {@code 1 / (k |d| + 1)} with {@code k = 1 / v - 1}. */
    RECIPROCAL(false) {
        @Override
        double shape(double d, double v) {
            return 1 / ((1 / v - 1) * Math.abs(d) + 1);
        }
    },
    /** {@code (1 + cos(pi k d)) / 2} while {@code k |d| < 1}, else 0, with {@code k = arccos(2v - 1) / pi}. */
    COSINE(true) {
        @Override
        double shape(double d, double v) {
            double kd = StrictMath.acos(2 * v - 1) / Math.PI * d;
            return Math.abs(kd) < 1 ? (1 + StrictMath.cos(Math.PI * kd)) / 2 : 0;
        }
    },
    /** {@code 1 - k d} while {@code k |d| < 1}, else 0, with {@code k = 1 - v}. */
    LINEAR(true) {
        @Override
        double shape(double d, double v) {
            double kd = (1 - v) * d;
            return Math.abs(kd) < 1 ? 1 - kd : 0;
        }
    },
    /** {@code 1 - (k d)^2} while {@code k |d| < 1}, else 0, with {@code k = sqrt(1 - v)}. */
    QUADRATIC(true) {
        @Override
        double shape(double d, double v) {
            double kd = Math.sqrt(1 - v) * d;
            return Math.abs(kd) < 1 ? 1 - kd * kd : 0;
        }
    },
    /** {@code 1 - tanh(k d)^2} with {@code k = arctanh(sqrt(1 - v))}. */
    TANH_SQUARED(false) {
        @Override
        double shape(double d, double v) {
            double t = StrictMath.tanh(atanh(Math.sqrt(1 - v)) * d);
            return 1 - t * t;
        }
    };

    private final boolean allowsZero;

    Sigmoid(boolean allowsZero) {
        this.allowsZero = allowsZero;
    }

    /** The value at normalised distance {@code d}, given the value {@code v} required at {@code d = 1}. */
    abstract double shape(double d, double v);

    /** Whether {@code v} is a valid value at the margin: (0, 1), or [0, 1) for the sigmoids that reach zero. */
    boolean acceptsValueAtMargin(double v) {
        return (allowsZero ? v >= 0 : v > 0) && v < 1;
    }

    private static double acosh(double y) {
        return StrictMath.log(y + Math.sqrt(y * y - 1));
    }

    private static double atanh(double y) {
        return 0.5 * StrictMath.log((1 + y) / (1 - y));
    }
}
