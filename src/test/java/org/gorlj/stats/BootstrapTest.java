package org.gorlj.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The bootstrap interval against a hand enumeration, and the drawn resamples against the exact interval. */
class BootstrapTest {
    /**
     * {1, 2, 6}: 27 equally likely resamples. Sorted means start 1 (1,1,1), 4/3 (three orders of
     * 1,1,2) and end 14/3 (three orders of 6,6,2), 6 (6,6,6). The 2.5 % quantile sits at position
     * 26 * 0.025 = 0.65: 1 + 0.65 (4/3 - 1); the 97.5 % quantile at 26 * 0.975 = 25.35: 14/3 + 0.35 (6 - 14/3).
     */
    @Test
    void threeValuesMatchTheHandEnumeration() {
        Interval ci = Bootstrap.interval95(new double[] {6, 1, 2});
        assertThat(ci.low()).isCloseTo(1 + 0.65 / 3, within(1e-12));
        assertThat(ci.high()).isCloseTo(14.0 / 3 + 0.35 * 4 / 3, within(1e-12));
    }

    /** Two values: resample means 1, 2, 2, 3; position 3 * 0.025 = 0.075 and 3 * 0.975 = 2.925. */
    @Test
    void twoValuesMatchTheHandEnumeration() {
        Interval ci = Bootstrap.interval95(new double[] {1, 3});
        assertThat(ci.low()).isCloseTo(1.075, within(1e-12));
        assertThat(ci.high()).isCloseTo(2.925, within(1e-12));
    }

    /**
     * At level 0.90 the quantiles are the 5 % and 95 % ones: {1, 3} at positions 0.15 and 2.85 of
     * 1, 2, 2, 3; {1, 2, 6} at 26 * 0.05 = 1.3 and 24.7, inside the runs of three 4/3 and three 14/3.
     */
    @Test
    void aNinetyPercentIntervalTakesTheFivePercentTails() {
        Interval two = Bootstrap.interval(new double[] {1, 3}, 0.90);
        assertThat(two.low()).isCloseTo(1.15, within(1e-12));
        assertThat(two.high()).isCloseTo(2.85, within(1e-12));
        Interval three = Bootstrap.interval(new double[] {6, 1, 2}, 0.90);
        assertThat(three.low()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(three.high()).isCloseTo(14.0 / 3, within(1e-12));
        assertThatThrownBy(() -> Bootstrap.interval(new double[] {1, 3}, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in (0, 1)");
    }

    @Test
    void oneValueIsAPointAndEqualValuesTheirValue() {
        assertThat(Bootstrap.interval95(new double[] {4})).isEqualTo(new Interval(4, 4));
        assertThat(Bootstrap.interval95(new double[] {2, 2, 2, 2, 2, 2, 2})).isEqualTo(new Interval(2, 2));
    }

    /**
     * Six values (6^6 = 46,656 resamples, more than {@link Bootstrap#RESAMPLES}): the drawn interval
     * is the one {@code interval95} gives, reproducible, and within 2 % of the range of the exact one.
     */
    @Test
    void drawnResamplesApproachTheExactInterval() {
        double[] values = {3, -1, 8, 0, 12, 5};
        Interval exact = Bootstrap.exact(values, Bootstrap.LEVEL_95);
        Interval drawn = Bootstrap.interval95(values);
        assertThat(drawn).isEqualTo(Bootstrap.sampled(values, Bootstrap.LEVEL_95, Bootstrap.RESAMPLES, Bootstrap.SEED));
        assertThat(Bootstrap.interval95(values)).isEqualTo(drawn);
        assertThat(drawn.low()).isCloseTo(exact.low(), within(0.02 * 13));
        assertThat(drawn.high()).isCloseTo(exact.high(), within(0.02 * 13));
        assertThat(exact.low()).isLessThan(Descriptive.mean(values)).isGreaterThan(-1);
        assertThat(exact.high()).isGreaterThan(Descriptive.mean(values)).isLessThan(12);
    }
}
