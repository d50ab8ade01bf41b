package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RewardsTest {
    private static final double EPS = 1e-12;

    @ParameterizedTest
    @EnumSource(Sigmoid.class)
    void isOneInsideTheBoundsIncludingTheBoundsThemselves(Sigmoid s) {
        for (double x : new double[] {-1, -0.3, 0, 2}) {
            assertThat(Rewards.tolerance(x, -1, 2, 0.5, s, 0.5)).isEqualTo(1.0);
        }
        assertThat(Rewards.tolerance(1e9, 3, Double.POSITIVE_INFINITY, 1, s, 0.5))
                .isEqualTo(1.0);
        assertThat(Rewards.tolerance(-1e9, Double.NEGATIVE_INFINITY, 0, 1, s, 0.5))
                .isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Sigmoid.class)
    void withoutMarginIsAnIndicator(Sigmoid s) {
        assertThat(Rewards.tolerance(2.0001, -1, 2, 0, s, 0.5)).isEqualTo(0.0);
        assertThat(Rewards.tolerance(-1.0001, -1, 2, 0, s, 0.5)).isEqualTo(0.0);
        assertThat(Rewards.tolerance(-1.0, -1, 2, 0, s, 0.5)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Sigmoid.class)
    void equalsValueAtMarginOneMarginAwayOnEitherSide(Sigmoid s) {
        for (double v : new double[] {0.01, 0.1, 0.5, 0.9}) {
            assertThat(Rewards.tolerance(2 + 0.5, -1, 2, 0.5, s, v))
                    .as("above, v=%s", v)
                    .isCloseTo(v, within(1e-9));
            assertThat(Rewards.tolerance(-1 - 0.5, -1, 2, 0.5, s, v))
                    .as("below, v=%s", v)
                    .isCloseTo(v, within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(Sigmoid.class)
    void decreasesAwayFromTheBoundsAndStaysInUnitInterval(Sigmoid s) {
        double previous = 1;
        for (double d = 0.05; d < 6; d += 0.05) {
            double value = Rewards.tolerance(1 + d, 0, 1, 1, s, 0.3);
            assertThat(value).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = value;
        }
        assertThat(Rewards.tolerance(1.5, 0, 1, 1, s, 0.3)).isLessThan(1.0).isGreaterThan(0.3);
    }

    @Test
    void gaussianIsValueAtMarginToTheSquaredDistance() {
        assertThat(Rewards.tolerance(3, 0, 1, 1, Sigmoid.GAUSSIAN, 0.1)).isCloseTo(1e-4, within(EPS)); // 0.1^(2^2)
        assertThat(Rewards.tolerance(1.5, 0, 1, 1, Sigmoid.GAUSSIAN, 0.1)).isCloseTo(Math.pow(0.1, 0.25), within(EPS));
        assertThat(Rewards.tolerance(1.5, 0, 1, 1)).isCloseTo(Math.pow(0.1, 0.25), within(EPS)); // default shaping
    }

    @Test
    void hyperbolicAtTwiceTheMargin() {
        // k = arccosh(2), cosh(2k) = 2 cosh(k)^2 - 1 = 7
        assertThat(Rewards.tolerance(2, 0, 0, 1, Sigmoid.HYPERBOLIC, 0.5)).isCloseTo(1.0 / 7, within(EPS));
    }

    @Test
    void longTailAndReciprocal() {
        // v = 0.5 gives k = 1 for both
        assertThat(Rewards.tolerance(2, 0, 0, 1, Sigmoid.LONG_TAIL, 0.5)).isCloseTo(0.2, within(EPS));
        assertThat(Rewards.tolerance(-3, 0, 0, 1, Sigmoid.LONG_TAIL, 0.5)).isCloseTo(0.1, within(EPS));
        assertThat(Rewards.tolerance(3, 0, 0, 1, Sigmoid.RECIPROCAL, 0.5)).isCloseTo(0.25, within(EPS));
    }

    @Test
    void cosineReachesZeroAtTwiceTheMarginForHalfValue() {
        // v = 0.5 gives k = 1/2
        assertThat(Rewards.tolerance(0.5, 0, 0, 1, Sigmoid.COSINE, 0.5))
                .isCloseTo((1 + Math.sqrt(0.5)) / 2, within(EPS));
        assertThat(Rewards.tolerance(1.5, 0, 0, 1, Sigmoid.COSINE, 0.5))
                .isCloseTo((1 - Math.sqrt(0.5)) / 2, within(EPS));
        assertThat(Rewards.tolerance(2, 0, 0, 1, Sigmoid.COSINE, 0.5)).isEqualTo(0.0);
        assertThat(Rewards.tolerance(5, 0, 0, 1, Sigmoid.COSINE, 0.5)).isEqualTo(0.0);
    }

    @Test
    void linearAndQuadratic() {
        assertThat(Rewards.tolerance(1.5, 0, 0, 1, Sigmoid.LINEAR, 0.5)).isCloseTo(0.25, within(EPS));
        assertThat(Rewards.tolerance(2, 0, 0, 1, Sigmoid.LINEAR, 0.5)).isEqualTo(0.0);
        assertThat(Rewards.tolerance(0.5, 0, 0, 1, Sigmoid.QUADRATIC, 0.5)).isCloseTo(0.875, within(EPS));
        assertThat(Rewards.tolerance(Math.sqrt(2), 0, 0, 1, Sigmoid.QUADRATIC, 0.5))
                .isCloseTo(0.0, within(1e-12));
        assertThat(Rewards.tolerance(3, 0, 0, 1, Sigmoid.QUADRATIC, 0.5)).isEqualTo(0.0);
    }

    @Test
    void tanhSquaredAtTwiceTheMargin() {
        // t = tanh(k) = sqrt(1/2); tanh(2k) = 2t / (1 + t^2); 1 - tanh(2k)^2 = 1/9
        assertThat(Rewards.tolerance(2, 0, 0, 1, Sigmoid.TANH_SQUARED, 0.5)).isCloseTo(1.0 / 9, within(EPS));
    }

    @Test
    void closedFormsUsedByTheTasks() {
        for (double u = -1.5; u <= 1.5; u += 0.125) {
            double small = Rewards.tolerance(u, 0, 0, 1, Sigmoid.QUADRATIC, 0);
            assertThat(small).isCloseTo(Math.abs(u) < 1 ? 1 - u * u : 0, within(EPS));
        }
        for (double s : new double[] {1, 2, 8}) {
            for (double vx = -2; vx <= 12; vx += 0.25) {
                double move = Rewards.tolerance(vx, s, Double.POSITIVE_INFINITY, s / 2, Sigmoid.LINEAR, 0.5);
                assertThat(move).isCloseTo(Math.clamp(vx / s, 0, 1), within(EPS));
            }
        }
        for (double vx = -2; vx <= 12; vx += 0.25) {
            double run = Rewards.tolerance(vx, 10, Double.POSITIVE_INFINITY, 10, Sigmoid.LINEAR, 0);
            assertThat(run).isCloseTo(Math.clamp(vx / 10, 0, 1), within(EPS));
        }
    }

    @Test
    void meanSmallControlAveragesOneMinusSquares() {
        assertThat(Rewards.meanSmallControl(new double[] {0, 0.5, -1, 2}))
                .isCloseTo((1 + 0.75 + 0 + 0) / 4, within(EPS));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> Rewards.tolerance(0, 1, 0, 1, Sigmoid.GAUSSIAN, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rewards.tolerance(0, 0, 1, -1, Sigmoid.GAUSSIAN, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rewards.tolerance(5, 0, 1, 1, Sigmoid.GAUSSIAN, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rewards.tolerance(5, 0, 1, 1, Sigmoid.HYPERBOLIC, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rewards.tolerance(0.5, 0, 1, 1, Sigmoid.LINEAR, 1))
                .as("rejected even inside the bounds, as dm_control does")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Rewards.tolerance(5, 0, 1, 1, Sigmoid.LINEAR, 0)).isEqualTo(0.0);
        assertThat(Rewards.tolerance(5, 0, 1, 0, Sigmoid.GAUSSIAN, 0))
                .as("v ignored without margin")
                .isEqualTo(0.0);
    }
}
