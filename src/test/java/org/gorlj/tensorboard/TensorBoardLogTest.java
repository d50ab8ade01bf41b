package org.gorlj.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.gorlj.run.MetricsLog;
import org.gorlj.train.RunConfig;
import org.gorlj.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A run's event file read back through its framing (both checksums of every record verified) holds
 * the file version, the settings, and exactly one event per metrics row with every numeric cell of the
 * row as a scalar at the row's global step; a resumed run appends without repeating or losing a point;
 * turning it off changes no metrics row.
 */
class TensorBoardLogTest {
    private static final List<String> TINY = List.of(
            "num_envs=2",
            "num_steps=64",
            "num_minibatches=2",
            "eval_episodes=1",
            "eval_every=256",
            "total_steps=512",
            "checkpoint_at_step=256");

    @TempDir
    Path tmp;

    private static Path train(Path dir, List<String> extra) throws Exception {
        List<String> settings = new ArrayList<>(TINY);
        settings.addAll(extra);
        Trainer.create(dir, RunConfig.resolve("classic/pendulum", "ppo", "auto", settings), null)
                .train();
        return dir;
    }

    /** The events of the run's one event file, every record's checksums verified. */
    private static List<Event> events(Path run) throws Exception {
        Path file = TensorBoardLog.eventFile(run.resolve(TensorBoardLog.DIR));
        assertThat(file).isNotNull();
        RecordFile.Records r = RecordFile.read(file);
        assertThat(r.intact())
                .as("every record complete with matching checksums")
                .isTrue();
        List<Event> out = new ArrayList<>();
        for (byte[] d : r.data()) {
            out.add(Event.parseFrom(d));
        }
        return out;
    }

    /** The file version, the settings, then each metrics row's numeric cells at its global step, nothing else. */
    private static void assertMatchesMetrics(Path run) throws Exception {
        List<Event> ev = events(run);
        List<Map<String, String>> rows = MetricsLog.read(run.resolve("metrics.csv"));
        assertThat(ev).hasSize(2 + rows.size());
        assertThat(ev.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        Summary.Value config = ev.get(1).getSummary().getValue(0);
        assertThat(config.getTag()).isEqualTo("config");
        assertThat(config.getMetadata().getPluginData().getPluginName()).isEqualTo("text");
        assertThat(config.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8))
                .contains("| total_steps | 512 |")
                .contains("| algo | ppo |");
        for (int i = 0; i < rows.size(); i++) {
            Event e = ev.get(2 + i);
            Map<String, String> row = rows.get(i);
            assertThat(e.getStep()).isEqualTo(Long.parseLong(row.get("global_step")));
            List<String> tags = new ArrayList<>();
            for (Summary.Value v : e.getSummary().getValueList()) {
                tags.add(v.getTag());
                assertThat(v.getSimpleValue()).as("row %d, %s", i, v.getTag()).isEqualTo((float)
                        Double.parseDouble(row.get(v.getTag())));
            }
            List<String> numeric = row.entrySet().stream()
                    .filter(c -> TensorBoardLog.numeric(c.getValue()) != null)
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(tags).containsExactlyElementsOf(numeric);
            assertThat(tags).contains("global_step", "policy_loss", "sps");
        }
        assertThat(ev.getLast().getSummary().getValueList())
                .anyMatch(v -> v.getTag().equals("episodic_return"))
                .anyMatch(v -> v.getTag().equals("eval_return"));
    }

    @Test
    void everyScalarOfMetricsCsvOnceAndResumeAppends() throws Exception {
        Path run = train(tmp.resolve("run"), List.of());
        assertMatchesMetrics(run);
        Path file = TensorBoardLog.eventFile(run.resolve(TensorBoardLog.DIR));
        byte[] whole = Files.readAllBytes(file);
        List<Event> before = events(run);

        // as if killed after its last row but with the checkpoint of row 2: the resume cuts back and appends
        Path ck = run.resolve("checkpoints");
        Files.copy(ck.resolve("step-256.ckpt"), ck.resolve("latest.ckpt"), StandardCopyOption.REPLACE_EXISTING);
        Trainer.open(run, null).train();
        assertMatchesMetrics(run);
        assertThat(TensorBoardLog.eventFile(run.resolve(TensorBoardLog.DIR))).isEqualTo(file);
        long keptBytes = RecordFile.read(file).ends().get(3);
        assertThat(Arrays.copyOf(Files.readAllBytes(file), (int) keptBytes))
                .as("the first two rows' records are kept as written")
                .isEqualTo(Arrays.copyOf(whole, (int) keptBytes));
        List<Event> after = events(run);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 2; i < after.size(); i++) {
            assertThat(after.get(i).getStep()).isEqualTo(before.get(i).getStep());
        }

        // a run without an event file (TensorBoard was off, or an older run) gets it rewritten from metrics.csv
        Files.delete(file);
        Trainer.open(run, null).train();
        assertMatchesMetrics(run);
    }

    @Test
    void offWritesNothingAndChangesNoMetricsRow() throws Exception {
        Path on = train(tmp.resolve("on"), List.of());
        Path off = train(tmp.resolve("off"), List.of("tensorboard=false"));
        assertThat(off.resolve(TensorBoardLog.DIR)).doesNotExist();
        List<Map<String, String>> a = MetricsLog.read(on.resolve("metrics.csv"));
        List<Map<String, String>> b = MetricsLog.read(off.resolve("metrics.csv"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            Map<String, String> x = new java.util.LinkedHashMap<>(a.get(i));
            Map<String, String> y = new java.util.LinkedHashMap<>(b.get(i));
            x.keySet().removeAll(MetricsLog.WALL_CLOCK_COLUMNS);
            y.keySet().removeAll(MetricsLog.WALL_CLOCK_COLUMNS);
            assertThat(y).isEqualTo(x);
        }
    }

    @Test
    void framingChecksumsAreTensorFlowsMaskedCrc32c() throws Exception {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).as("the Castagnoli check value").isEqualTo(0xE3069283L);
        int c = (int) crc.getValue();
        assertThat(RecordFile.maskedCrc("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9))
                .isEqualTo(((c >>> 15) | (c << 17)) + 0xa282ead8);

        byte[] data = "event".getBytes(StandardCharsets.US_ASCII);
        Path f = tmp.resolve("records");
        byte[] framed = RecordFile.frame(data);
        assertThat(framed).hasSize(data.length + 16);
        Files.write(f, framed);
        assertThat(RecordFile.read(f).intact()).isTrue();
        assertThat(RecordFile.read(f).data().getFirst()).isEqualTo(data);
        for (int flip : new int[] {0, 9, 13, framed.length - 1}) {
            byte[] bad = framed.clone();
            bad[flip] ^= 1;
            Files.write(f, bad);
            assertThat(RecordFile.read(f).intact()).as("byte %d flipped", flip).isFalse();
            assertThat(RecordFile.read(f).data()).isEmpty();
        }
    }
}
