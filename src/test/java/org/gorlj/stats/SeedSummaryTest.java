package org.gorlj.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The summary of a sample and of paired differences against hand computations. */
class SeedSummaryTest {
    @Test
    void summaryOfASample() {
        SeedSummary s = SeedSummary.of(new double[] {1, 2, 6});
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(3);
        assertThat(s.std()).isCloseTo(Math.sqrt(7), within(1e-12));
        assertThat(s.iqm()).isCloseTo((1 + 4 * 2 + 6) / 6.0, within(1e-12));
        assertThat(s.ci95()).isEqualTo(Bootstrap.interval95(new double[] {1, 2, 6}));
    }

    /**
     * Arm A {10, 20, 30}, arm B {9, 15, 29} per seed: differences {1, 5, 1}, mean 7/3. Sorted
     * resample means begin 1 (8 of the 27 resamples draw only the two 1s) and end 11/3 (two 5s and one
     * of the 1s: 6 resamples), 5 (5,5,5): the interval is [1, 11/3 + 0.35 (5 - 11/3)], which excludes 0.
     */
    @Test
    void pairedDifferencePerSeed() {
        SeedSummary d = SeedSummary.paired(new double[] {10, 20, 30}, new double[] {9, 15, 29});
        assertThat(d.mean()).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(d.ci95().low()).isCloseTo(1, within(1e-12));
        assertThat(d.ci95().high()).isCloseTo(11.0 / 3 + 0.35 * 4 / 3, within(1e-12));
        assertThat(d.showsDifference()).isTrue();
        // differences {-1, 2, 2}: means begin -1, 0 (two -1s and a 2: 6 resamples) and end 2 (8 resamples):
        // the interval [-1 + 0.65 (0 - -1), 2] contains 0, so no difference is shown
        SeedSummary none = SeedSummary.paired(new double[] {0, 5, 7}, new double[] {1, 3, 5});
        assertThat(none.ci95().low()).isCloseTo(-1 + 0.65, within(1e-12));
        assertThat(none.ci95().high()).isCloseTo(2, within(1e-12));
        assertThat(none.showsDifference()).isFalse();
    }
}
