package org.gorlj.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class VecEnvTest {
    /** A finished copy hands back its last observation and is reset at once; statistics count the episode. */
    @Test
    void autoresetKeepsFinalObservation() {
        try (VecEnv v = new VecEnv(TaskRegistry.get("classic/pendulum"), 3, 1)) {
            v.reset(4);
            double[] actions = new double[3];
            double[] before = null;
            for (int t = 0; t < 200; t++) {
                if (t == 199) {
                    before = v.observations().clone();
                }
                v.step(actions);
                if (t < 199) {
                    assertThat(v.truncated()).containsExactly(false, false, false);
                }
            }
            assertThat(v.truncated()).containsExactly(true, true, true);
            assertThat(v.terminated()).containsExactly(false, false, false);
            // the final observation follows from the previous one; the current one is a fresh reset
            assertThat(v.finalObservations()).isNotEqualTo(v.observations());
            assertThat(v.finalObservations()[0] * v.finalObservations()[0]
                            + v.finalObservations()[1] * v.finalObservations()[1])
                    .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(before).isNotNull();
            var eps = v.drainFinishedEpisodes();
            assertThat(eps).hasSize(3);
            assertThat(eps).allMatch(e -> e.length() == 200);
            assertThat(v.drainFinishedEpisodes()).isEmpty();
        }
    }

    /** Results do not depend on the number of stepping threads, and a saved state continues identically. */
    @Test
    void threadsAndSaveLoadDoNotChangeTrajectories() throws Exception {
        Task task = TaskRegistry.get("classic/mountain-car-continuous");
        try (VecEnv a = new VecEnv(task, 5, 1);
                VecEnv b = new VecEnv(task, 5, 2);
                VecEnv c = new VecEnv(task, 5, 1)) {
            a.reset(9);
            b.reset(9);
            Rng ra = new Rng(1);
            double[] act = new double[5];
            for (int t = 0; t < 300; t++) {
                for (int i = 0; i < 5; i++) {
                    act[i] = ra.uniform(-1, 1);
                }
                a.step(act);
                b.step(act);
                assertThat(b.observations()).isEqualTo(a.observations());
                assertThat(b.rewards()).isEqualTo(a.rewards());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.saveState(new DataOutputStream(bytes));
            c.reset(123);
            c.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            for (int t = 0; t < 1200; t++) {
                for (int i = 0; i < 5; i++) {
                    act[i] = ra.uniform(-1, 1);
                }
                a.step(act);
                c.step(act);
                assertThat(c.observations()).isEqualTo(a.observations());
                assertThat(c.truncated()).isEqualTo(a.truncated());
            }
        }
    }
}
