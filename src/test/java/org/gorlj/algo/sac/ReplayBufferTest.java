package org.gorlj.algo.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    /** Adds transition i with obs (i, -i), x i/10, reward i, next obs (i+1, -(i+1)), terminated when i % 3 == 0. */
    static void addNumbered(ReplayBuffer b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            b.add(
                    new float[] {i, -i},
                    new float[] {i / 10f},
                    new double[] {i},
                    new float[] {i + 1, -(i + 1)},
                    new boolean[] {i % 3 == 0},
                    1);
        }
    }

    @Test
    void keepsTheLatestCapacityTransitionsAndTheirTerminationFlags() {
        ReplayBuffer b = new ReplayBuffer(5, 2, 1);
        addNumbered(b, 0, 8); // 0..7, capacity 5: 3..7 remain
        assertThat(b.size()).isEqualTo(5);
        ReplayBuffer.Batch out = new ReplayBuffer.Batch(200, 2, 1);
        b.sample(new Rng(1), out);
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int r = 0; r < out.size(); r++) {
            int i = (int) out.rewards()[r];
            seen.add(i);
            assertThat(out.obs()[2 * r]).isEqualTo(i);
            assertThat(out.obs()[2 * r + 1]).isEqualTo(-i);
            assertThat(out.x()[r]).isEqualTo(i / 10f);
            assertThat(out.nextObs()[2 * r]).isEqualTo(i + 1);
            assertThat(out.notTerminated()[r]).isEqualTo(i % 3 == 0 ? 0f : 1f);
        }
        assertThat(seen).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void samplesUniformly() {
        ReplayBuffer b = new ReplayBuffer(100, 2, 1);
        addNumbered(b, 0, 4);
        ReplayBuffer.Batch out = new ReplayBuffer.Batch(40_000, 2, 1);
        b.sample(new Rng(2), out);
        int[] counts = new int[4];
        for (float r : out.rewards()) {
            counts[(int) r]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_600, 10_400); // 10,000 +- 4 standard deviations
        }
    }

    @Test
    void roundTripsThroughItsBinaryFormAndRejectsAnotherShape() throws IOException {
        ReplayBuffer b = new ReplayBuffer(7, 2, 1);
        addNumbered(b, 0, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.write(new DataOutputStream(bytes));
        ReplayBuffer copy = new ReplayBuffer(7, 2, 1);
        copy.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        ReplayBuffer.Batch x = new ReplayBuffer.Batch(64, 2, 1);
        ReplayBuffer.Batch y = new ReplayBuffer.Batch(64, 2, 1);
        b.sample(new Rng(3), x);
        copy.sample(new Rng(3), y);
        assertThat(y).usingRecursiveComparison().isEqualTo(x);
        // the write position survives too: the next addition overwrites the same slot in both
        addNumbered(b, 10, 1);
        addNumbered(copy, 10, 1);
        b.sample(new Rng(4), x);
        copy.sample(new Rng(4), y);
        assertThat(y).usingRecursiveComparison().isEqualTo(x);
        ReplayBuffer other = new ReplayBuffer(8, 2, 1);
        assertThatThrownBy(() -> other.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("capacity 7");
    }
}
