package org.gorlj.env.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.MemorySegment;

/**
 * A live view of one {@code mjtNum} array inside an {@link MjModel} or {@link MjData}, as a
 * {@code rows x cols} row-major matrix (a vector has one column). Reads and writes go straight to
 * MuJoCo's memory and allocate nothing. The view becomes unusable (throws
 * {@link IllegalStateException}) once its model or data is closed.
 */
public final class MjArray {
    private final MemorySegment segment;
    private final int rows;
    private final int cols;

    MjArray(MemorySegment segment, int rows, int cols) {
        if (segment.byteSize() != (long) rows * cols * Double.BYTES) {
            throw new IllegalArgumentException(
                    "segment of " + segment.byteSize() + " bytes is not " + rows + "x" + cols);
        }
        this.segment = segment;
        this.rows = rows;
        this.cols = cols;
    }

    /** Number of values ({@code rows * cols}). */
    public int size() {
        return rows * cols;
    }

    /** Number of rows (objects: bodies, geoms, dofs...). */
    public int rows() {
        return rows;
    }

    /** Values per row (1 for vectors, 3 for positions, 9 for rotation matrices...). */
    public int cols() {
        return cols;
    }

    /** Value at flat index {@code i}. */
    public double get(int i) {
        return segment.getAtIndex(JAVA_DOUBLE, i);
    }

    /** Sets the value at flat index {@code i}. */
    public void set(int i, double value) {
        segment.setAtIndex(JAVA_DOUBLE, i, value);
    }

    /** Value at ({@code row}, {@code col}). */
    public double get(int row, int col) {
        return segment.getAtIndex(JAVA_DOUBLE, flatIndex(row, col));
    }

    /** Sets the value at ({@code row}, {@code col}). */
    public void set(int row, int col, double value) {
        segment.setAtIndex(JAVA_DOUBLE, flatIndex(row, col), value);
    }

    /** Copies {@code count} values starting at flat index {@code from} into {@code dst[dstOffset...]}. */
    public void copyTo(int from, double[] dst, int dstOffset, int count) {
        MemorySegment.copy(segment, JAVA_DOUBLE, (long) from * Double.BYTES, dst, dstOffset, count);
    }

    /** Copies all values into {@code dst}, which must hold exactly {@link #size()} values. */
    public void copyTo(double[] dst) {
        checkLength(dst.length);
        copyTo(0, dst, 0, size());
    }

    /** Writes {@code count} values of {@code src[srcOffset...]} starting at flat index {@code to}. */
    public void copyFrom(double[] src, int srcOffset, int to, int count) {
        MemorySegment.copy(src, srcOffset, segment, JAVA_DOUBLE, (long) to * Double.BYTES, count);
    }

    /** Overwrites all values with {@code src}, which must hold exactly {@link #size()} values. */
    public void copyFrom(double[] src) {
        checkLength(src.length);
        copyFrom(src, 0, 0, size());
    }

    /** Sets every value to {@code value}. */
    public void fill(double value) {
        for (int i = 0, n = size(); i < n; i++) {
            segment.setAtIndex(JAVA_DOUBLE, i, value);
        }
    }

    /** A new Java array with a copy of the values (allocates: not for hot loops). */
    public double[] toArray() {
        double[] out = new double[size()];
        copyTo(out);
        return out;
    }

    /** A new Java array with a copy of one row (allocates: not for hot loops). */
    public double[] row(int row) {
        double[] out = new double[cols];
        copyTo(flatIndex(row, 0), out, 0, cols);
        return out;
    }

    /** The underlying native memory, for callers that want to use the foreign-memory API directly. */
    public MemorySegment segment() {
        return segment;
    }

    private int flatIndex(int row, int col) {
        if (col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("column " + col + " outside [0, " + cols + ")");
        }
        return row * cols + col;
    }

    private void checkLength(int length) {
        if (length != size()) {
            throw new IllegalArgumentException("expected an array of " + size() + " values, got " + length);
        }
    }
}
