package org.gorlj.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable parameters of one model (e.g. an actor or a critic), by name, owned by one
 * long-lived tensor manager. Optimisers and checkpoints work on a store: it lists parameters
 * in a fixed order, zeroes their gradients, and exports or imports them as float arrays.
 * {@link #flatten} moves all parameters into one contiguous buffer, so that an optimiser can
 * update them with one operation over that buffer.
 */
public final class ParamStore implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private Flat flat;

    /**
     * The store's parameters laid out in one buffer: {@code values} is a 1-D tensor over the same
     * memory as the parameters; parameter i (in creation order) occupies {@code sizes[i]} values from
     * {@code offsets[i]}; every offset is a multiple of 64 bytes and the gaps between parameters
     * hold zeros.
     */
    record Flat(NDArray values, int[] offsets, int[] sizes) {
        /** Number of values in the buffer, gaps included. */
        int length() {
            return Math.toIntExact(values.size());
        }
    }

    /** An empty store with its own manager. */
    public ParamStore() {
        this.manager = Torch.newManager();
    }

    /** The manager that owns the parameters (never use it for temporaries). */
    public NDManager manager() {
        return manager;
    }

    /** Adds a trainable parameter with the given values and shape. */
    public NDArray add(String name, float[] values, Shape shape) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter " + name);
        }
        NDArray p = Tensors.create(manager, values, shape);
        p.setName(name);
        p.setRequiresGradient(true);
        params.put(name, p);
        flat = null;
        return p;
    }

    /**
     * Moves every parameter into one contiguous, zero-padded buffer (once; again only if parameters
     * were added since) and describes the layout. The parameters keep their values, gradients and
     * identity (the same {@link NDArray} objects now read and write that buffer), so whoever holds
     * one sees every update made through {@link Flat#values}.
     */
    Flat flatten() {
        if (flat != null) {
            return flat;
        }
        int align = Tensors.alignmentFloats();
        int[] offsets = new int[params.size()];
        int[] sizes = new int[params.size()];
        int end = 0;
        int i = 0;
        for (NDArray p : params.values()) {
            offsets[i] = end;
            sizes[i] = Math.toIntExact(p.size());
            end += (sizes[i] + align - 1) / align * align;
            i++;
        }
        ByteBuffer block = Tensors.alignedFloats(end);
        i = 0;
        for (NDArray p : params.values()) {
            ByteBuffer slice = block.slice(offsets[i] * Float.BYTES, sizes[i] * Float.BYTES)
                    .order(ByteOrder.nativeOrder());
            slice.asFloatBuffer().put(p.toFloatArray());
            Tensors.rebind(p, slice);
            i++;
        }
        flat = new Flat(manager.create(block, new Shape(end), DataType.FLOAT32), offsets, sizes);
        return flat;
    }

    /** The parameter of that name. */
    public NDArray get(String name) {
        NDArray p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return p;
    }

    /** Parameter names in creation order. */
    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    /** Parameters in creation order. */
    public List<NDArray> parameters() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /** Total number of scalar parameters. */
    public long size() {
        long n = 0;
        for (NDArray p : params.values()) {
            n += p.size();
        }
        return n;
    }

    /** Zeroes every gradient. */
    public void zeroGradients() {
        for (NDArray p : params.values()) {
            Torch.zeroGradient(p);
        }
    }

    /**
     * Turns gradient tracking of every parameter off or on. With it off, a backward pass through
     * this model still reaches its inputs but computes no parameter gradients (e.g. SAC's actor loss
     * through the critics, whose weights that loss must not train).
     */
    public void trackGradients(boolean on) {
        for (NDArray p : params.values()) {
            p.setRequiresGradient(on);
        }
    }

    /** Copies all values out, by name (for checkpoints and pure-Java inference). */
    public Map<String, float[]> export() {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    /** Overwrites values from an {@link #export}; names and sizes must match exactly. */
    public void load(Map<String, float[]> values) {
        if (!values.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException(
                    "parameter names differ: expected " + params.keySet() + ", got " + values.keySet());
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            float[] v = values.get(e.getKey());
            NDArray p = e.getValue();
            if (v.length != p.size()) {
                throw new IllegalArgumentException(
                        "parameter " + e.getKey() + " has " + p.size() + " values, got " + v.length);
            }
            Tensors.set(p, v);
        }
    }

    /** Copies the values of another store with the same layout. */
    public void copyFrom(ParamStore other) {
        load(other.export());
    }

    /**
     * Polyak averaging: moves every parameter a fraction {@code tau} of the way toward the
     * parameter of the same name in {@code online}: {@code p = (1 - tau) p + tau online}.
     * The stores must have the same layout; gradients are not involved.
     */
    public void moveTowards(ParamStore online, double tau) {
        if (!online.params.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException(
                    "parameter names differ: " + params.keySet() + " vs " + online.params.keySet());
        }
        try (NDManager tmp = manager.newSubManager()) {
            NDArray tauArray = tmp.create((float) tau);
            NDArray keep = tmp.create((float) (1 - tau));
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray step = online.params.get(e.getKey()).mul(tauArray);
                step.attach(tmp);
                e.getValue().muli(keep).addi(step);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
