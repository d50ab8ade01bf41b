package org.gorlj.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.config.ConfigException;

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

    /**
     * The record of a run directory (NaN, incomplete if there is none).
     *
     * @throws ConfigException for a file that is not such a record (it is reported, never rewritten:
     *     it may be the only note that the run is complete)
     */
    public static RunRecord read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new RunRecord(Double.NaN, false, null);
        }
        Object parsed;
        try {
            parsed = JSON.readValue(f.toFile(), Object.class);
        } catch (IOException e) {
            throw garbage(f, "not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw garbage(f, "not a JSON object");
        }
        Object rss = m.get("peak_rss_mb"), complete = m.get("complete"), diverged = m.get("diverged");
        if (!(rss == null || rss instanceof Number)
                || !(complete instanceof Boolean c)
                || !(diverged == null || diverged instanceof String)) {
            throw garbage(
                    f, "lacks \"complete\" (true or false) or has a \"peak_rss_mb\" or \"diverged\" of the wrong type");
        }
        return new RunRecord(rss instanceof Number n ? n.doubleValue() : Double.NaN, c, (String) diverged);
    }

    private static ConfigException garbage(Path f, String what) {
        return new ConfigException(f + " is " + (what.startsWith("not") ? "" : "a record that ") + what
                + "; it says whether the run is complete: fix it or delete it (the run then counts as unfinished)");
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
