package org.gorlj.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark run's own file, {@code bench.json} in its run directory: the peak resident memory
 * of the processes that trained it, whether training finished, and why it stopped if a number
 * went non-finite. Written atomically by the {@link RunWorker}; a run is complete exactly when
 * this file says so, and diverged exactly when it holds a reason.
 *
 * @param peakRssMb largest peak RSS (MiB) of the run's worker processes, NaN if never measured
 * @param complete whether the run's training finished
 * @param diverged why training stopped on a non-finite number, null if it did not
 */
public record RunRecord(double peakRssMb, boolean complete, String diverged) {
    /** The file's name. */
    public static final String FILE = "bench.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The record of a run directory (NaN, incomplete if there is none or it cannot be read). */
    public static RunRecord read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new RunRecord(Double.NaN, false, null);
        }
        try {
            Map<?, ?> m = JSON.readValue(f.toFile(), Map.class);
            double rss = m.get("peak_rss_mb") instanceof Number n ? n.doubleValue() : Double.NaN;
            return new RunRecord(rss, Boolean.TRUE.equals(m.get("complete")),
                    m.get("diverged") instanceof String reason ? reason : null);
        } catch (IOException e) {
            return new RunRecord(Double.NaN, false, null);
        }
    }

    /** Writes the record atomically. */
    public void write(Path runDir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak_rss_mb", Double.isNaN(peakRssMb) ? null : peakRssMb);
        m.put("complete", complete);
        if (diverged != null) {
            m.put("diverged", diverged);
        }
        Path tmp = runDir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), m);
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
