package org.gorlj.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gorlj.util.AtomicFiles;
import org.gorlj.util.UserInputException;

/**
 * The content of a checkpoint: named float tensors (weights, optimiser moments), a JSON map of
 * counters and settings, and an opaque binary state (environments, generators, normalisers).
 * Stored as a zip ({@code meta.json}, {@code tensors.bin}, {@code state.bin}) written to a
 * temporary file and atomically renamed, so a checkpoint on disk is always complete.
 */
public final class CheckpointData {
    /** Format version, checked on read. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, float[]> tensors = new LinkedHashMap<>();
    private final Map<String, Object> meta = new LinkedHashMap<>();
    private byte[] state = new byte[0];

    /** An empty checkpoint, to be filled by {@link org.gorlj.algo.Algorithm#save} and written. */
    public CheckpointData() {}

    /** Named tensors (mutable). */
    public Map<String, float[]> tensors() {
        return tensors;
    }

    /** Counters and settings (mutable, JSON values). */
    public Map<String, Object> meta() {
        return meta;
    }

    /** A long from meta. */
    public long metaLong(String key) {
        Object v = meta.get(key);
        if (!(v instanceof Number n)) {
            throw new CorruptCheckpointException("checkpoint meta lacks number '" + key + "'");
        }
        return n.longValue();
    }

    /** A double from meta (JSON has no NaN or infinities: those are stored as the strings Java prints). */
    public double metaDouble(String key) {
        Object v = meta.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String text && (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"))) {
            return Double.parseDouble(text);
        }
        throw new CorruptCheckpointException("checkpoint meta lacks number '" + key + "'");
    }

    /** The binary state. */
    public byte[] state() {
        return state;
    }

    /** Writes the binary state with a callback. */
    public void writeState(StateWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise state", e);
        }
        state = bytes.toByteArray();
    }

    /** Reads the binary state with a callback; running out of bytes means a corrupt checkpoint. */
    public void readState(StateReader reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            reader.read(in);
            if (in.available() != 0) {
                throw new CorruptCheckpointException("checkpoint state has " + in.available() + " unread bytes");
            }
        } catch (IOException e) {
            throw new CorruptCheckpointException("checkpoint state is truncated or corrupt: " + e.getMessage());
        }
    }

    /** A tensor by name, or a corrupt-checkpoint error. */
    public float[] tensor(String name) {
        float[] t = tensors.get(name);
        if (t == null) {
            throw new CorruptCheckpointException("checkpoint lacks tensor '" + name + "'");
        }
        return t;
    }

    /** Writes atomically to {@code file} (temp file in the same folder, then rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::writeZip);
    }

    private void writeZip(Path tmp) throws IOException {
        try (OutputStream os = Files.newOutputStream(tmp);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.putAll(meta);
            zip.putNextEntry(new ZipEntry("meta.json"));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            zip.closeEntry();
            // float tensors deflate by only ~8 %, at ~1 s per 7 MB (a GoRL data set, written after every decoder
            // epoch): stored uncompressed, through a buffer (one deflater call per 64 KB, not per value)
            zip.setLevel(Deflater.NO_COMPRESSION);
            zip.putNextEntry(new ZipEntry("tensors.bin"));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
            out.writeInt(tensors.size());
            for (Map.Entry<String, float[]> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
            out.flush();
            zip.closeEntry();
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.putNextEntry(new ZipEntry("state.bin"));
            zip.write(state);
            zip.closeEntry();
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Reads a checkpoint file; any defect gives a {@link CorruptCheckpointException} naming the file. */
    public static CheckpointData read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CorruptCheckpointException("no checkpoint at " + file);
        }
        CheckpointData d = new CheckpointData();
        boolean sawMeta = false, sawTensors = false, sawState = false;
        try (InputStream is = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = zip.readAllBytes();
                switch (e.getName()) {
                    case "meta.json" -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = JSON.readValue(bytes, Map.class);
                        d.meta.putAll(m);
                        sawMeta = true;
                    }
                    case "tensors.bin" -> {
                        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                        int n = in.readInt();
                        for (int i = 0; i < n; i++) {
                            String name = in.readUTF();
                            int len = in.readInt();
                            if (len < 0 || len > bytes.length / 4) {
                                throw new IOException("bad tensor length " + len);
                            }
                            float[] v = new float[len];
                            for (int j = 0; j < len; j++) {
                                v[j] = in.readFloat();
                            }
                            d.tensors.put(name, v);
                        }
                        sawTensors = true;
                    }
                    case "state.bin" -> {
                        d.state = bytes;
                        sawState = true;
                    }
                    default -> throw new IOException("unexpected entry " + e.getName());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException("checkpoint " + file + " is corrupt: " + e.getMessage());
        }
        if (!(sawMeta && sawTensors && sawState)) {
            throw new CorruptCheckpointException(
                    "checkpoint " + file + " is corrupt: it lacks meta.json, tensors.bin or state.bin");
        }
        Object format = d.meta.remove("format");
        if (!(format instanceof Number f) || f.intValue() != FORMAT) {
            throw new CorruptCheckpointException(
                    "checkpoint " + file + " has format " + format + ", expected " + FORMAT);
        }
        return d;
    }

    /** Writes binary state. */
    @FunctionalInterface
    public interface StateWriter {
        /** Writes the state to {@code out}. */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads binary state. */
    @FunctionalInterface
    public interface StateReader {
        /** Reads the state from {@code in}. */
        void read(DataInputStream in) throws IOException;
    }

    /** A checkpoint that cannot be used; its message is one line for the user. */
    public static final class CorruptCheckpointException extends UserInputException {
        /** With the one-line message shown to the user. */
        public CorruptCheckpointException(String message) {
            super(message);
        }
    }
}
