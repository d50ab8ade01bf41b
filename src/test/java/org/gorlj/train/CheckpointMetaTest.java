package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-finite meta values (no evaluation yet: best -inf, last NaN) survive a checkpoint round trip. */
class CheckpointMetaTest {
    @Test
    void nonFiniteMetaValuesRoundTrip(@TempDir Path tmp) throws Exception {
        CheckpointData ck = new CheckpointData();
        ck.meta().put("best_eval", Double.NEGATIVE_INFINITY);
        ck.meta().put("last_eval", Double.NaN);
        ck.meta().put("up", Double.POSITIVE_INFINITY);
        ck.meta().put("seconds", 1.5);
        Path f = tmp.resolve("c.ckpt");
        ck.write(f);
        CheckpointData back = CheckpointData.read(f);
        assertThat(back.metaDouble("best_eval")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(back.metaDouble("last_eval")).isNaN();
        assertThat(back.metaDouble("up")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(back.metaDouble("seconds")).isEqualTo(1.5);
    }
}
