package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench's {@code [done]} line writes returns as the results tables do. */
class BenchDoneLineTest {
    private static RunSummary summary(double train, double eval) {
        return new RunSummary(102_400, train, eval, 50, 0, 0, 12.4, 8_258.1, 512.6);
    }

    @Test
    void smallReturnsKeepThreeDecimalsAndLargeOnesOne() {
        assertThat(Bench.doneLine("classic/two-modes ppo seed 1", summary(0.9456, 0.9871)))
                .isEqualTo("[done  ] classic/two-modes ppo seed 1: 102,400 steps in 12 s (8,258 steps/s, "
                        + "peak RSS 513 MiB), final eval 0.987, final training return 0.946");
        assertThat(Bench.doneLine("dmc/cheetah-run P seed 1", summary(533.6, 526.7041)))
                .endsWith("final eval 526.7, final training return 533.6");
    }
}
