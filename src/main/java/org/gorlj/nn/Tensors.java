package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
        return create(manager, data, 0, shape);
    }

    /** A float tensor of the given shape holding {@code data[from .. from + shape.size())} (copied). */
    public static NDArray create(NDManager manager, float[] data, int from, Shape shape) {
        int length = Math.toIntExact(shape.size());
        java.util.Objects.checkFromIndexSize(from, length, data.length);
        ByteBuffer buffer = alignedFloats(length);
        buffer.asFloatBuffer().put(data, from, length);
        return manager.create(buffer, shape, ai.djl.ndarray.types.DataType.FLOAT32);
    }

    /**
     * Overwrites a float tensor's values in place: the tensor keeps its memory, so tensors that share
     * it (a parameter and its store's flat buffer, see {@link ParamStore#flatten}) see the new values.
     */
    public static void set(NDArray array, float[] data) {
        if (array.size() != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape " + array.getShape() + " cannot take " + data.length + " values");
        }
        try (NDManager tmp = array.getManager().newSubManager()) {
            array.set(new NDIndex("..."), create(tmp, data, array.getShape()));
        }
    }

    /**
     * Points {@code array} at {@code memory} (a direct buffer of exactly its size, which from now on
     * holds its values; the current values are not copied). Gradient tracking and the gradient stay.
     */
    static void rebind(NDArray array, ByteBuffer memory) {
        array.set(memory);
    }

    /** Zeroed native memory for {@code floats} values starting on a 64-byte boundary, in native byte order. */
    static ByteBuffer alignedFloats(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES + 2 * ALIGNMENT)
                .alignedSlice(ALIGNMENT)
                .order(ByteOrder.nativeOrder())
                .limit(floats * Float.BYTES);
    }

    /** The number of floats in one alignment unit (64 bytes). */
    static int alignmentFloats() {
        return ALIGNMENT / Float.BYTES;
    }

    /** A float vector holding {@code data}. */
    public static NDArray create(NDManager manager, float[] data) {
        return create(manager, data, new Shape(data.length));
    }
}
