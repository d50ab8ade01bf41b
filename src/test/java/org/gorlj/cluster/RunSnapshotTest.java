package org.gorlj.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSnapshotTest {
    static final String METRICS = "iteration,global_step,x\n0,64,1.5\n1,128,2.5\n2,192,3.5\n3,25";

    @Test
    void theMetricsAreCutToTheRowsTheCheckpointCovers() {
        assertThat(RunSnapshot.cutMetrics(METRICS, 2))
                .containsExactly("iteration,global_step,x\n0,64,1.5\n1,128,2.5\n", "128");
        assertThat(RunSnapshot.cutMetrics(METRICS, 0)).containsExactly("iteration,global_step,x\n", "");
        assertThat(RunSnapshot.cutMetrics(METRICS, 4))
                .as("a half-written row is not a row")
                .isNull();
        assertThat(RunSnapshot.cutMetrics(METRICS, Long.MAX_VALUE)[1]).isEqualTo("192");
    }

    @Test
    void encodingRestoringAndCapturingGiveTheSameFiles(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("metrics.csv", "iteration,global_step\n0,64\n".getBytes(StandardCharsets.UTF_8));
        files.put("checkpoints/latest.ckpt", new byte[] {1, 2, 3});
        files.put("train.log", new byte[0]);
        RunSnapshot s = RunSnapshot.decode(new RunSnapshot(files, 64).encode());
        assertThat(s.steps()).isEqualTo(64);
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(dir.resolve("checkpoints/best.ckpt"), new byte[] {9}); // a leftover the snapshot lacks
        Files.writeString(dir.resolve("bench.json"), "{}");
        s.restore(dir);
        assertThat(dir.resolve("checkpoints/best.ckpt")).doesNotExist();
        assertThat(dir.resolve("bench.json")).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("checkpoints/latest.ckpt"))).containsExactly(1, 2, 3);
        Files.writeString(dir.resolve("run.lock"), "pid 1");
        RunSnapshot back = RunSnapshot.captureAll(dir);
        assertThat(back.files().keySet()).containsExactlyElementsOf(files.keySet());
        assertThat(back.steps()).isEqualTo(64);
        assertThat(back.size()).isEqualTo(s.size());
    }
}
