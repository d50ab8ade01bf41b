package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creates tensors from Java arrays in 64-byte-aligned native memory. DJL's own path copies into
 * a {@code ByteBuffer.allocateDirect} buffer, whose address alignment varies from call to call;
 * vectorised CPU kernels split their work by alignment, so results could differ in the last bits
 * between otherwise identical runs. Aligned inputs make every run bit-for-bit reproducible.
 */
public final class Tensors {
    private static final int ALIGNMENT = 64;

    private Tensors() {}

    /** A float tensor of the given shape holding {@code data} (copied). */
    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " does not hold " + data.length + " values");
        }
        return manager.create(alignedBuffer(data), shape, ai.djl.ndarray.types.DataType.FLOAT32);
    }

    /** Overwrites a float tensor's values from aligned memory. */
    public static void set(NDArray array, float[] data) {
        array.set(alignedBuffer(data));
    }

    private static ByteBuffer alignedBuffer(float[] data) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(data.length * Float.BYTES + 2 * ALIGNMENT).alignedSlice(ALIGNMENT)
                .order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(data);
        return buffer.limit(data.length * Float.BYTES);
    }

    /** A float vector holding {@code data}. */
    public static NDArray create(NDManager manager, float[] data) {
        return create(manager, data, new Shape(data.length));
    }
}
