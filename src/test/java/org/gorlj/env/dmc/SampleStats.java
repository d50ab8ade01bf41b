package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.gorlj.util.Rng;

/** Checks that draws of an initial-state component follow a stated distribution. */
final class SampleStats {
    static final int DRAWS = 20_000;

    private SampleStats() {}

    /** Draws {@code DRAWS} values and checks they lie in [low, high) with the mean and variance of U(low, high). */
    static void assertUniform(String what, ToDoubleFunction<Rng> draw, double low, double high) {
        double[] x = draw(draw);
        for (double v : x) {
            assertThat(v).as(what).isGreaterThanOrEqualTo(low).isLessThan(high);
        }
        double sd = (high - low) / Math.sqrt(12);
        assertMoments(what, x, (low + high) / 2, sd);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).as(what + " reaches near the lower end").isLessThan(low + 0.01 * (high - low));
        assertThat(max).as(what + " reaches near the upper end").isGreaterThan(high - 0.01 * (high - low));
    }

    /** Draws {@code DRAWS} values and checks their mean and standard deviation against a normal's. */
    static void assertNormal(String what, ToDoubleFunction<Rng> draw, double mean, double sd) {
        assertMoments(what, draw(draw), mean, sd);
    }

    private static double[] draw(ToDoubleFunction<Rng> draw) {
        Rng rng = new Rng(12345);
        double[] x = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            x[i] = draw.applyAsDouble(rng);
        }
        return x;
    }

    private static void assertMoments(String what, double[] x, double mean, double sd) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double m = sum / x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        double s = Math.sqrt(ss / (x.length - 1));
        assertThat(m).as(what + " mean").isCloseTo(mean, within(5 * sd / Math.sqrt(x.length) + 1e-15));
        assertThat(s).as(what + " standard deviation").isCloseTo(sd, within(0.03 * sd));
    }
}
