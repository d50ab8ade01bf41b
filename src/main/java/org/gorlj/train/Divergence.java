package org.gorlj.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.util.AtomicFiles;

/**
 * How a run stopped on a non-finite number, kept in its directory ({@code diverged.json}) until a
 * later session finishes it: the reason, the step, and the step of the latest checkpoint, which
 * holds the last finite state (-1 if the run wrote none).
 *
 * @param reason what went non-finite
 * @param step the global step at which training stopped
 * @param checkpointStep the step of {@code checkpoints/latest.ckpt}, -1 if there is none
 */
public record Divergence(String reason, long step, long checkpointStep) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where the last finite state is, for messages. */
    public String lastFiniteState() {
        return checkpointStep < 0
                ? "no checkpoint was written before it"
                : "the last finite state is checkpoints/latest.ckpt (step " + checkpointStep + ")";
    }

    /** One line: what went non-finite, and which checkpoint holds the last finite state. */
    public String describe() {
        return reason + "; " + lastFiniteState();
    }

    void write(RunDirectory dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", reason);
        m.put("step", step);
        m.put("checkpoint_step", checkpointStep);
        AtomicFiles.write(dir.diverged(), tmp -> JSON.writeValue(tmp.toFile(), m));
    }

    /**
     * The divergence recorded in a run directory, or null if there is none; an unreadable record
     * still says the run diverged.
     */
    public static Divergence read(RunDirectory dir) {
        Path f = dir.diverged();
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Map<?, ?> m = JSON.readValue(f.toFile(), Map.class);
            return new Divergence(
                    String.valueOf(m.get("reason")),
                    m.get("step") instanceof Number n ? n.longValue() : -1,
                    m.get("checkpoint_step") instanceof Number c ? c.longValue() : -1);
        } catch (IOException e) {
            return new Divergence("(" + f + " is unreadable)", -1, -1);
        }
    }
}
