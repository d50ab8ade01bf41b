package org.gorlj.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files: each record is its length (uint64,
 * little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data
 * (both uint32, little-endian). The mask is TensorFlow's: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}.
 */
public final class RecordFile {
    private static final int MASK_DELTA = 0xa282ead8;

    private RecordFile() {}

    /** The masked CRC-32C of {@code len} bytes of {@code b} from {@code off}. */
    static int maskedCrc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** The framed record of {@code data}. */
    public static byte[] frame(byte[] data) {
        ByteBuffer buf = ByteBuffer.allocate(data.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(data.length);
        buf.putInt(maskedCrc(buf.array(), 0, 8));
        buf.put(data);
        buf.putInt(maskedCrc(data, 0, data.length));
        return buf.array();
    }

    /** Writes one framed record. */
    public static void write(OutputStream out, byte[] data) throws IOException {
        out.write(frame(data));
    }

    /**
     * The intact records of a file, in order, with the offset where each ends. Reading stops at the first
     * incomplete record (a write cut short) or checksum mismatch.
     */
    public record Records(List<byte[]> data, List<Long> ends, boolean intact) {}

    /** Reads the records of a file, verifying both checksums of each. */
    public static Records read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> data = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        while (buf.remaining() > 0) {
            int start = buf.position();
            if (buf.remaining() < 12) {
                return new Records(data, ends, false);
            }
            long len = buf.getLong();
            if (buf.getInt() != maskedCrc(all, start, 8) || len < 0 || len > buf.remaining() - 4) {
                return new Records(data, ends, false);
            }
            byte[] d = new byte[(int) len];
            buf.get(d);
            if (buf.getInt() != maskedCrc(d, 0, d.length)) {
                return new Records(data, ends, false);
            }
            data.add(d);
            long end = buf.position();
            ends.add(end);
        }
        return new Records(data, ends, true);
    }
}
