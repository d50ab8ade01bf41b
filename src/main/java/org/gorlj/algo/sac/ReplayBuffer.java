package org.gorlj.algo.sac;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.gorlj.util.Rng;

/**
 * A ring buffer of transitions (s, x, r, s', terminated), sized in transitions; when full, the
 * oldest are overwritten. s' is the observation the step led to: for an episode that ended, its
 * final observation (not the reset one). Only termination stops bootstrapping: a transition cut by
 * a time limit is stored as not terminated, so its target bootstraps from Q(s', .).
 *
 * <p>Sampling draws indices uniformly, with replacement, from a project {@link Rng}, and the whole
 * content can be written to and read from a checkpoint in bulk.
 */
public final class ReplayBuffer {
    private static final int IO_CHUNK_FLOATS = 1 << 16;

    private final int capacity;
    private final int obsDim;
    private final int xDim;
    private final float[] obs;
    private final float[] x;
    private final float[] rewards;
    private final float[] nextObs;
    private final byte[] terminated;
    private int next;
    private int size;

    /**
     * A sampled minibatch (arrays reused between calls).
     *
     * @param notTerminated 1 where the target bootstraps, 0 where the episode terminated
     */
    public record Batch(int size, float[] obs, float[] x, float[] rewards, float[] nextObs, float[] notTerminated) {
        /** Arrays for {@code size} transitions. */
        public Batch(int size, int obsDim, int xDim) {
            this(
                    size,
                    new float[size * obsDim],
                    new float[size * xDim],
                    new float[size],
                    new float[size * obsDim],
                    new float[size]);
        }
    }

    /** An empty buffer for {@code capacity} transitions. */
    public ReplayBuffer(int capacity, int obsDim, int xDim) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("replay capacity must be positive");
        }
        this.capacity = capacity;
        this.obsDim = obsDim;
        this.xDim = xDim;
        this.obs = new float[Math.multiplyExact(capacity, obsDim)];
        this.x = new float[Math.multiplyExact(capacity, xDim)];
        this.rewards = new float[capacity];
        this.nextObs = new float[Math.multiplyExact(capacity, obsDim)];
        this.terminated = new byte[capacity];
    }

    /** Transitions held. */
    public int size() {
        return size;
    }

    /** Forgets every transition (the arrays are kept and overwritten from the start). */
    public void clear() {
        next = 0;
        size = 0;
    }

    /** Maximum transitions held. */
    public int capacity() {
        return capacity;
    }

    /**
     * Appends {@code rows} transitions given as row-major batches ({@code obs} and {@code nextObs}
     * hold {@code rows * obsDim} values, {@code x} {@code rows * xDim}).
     */
    public void add(
            float[] obsRows,
            float[] xRows,
            double[] rewardRows,
            float[] nextObsRows,
            boolean[] terminatedRows,
            int rows) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(obsRows, r * obsDim, obs, next * obsDim, obsDim);
            System.arraycopy(xRows, r * xDim, x, next * xDim, xDim);
            System.arraycopy(nextObsRows, r * obsDim, nextObs, next * obsDim, obsDim);
            rewards[next] = (float) rewardRows[r];
            terminated[next] = (byte) (terminatedRows[r] ? 1 : 0);
            next = (next + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }
    }

    /** Fills {@code out} with {@code out.size()} transitions drawn uniformly with replacement. */
    public void sample(Rng rng, Batch out) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer");
        }
        for (int b = 0; b < out.size(); b++) {
            copyRow(rng.nextInt(size), out, b);
        }
    }

    /** Copies stored transition {@code index} (in storage order) into row {@code slot} of {@code out}. */
    void copyRow(int index, Batch out, int slot) {
        System.arraycopy(obs, index * obsDim, out.obs(), slot * obsDim, obsDim);
        System.arraycopy(x, index * xDim, out.x(), slot * xDim, xDim);
        System.arraycopy(nextObs, index * obsDim, out.nextObs(), slot * obsDim, obsDim);
        out.rewards()[slot] = rewards[index];
        out.notTerminated()[slot] = 1 - terminated[index];
    }

    /** Writes the shape, the write position and the filled rows, floats in bulk. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(obsDim);
        out.writeInt(xDim);
        out.writeInt(next);
        out.writeInt(size);
        writeFloats(out, obs, size * obsDim);
        writeFloats(out, x, size * xDim);
        writeFloats(out, rewards, size);
        writeFloats(out, nextObs, size * obsDim);
        out.write(terminated, 0, size);
    }

    /** Restores what {@link #write} wrote into a buffer of the same shape. */
    public void read(DataInput in) throws IOException {
        int c = in.readInt();
        int od = in.readInt();
        int xd = in.readInt();
        if (c != capacity || od != obsDim || xd != xDim) {
            throw new IOException("replay buffer of capacity " + c + " and sizes " + od + "/" + xd
                    + " does not fit this run's " + capacity + " and " + obsDim + "/" + xDim);
        }
        next = in.readInt();
        size = in.readInt();
        if (size < 0 || size > capacity || next < 0 || next >= capacity) {
            throw new IOException("replay buffer position " + next + " / size " + size + " out of range");
        }
        readFloats(in, obs, size * obsDim);
        readFloats(in, x, size * xDim);
        readFloats(in, rewards, size);
        readFloats(in, nextObs, size * obsDim);
        in.readFully(terminated, 0, size);
    }

    private static void writeFloats(DataOutput out, float[] values, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(count, IO_CHUNK_FLOATS) * Float.BYTES)
                .order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < count; from += IO_CHUNK_FLOATS) {
            int n = Math.min(IO_CHUNK_FLOATS, count - from);
            buf.clear();
            buf.asFloatBuffer().put(values, from, n);
            out.write(buf.array(), 0, n * Float.BYTES);
        }
    }

    private static void readFloats(DataInput in, float[] values, int count) throws IOException {
        byte[] bytes = new byte[Math.min(count, IO_CHUNK_FLOATS) * Float.BYTES];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < count; from += IO_CHUNK_FLOATS) {
            int n = Math.min(IO_CHUNK_FLOATS, count - from);
            in.readFully(bytes, 0, n * Float.BYTES);
            buf.clear();
            buf.asFloatBuffer().get(values, from, n);
        }
    }
}
