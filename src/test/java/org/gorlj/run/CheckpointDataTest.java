package org.gorlj.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDataTest {
    @Test
    void roundTripKeepsTensorsCountersNonFiniteNumbersAndState(@TempDir Path tmp) throws Exception {
        CheckpointData d = new CheckpointData();
        d.tensors().put("w", new float[] {1.5f, -2f, Float.MIN_VALUE});
        d.meta().put("steps", 123456789012L);
        d.meta().put("best", Double.NEGATIVE_INFINITY);
        d.meta().put("last", Double.NaN);
        d.meta().put("up", Double.POSITIVE_INFINITY);
        d.meta().put("x", 0.1);
        d.writeState(out -> {
            out.writeLong(42);
            out.writeDouble(Math.PI);
        });
        Path file = tmp.resolve("c.ckpt");
        d.write(file);
        assertThat(tmp.resolve("c.ckpt.tmp")).doesNotExist();
        CheckpointData r = CheckpointData.read(file);
        assertThat(r.tensor("w")).containsExactly(1.5f, -2f, Float.MIN_VALUE);
        assertThat(r.metaLong("steps")).isEqualTo(123456789012L);
        assertThat(r.metaDouble("best")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.metaDouble("last")).isNaN();
        assertThat(r.metaDouble("up")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.metaDouble("x")).isEqualTo(0.1);
        r.readState(in -> {
            assertThat(in.readLong()).isEqualTo(42);
            assertThat(in.readDouble()).isEqualTo(Math.PI);
        });
        assertThatThrownBy(() -> r.readState(in -> in.readLong())).hasMessageContaining("unread bytes");
        assertThatThrownBy(() -> r.tensor("nope")).hasMessageContaining("lacks tensor 'nope'");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> CheckpointData.read(file))
                .isInstanceOf(CheckpointData.CorruptCheckpointException.class);
    }
}
