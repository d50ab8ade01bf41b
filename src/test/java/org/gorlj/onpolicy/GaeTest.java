package org.gorlj.onpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaeTest {
    /**
     * One copy, five steps: step 1 is truncated (bootstraps from its final observation's value),
     * step 3 terminates (no bootstrap), step 4 continues into the value after the rollout.
     */
    @Test
    void matchesHandComputationWithTruncationAndTermination() {
        double g = 0.9, l = 0.8;
        float[] r = {1, 2, 3, 4, 5};
        float[] v = {0.5f, 1.0f, 1.5f, 2.0f, 2.5f};
        boolean[] term = {false, false, false, true, false};
        boolean[] trunc = {false, true, false, false, false};
        float[] fin = {0, 7.0f, 0, 0, 0};
        float[] last = {3.0f};
        float[] adv = new float[5];
        float[] ret = new float[5];
        Gae.compute(5, 1, g, l, r, v, term, trunc, fin, last, adv, ret);

        double d4 = 5 + g * 3.0 - 2.5;
        double a4 = d4;
        double d3 = 4 - 2.0; // terminated
        double a3 = d3;
        double d2 = 3 + g * 2.0 - 1.5;
        double a2 = d2 + g * l * a3;
        double d1 = 2 + g * 7.0 - 1.0; // truncated: final observation's value, no carry
        double a1 = d1;
        double d0 = 1 + g * 1.0 - 0.5;
        double a0 = d0 + g * l * a1;
        double[] expected = {a0, a1, a2, a3, a4};
        for (int t = 0; t < 5; t++) {
            assertThat(adv[t]).as("advantage %d", t).isCloseTo((float) expected[t], within(1e-5f));
            assertThat(ret[t]).as("return %d", t).isCloseTo((float) (expected[t] + v[t]), within(1e-5f));
        }
    }

    @Test
    void copiesAreIndependentInTimeMajorLayout() {
        // two copies interleaved: copy 0 gets rewards 1,1, copy 1 gets 0,0 and terminates at t=0
        float[] r = {1, 0, 1, 0};
        float[] v = {0, 0, 0, 0};
        boolean[] term = {false, true, false, false};
        boolean[] trunc = new boolean[4];
        float[] adv = new float[4];
        float[] ret = new float[4];
        Gae.compute(2, 2, 1.0, 1.0, r, v, term, trunc, new float[4], new float[] {10, 20}, adv, ret);
        assertThat(adv[0]).isEqualTo(12f); // 1 + 1 + 10
        assertThat(adv[2]).isEqualTo(11f);
        assertThat(adv[1]).isEqualTo(0f); // terminated: reward 0, no bootstrap
        assertThat(adv[3]).isEqualTo(20f);
    }
}
