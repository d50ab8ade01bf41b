package org.gorlj.export;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Mlp;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * An ONNX graph under construction over Tribuo's {@link ONNXContext}: double inputs and outputs
 * (observations, noise and actions are doubles in this project), float networks, and the few
 * operations the policies need. It keeps every network weight it embeds by name, so the same
 * tensors can also be written alone ({@link #weights()}).
 */
final class OnnxGraph {
    /** ONNX IR version of the written models (ONNX 1.8, which introduced opset 13). */
    static final long IR_VERSION = 7;

    private final ONNXContext ctx = new ONNXContext();
    private final Map<String, float[]> weights = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private int nodes;

    /**
     * A fresh node output name: Tribuo's default names nest their inputs' names, which grow without bound in the
     * unrolled samplers.
     */
    private String next(String op) {
        return op + "_" + nodes++;
    }

    private Ref cast(Ref a, OnnxMl.TensorProto.DataType to) {
        return new Ref(a.ref()
                .apply(ONNXOperators.CAST, List.of(next("cast")), Map.of("to", to.getNumber()))
                .get(0));
    }

    /** A tensor of the graph. */
    record Ref(ONNXRef<?> ref) {}

    /** A {@code [batch, width]} double input. */
    Ref input(String name, int width) {
        return new Ref(ctx.floatInput(name, width));
    }

    /** Marks {@code value} ({@code [batch, width]}, double) as the output {@code name}. */
    void output(Ref value, String name, int width) {
        ONNXPlaceholder out = ctx.floatOutput(name, width);
        ctx.assignTo(value.ref(), out);
    }

    /** A float network weight of shape {@code dims} (kept for {@link #weights()}). */
    Ref weight(String name, float[] data, int... dims) {
        List<Integer> d = new ArrayList<>();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d.add(dims[i]);
            shape[i] = dims[i];
        }
        var init = ctx.floatTensor(name, d, fb -> fb.put(data));
        weights.put(init.getReference(), data.clone());
        shapes.put(init.getReference(), shape);
        return new Ref(init);
    }

    /** A 1-D double constant. */
    Ref doubles(String name, double[] data) {
        return new Ref(ctx.array(name, data, false));
    }

    /** A float scalar constant. */
    Ref scalar(String name, float v) {
        return new Ref(ctx.constant(name, v));
    }

    /** A float constant of shape {@code dims} that is not a network weight (a time-step term). */
    Ref floats(String name, float[] data, int... dims) {
        List<Integer> d = new ArrayList<>();
        for (int x : dims) {
            d.add(x);
        }
        return new Ref(ctx.floatTensor(name, d, fb -> fb.put(data)));
    }

    /** A 1-D int64 constant (indices). */
    Ref longs(String name, long[] data) {
        return new Ref(ctx.array(name, data));
    }

    Ref add(Ref a, Ref b) {
        return binary(ONNXOperators.ADD, a, b);
    }

    Ref sub(Ref a, Ref b) {
        return binary(ONNXOperators.SUB, a, b);
    }

    Ref mul(Ref a, Ref b) {
        return binary(ONNXOperators.MUL, a, b);
    }

    Ref div(Ref a, Ref b) {
        return binary(ONNXOperators.DIV, a, b);
    }

    /** Element-wise maximum (broadcasting). */
    Ref max(Ref a, Ref b) {
        return binary(OnnxOps.MAX, a, b);
    }

    /** Element-wise minimum (broadcasting). */
    Ref min(Ref a, Ref b) {
        return binary(OnnxOps.MIN, a, b);
    }

    Ref matMul(Ref a, Ref b) {
        return binary(OnnxOps.MATMUL, a, b);
    }

    Ref tanh(Ref a) {
        return new Ref(a.ref().apply(OnnxOps.TANH, next("tanh")));
    }

    Ref softplus(Ref a) {
        return new Ref(a.ref().apply(OnnxOps.SOFTPLUS, next("softplus")));
    }

    /** Clamps to {@code [lo, hi]} (constants of the input's type). */
    Ref clip(Ref a, Ref lo, Ref hi) {
        return new Ref(a.ref().apply(OnnxOps.CLIP, List.of(lo.ref(), hi.ref()), next("clip")));
    }

    /** Converts to float. */
    Ref toFloat(Ref a) {
        return cast(a, OnnxMl.TensorProto.DataType.FLOAT);
    }

    /** Converts to double. */
    Ref toDouble(Ref a) {
        return cast(a, OnnxMl.TensorProto.DataType.DOUBLE);
    }

    /** Columns {@code from .. from + count} of a {@code [batch, width]} tensor. */
    Ref columns(String name, Ref a, int from, int count) {
        long[] idx = new long[count];
        for (int i = 0; i < count; i++) {
            idx[i] = (long) from + i;
        }
        return new Ref(a.ref()
                .apply(
                        ONNXOperators.GATHER,
                        List.of(longs(name, idx).ref()),
                        List.of(next("gather")),
                        Map.of("axis", 1))
                .get(0));
    }

    /** {@code x @ w + b} for float {@code x}. */
    Ref linear(Ref x, Ref w, Ref b) {
        return new Ref(x.ref().apply(ONNXOperators.GEMM, List.of(w.ref(), b.ref()), next("gemm")));
    }

    /** The hidden activation of a network. */
    Ref activation(Ref x, Activation a) {
        return switch (a) {
            case TANH -> tanh(x);
            case RELU -> new Ref(x.ref().apply(OnnxOps.RELU, next("relu")));
            case SILU -> mul(x, new Ref(x.ref().apply(ONNXOperators.SIGMOID, next("sigmoid"))));
        };
    }

    /** One dense layer's weight {@code [in, out]} and bias {@code [out]} in the graph. */
    record Dense(Ref w, Ref b) {}

    /**
     * Layers {@code from .. to - 1} of a network as graph weights; the last of them restricted to its output columns
     * {@code outFrom .. outFrom + outCount} when {@code outCount >= 0}.
     */
    List<Dense> dense(String name, Mlp.Snapshot net, int from, int to, int outFrom, int outCount) {
        int[] sizes = net.sizes();
        List<Dense> out = new ArrayList<>();
        for (int l = from; l < to; l++) {
            int in = sizes[l];
            int width = sizes[l + 1];
            float[] w = net.weights(l);
            float[] b = net.bias(l);
            String suffix = "";
            if (l == to - 1 && outCount >= 0) {
                w = columnsOf(w, in, width, outFrom, outCount);
                b = java.util.Arrays.copyOfRange(b, outFrom, outFrom + outCount);
                width = outCount;
                suffix = "_" + outFrom;
            }
            out.add(new Dense(
                    weight(name + ".w" + l + suffix, w, in, width), weight(name + ".b" + l + suffix, b, width)));
        }
        return out;
    }

    /** Applies dense layers to {@code h}, each followed by {@code activation} but for the last unless {@code activateLast}. */
    Ref forward(List<Dense> layers, Ref h, Activation activation, boolean activateLast) {
        for (int i = 0; i < layers.size(); i++) {
            h = linear(h, layers.get(i).w(), layers.get(i).b());
            if (i < layers.size() - 1 || activateLast) {
                h = activation(h, activation);
            }
        }
        return h;
    }

    /** Columns {@code from .. from + count} of a row-major {@code [rows, cols]} matrix. */
    static float[] columnsOf(float[] m, int rows, int cols, int from, int count) {
        float[] out = new float[rows * count];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, r * cols + from, out, r * count, count);
        }
        return out;
    }

    /** Rows {@code from .. from + count} of a row-major {@code [rows, cols]} matrix. */
    static float[] rowsOf(float[] m, int cols, int from, int count) {
        return java.util.Arrays.copyOfRange(m, from * cols, (from + count) * cols);
    }

    private Ref binary(org.tribuo.util.onnx.ONNXOperator op, Ref a, Ref b) {
        ONNXNode n = a.ref().apply(op, b.ref(), next(op.getOpName().toLowerCase(java.util.Locale.ROOT)));
        return new Ref(n);
    }

    /** The network weights embedded, by initializer name (copies). */
    Map<String, float[]> weights() {
        return weights;
    }

    /** The shapes of {@link #weights()}. */
    Map<String, long[]> weightShapes() {
        return shapes;
    }

    /** The model: the graph with double inputs and outputs, opset 13, and {@code metadata} as metadata properties. */
    OnnxMl.ModelProto model(String graphName, Map<String, String> metadata) {
        ctx.setName(graphName);
        OnnxMl.GraphProto.Builder g = ctx.buildGraph().toBuilder();
        for (OnnxMl.ValueInfoProto.Builder v : g.getInputBuilderList()) {
            v.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.DOUBLE.getNumber());
        }
        for (OnnxMl.ValueInfoProto.Builder v : g.getOutputBuilderList()) {
            v.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.DOUBLE.getNumber());
        }
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("gorl-j")
                .setGraph(g)
                .addOpsetImport(ONNXOperators.getOpsetProto());
        metadata.forEach((k, v) -> m.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }
}
