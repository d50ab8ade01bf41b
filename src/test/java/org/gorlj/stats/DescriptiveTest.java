package org.gorlj.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mean, sample std, IQM, success rate and quantiles against hand computations. */
class DescriptiveTest {
    @Test
    void meanAndSampleStd() {
        assertThat(Descriptive.mean(new double[] {1, 2, 6})).isEqualTo(3);
        // squares of deviations 4 + 1 + 9 = 14 over n - 1 = 2
        assertThat(Descriptive.sampleStd(new double[] {1, 2, 6})).isCloseTo(Math.sqrt(7), within(1e-12));
        assertThat(Descriptive.sampleStd(new double[] {5})).isNaN();
        assertThatThrownBy(() -> Descriptive.mean(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iqmWeighsTheMiddleHalfOfTheMass() {
        // n = 4: exactly the middle two values, whatever the outliers
        assertThat(Descriptive.iqm(new double[] {100, 1, 3, 2})).isEqualTo(2.5);
        // n = 3, masses 1/3: 0 holds 1/12 of [0.25, 0.75], 3 holds 1/3, 12 holds 1/12: (0 + 4*3 + 12) / 6
        assertThat(Descriptive.iqm(new double[] {12, 0, 3})).isCloseTo(4, within(1e-12));
        // n = 5, masses 0.2: weights 0.15, 0.2, 0.15 of the 2nd to 4th values over 0.5
        assertThat(Descriptive.iqm(new double[] {1, 2, 3, 4, 100}))
                .isCloseTo(0.3 * 2 + 0.4 * 3 + 0.3 * 4, within(1e-12));
        // n = 8: the middle four, as rliable's trim_mean(x, 0.25)
        assertThat(Descriptive.iqm(new double[] {-50, 1, 2, 3, 4, 5, 6, 90})).isCloseTo(3.5, within(1e-12));
        assertThat(Descriptive.iqm(new double[] {7})).isEqualTo(7);
        assertThat(Descriptive.iqm(new double[] {1, 3})).isCloseTo(2, within(1e-12));
    }

    @Test
    void successRateCountsValuesAtOrAboveTheThreshold() {
        assertThat(Descriptive.successRate(new double[] {-250, -200, -150}, -200))
                .isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Descriptive.successRate(new double[] {1, 2}, 3)).isZero();
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] sorted = {10, 20, 30, 40, 50};
        assertThat(Descriptive.quantileOfSorted(sorted, 0)).isEqualTo(10);
        assertThat(Descriptive.quantileOfSorted(sorted, 1)).isEqualTo(50);
        assertThat(Descriptive.quantileOfSorted(sorted, 0.5)).isEqualTo(30);
        // h = 4 * 0.3 = 1.2: 20 + 0.2 * 10
        assertThat(Descriptive.quantileOfSorted(sorted, 0.3)).isCloseTo(22, within(1e-12));
    }
}
