package org.gorlj.tensorboard;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gorlj.config.Config;
import org.gorlj.run.MetricsLog;
import org.gorlj.util.IoErrors;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A run's TensorBoard event file, {@code tb/events.out.tfevents.<seconds>.gorlj}, written beside
 * {@code metrics.csv} with TensorFlow's own Event and Summary messages (TensorFlow Java's generated
 * protocol classes) in TFRecord framing ({@link RecordFile}).
 *
 * <p>Records: the file-version event ({@code brain.Event:2}), the run's settings as a text summary
 * (tag {@code config}, a Markdown table), then one event per metrics row: its step is the row's
 * {@code global_step}, and it holds a scalar for every numeric cell of the row, tagged with the column's
 * name (values as 32-bit floats, the precision of TensorBoard scalars). Decoder rows of GoRL share the
 * step of the collection that preceded them.
 *
 * <p>Resume: the file is cut back to its first 2 + rows records, the rows the checkpoint covers
 * (as {@code metrics.csv} is), and appended to, so TensorBoard shows one curve without repeated or
 * missing points. A file that is missing or shorter (a run started with TensorBoard off, or before
 * event files existed) is rewritten from {@code metrics.csv}'s kept rows.
 */
public final class TensorBoardLog implements AutoCloseable {
    /** The run directory's folder of event files. */
    public static final String DIR = "tb";

    private static final String PREFIX = "events.out.tfevents.";
    private static final int HEADER_RECORDS = 2;

    private final Path file;
    private final OutputStream out;

    private TensorBoardLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** A log that writes nothing (TensorBoard turned off). */
    public static TensorBoardLog off() {
        return new TensorBoardLog(null, null);
    }

    /**
     * The event file of a run with the given settings (the {@code tensorboard} knob off: a log that writes nothing),
     * opened by {@link #open} with {@code header} (task, algorithm, preset) and the settings as its config text.
     */
    public static TensorBoardLog forRun(Path runDir, Config config, Map<String, ?> header, long rows)
            throws IOException {
        if (!config.getBool("tensorboard")) {
            return off();
        }
        Map<String, Object> settings = new LinkedHashMap<>(header);
        settings.putAll(config.asMap());
        return open(runDir, settings, rows);
    }

    /**
     * Opens the event file of the run in {@code runDir} for a run whose {@code metrics.csv} holds {@code rows} rows
     * (0: a new run, any earlier event file is replaced); {@code settings} are shown as the config text.
     */
    public static TensorBoardLog open(Path runDir, Map<String, ?> settings, long rows) throws IOException {
        Path dir = runDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
            Path existing = eventFile(dir);
            if (rows > 0 && existing != null) {
                RecordFile.Records r = RecordFile.read(existing);
                if (r.data().size() >= HEADER_RECORDS + rows) {
                    long end = r.ends().get((int) (HEADER_RECORDS + rows - 1));
                    try (FileChannel ch = FileChannel.open(existing, StandardOpenOption.WRITE)) {
                        ch.truncate(end);
                    }
                    return new TensorBoardLog(existing, Files.newOutputStream(existing, StandardOpenOption.APPEND));
                }
            }
            if (existing != null) {
                Files.delete(existing);
            }
            Path file = dir.resolve(PREFIX + System.currentTimeMillis() / 1000 + ".gorlj");
            TensorBoardLog log = new TensorBoardLog(file, Files.newOutputStream(file, StandardOpenOption.CREATE_NEW));
            log.write(Event.newBuilder()
                    .setWallTime(now())
                    .setFileVersion("brain.Event:2")
                    .build());
            log.write(configEvent(settings));
            if (rows > 0) {
                for (Map<String, String> row :
                        MetricsLog.read(runDir.resolve("metrics.csv")).subList(0, (int) rows)) {
                    log.write(scalars(row));
                }
            }
            log.out.flush();
            return log;
        } catch (IOException e) {
            throw IoErrors.naming(dir, e);
        }
    }

    /** The event file in {@code dir}, or null; a folder holding several is not one this class wrote. */
    static Path eventFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .sorted()
                    .toList();
            return files.isEmpty() ? null : files.getLast();
        }
    }

    /** Appends the scalars of one metrics row (its numeric cells) at its {@code global_step}, flushed. */
    public void append(Map<String, ?> row) throws IOException {
        if (out == null) {
            return;
        }
        try {
            write(scalars(row));
            out.flush();
        } catch (IOException e) {
            throw IoErrors.naming(file, e);
        }
    }

    private void write(Event e) throws IOException {
        RecordFile.write(out, e.toByteArray());
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** One event: a scalar per numeric cell (a Number, or a string that parses as one), at the row's global step. */
    static Event scalars(Map<String, ?> row) {
        Summary.Builder s = Summary.newBuilder();
        long step = 0;
        for (Map.Entry<String, ?> e : row.entrySet()) {
            Double v = numeric(e.getValue());
            if (v == null) {
                continue;
            }
            if (e.getKey().equals("global_step")) {
                step = v.longValue();
            }
            s.addValue(Summary.Value.newBuilder().setTag(e.getKey()).setSimpleValue(v.floatValue()));
        }
        return Event.newBuilder().setWallTime(now()).setStep(step).setSummary(s).build();
    }

    /** The number a metrics cell holds, or null (empty, text). */
    static Double numeric(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String str && !str.isEmpty()) {
            try {
                return Double.parseDouble(str);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The settings as a text summary (TensorBoard's text plugin renders its string as Markdown). */
    private static Event configEvent(Map<String, ?> settings) {
        List<String> lines = new ArrayList<>(List.of("| setting | value |", "|---|---|"));
        settings.forEach((k, v) -> lines.add("| " + k + " | " + v + " |"));
        TensorProto text = TensorProto.newBuilder()
                .setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder())
                .addStringVal(ByteString.copyFrom(String.join("\n", lines), StandardCharsets.UTF_8))
                .build();
        SummaryMetadata meta = SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("text"))
                .build();
        Summary s = Summary.newBuilder()
                .addValue(Summary.Value.newBuilder()
                        .setTag("config")
                        .setMetadata(meta)
                        .setTensor(text))
                .build();
        return Event.newBuilder().setWallTime(now()).setStep(0).setSummary(s).build();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
