package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Native memory is freed deterministically: loading and closing thousands of models and datas, or
 * resetting a data many times, leaves the resident set flat. (A leaked hopper model+data holds about
 * 10 MB of solver stack, so a leak of 2,000 pairs would show as gigabytes, far above the tolerance.)
 */
class MjMemoryTest {
    private static final long TOLERANCE_KB = 64 * 1024;

    @Test
    void creatingAndClosingModelAndDataPairsLeavesRssFlat() {
        for (int i = 0; i < 200; i++) {
            makeAndClosePair();
        }
        long before = MemoryProbe.rssKb();
        for (int i = 0; i < 2_000; i++) {
            makeAndClosePair();
        }
        long after = MemoryProbe.rssKb();
        assertThat(after - before).as("RSS growth in kB over 2,000 pairs").isLessThan(TOLERANCE_KB);
    }

    @Test
    void resettingDataLeavesRssFlat() {
        try (MjModel m = MjModel.loadResource("models/gym/hopper.xml");
                MjData d = m.makeData()) {
            for (int i = 0; i < 2_000; i++) {
                d.reset();
            }
            long before = MemoryProbe.rssKb();
            for (int i = 0; i < 20_000; i++) {
                d.reset();
            }
            assertThat(MemoryProbe.rssKb() - before)
                    .as("RSS growth in kB over 20,000 resets")
                    .isLessThan(TOLERANCE_KB);
        }
    }

    private static void makeAndClosePair() {
        try (MjModel m = MjModel.loadResource("models/gym/hopper.xml");
                MjData d = m.makeData()) {
            d.step();
        }
    }
}
