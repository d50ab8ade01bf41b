package org.gorlj.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.gorlj.bench.RunRecord;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;
import org.gorlj.util.AtomicFiles;

/**
 * The files of a run directory as stored in the cluster: while the run trains, a consistent cut (its
 * latest checkpoint, the {@code metrics.csv} rows that checkpoint covers, its best checkpoint as of
 * that checkpoint, {@code config.json} and {@code bench.json}); once it ended, every file of the
 * directory but its lock. Restoring a cut into another directory and resuming there continues the
 * run exactly as an uninterrupted one (the trainer's resume contract), because the checkpoint and the
 * rows match.
 *
 * @param files file name relative to the run directory (with {@code /}) to its bytes
 * @param steps environment steps the latest checkpoint (the metrics' last row) covers
 */
public record RunSnapshot(Map<String, byte[]> files, long steps) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LATEST = "checkpoints/latest.ckpt";
    static final String BEST = "checkpoints/best.ckpt";
    static final String METRICS = "metrics.csv";

    /**
     * A consistent cut of a run being trained, or null when it has no checkpoint yet or the files
     * were caught between two writes (the caller tries again later). The latest checkpoint is read
     * first: the metrics rows it covers were flushed before it was written.
     */
    public static RunSnapshot capture(Path runDir) throws IOException {
        RunDirectory d = new RunDirectory(runDir);
        byte[] latest = readIfAny(d.latest());
        if (latest == null) {
            return null;
        }
        Map<String, Object> meta = meta(latest);
        long rows = ((Number) meta.get("rows")).longValue();
        byte[] best = readIfAny(d.best());
        if (best != null && !sameNumber(meta(best).get("last_eval"), meta.get("best_eval"))) {
            return null; // the best checkpoint is being replaced: try again
        }
        byte[] metrics = readIfAny(d.metrics());
        if (metrics == null) {
            return null;
        }
        String[] cut = cutMetrics(new String(metrics, StandardCharsets.UTF_8), rows);
        if (cut == null) {
            return null;
        }
        Map<String, byte[]> files = new TreeMap<>();
        files.put(LATEST, latest);
        if (best != null) {
            files.put(BEST, best);
        }
        files.put(METRICS, cut[0].getBytes(StandardCharsets.UTF_8));
        putIfAny(files, "config.json", d.config());
        putIfAny(files, RunRecord.FILE, runDir.resolve(RunRecord.FILE));
        return new RunSnapshot(files, Long.parseLong(cut[1]));
    }

    /** Every file of an ended run's directory but its lock (sub-directories included). */
    public static RunSnapshot captureAll(Path runDir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(runDir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String name = runDir.relativize(f).toString().replace('\\', '/');
                if (!name.equals(RunLock.FILE) && !name.endsWith(".tmp")) {
                    putIfAny(files, name, f);
                }
            }
        }
        long steps = 0;
        if (files.containsKey(METRICS)) {
            String[] cut = cutMetrics(new String(files.get(METRICS), StandardCharsets.UTF_8), Long.MAX_VALUE);
            steps = cut == null || cut[1].isEmpty() ? 0 : Long.parseLong(cut[1]);
        }
        return new RunSnapshot(files, steps);
    }

    /**
     * Writes the files into {@code runDir}, each atomically, after removing the checkpoints, metrics
     * and records the snapshot lacks (an earlier session's leftovers there would not match it).
     */
    public void restore(Path runDir) throws IOException {
        RunDirectory d = new RunDirectory(runDir);
        Files.createDirectories(d.checkpoints());
        try (Stream<Path> old = Files.list(d.checkpoints())) {
            for (Path f : old.toList()) {
                if (!files.containsKey("checkpoints/" + f.getFileName())) {
                    Files.deleteIfExists(f);
                }
            }
        }
        for (Path f : List.of(d.metrics(), d.diverged(), runDir.resolve(RunRecord.FILE))) {
            if (!files.containsKey(runDir.relativize(f).toString())) {
                Files.deleteIfExists(f);
            }
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path target = runDir.resolve(e.getKey()).normalize();
            if (!target.startsWith(runDir.normalize())) {
                throw new IOException("a stored run file lies outside its run directory: " + e.getKey());
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, tmp -> Files.write(tmp, e.getValue()));
        }
    }

    /** The bytes stored in the cluster. */
    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(steps);
            out.writeInt(files.size());
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /** Reads bytes made by {@link #encode}. */
    public static RunSnapshot decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        long steps = in.readLong();
        int n = in.readInt();
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int len = in.readInt();
            if (len < 0 || len > bytes.length) {
                throw new IOException("a stored run snapshot is corrupt (file " + name + ")");
            }
            files.put(name, in.readNBytes(len));
        }
        return new RunSnapshot(files, steps);
    }

    /** Total bytes of the files. */
    public long size() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    /**
     * The header and the first {@code rows} complete rows of a metrics text, and the last kept row's
     * {@code global_step} ("" for none); null when the text has fewer complete rows.
     */
    static String[] cutMetrics(String text, long rows) {
        String[] lines = text.split("\n", -1);
        int complete = lines.length - 1;
        if (complete < 1) {
            return null;
        }
        int header = lines[0].split(",", -1).length;
        long keep = Math.min(rows, complete - 1);
        if (rows != Long.MAX_VALUE && keep < rows) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        String step = "";
        int stepColumn = List.of(lines[0].split(",", -1)).indexOf("global_step");
        for (int i = 0; i <= keep; i++) {
            if (i > 0 && lines[i].split(",", -1).length != header) {
                return null;
            }
            sb.append(lines[i]).append('\n');
            if (i > 0 && stepColumn >= 0) {
                step = lines[i].split(",", -1)[stepColumn];
            }
        }
        return new String[] {sb.toString(), step};
    }

    private static Map<String, Object> meta(byte[] checkpoint) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(checkpoint))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("meta.json")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = JSON.readValue(zip.readAllBytes(), Map.class);
                    return m;
                }
            }
        }
        throw new IOException("a checkpoint without meta.json");
    }

    private static boolean sameNumber(Object a, Object b) {
        return (a instanceof Number x && b instanceof Number y) ? x.doubleValue() == y.doubleValue() : a.equals(b);
    }

    private static byte[] readIfAny(Path f) throws IOException {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void putIfAny(Map<String, byte[]> files, String name, Path f) throws IOException {
        byte[] b = readIfAny(f);
        if (b != null) {
            files.put(name, b);
        }
    }
}
