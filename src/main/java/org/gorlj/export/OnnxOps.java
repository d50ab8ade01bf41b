package org.gorlj.export;

import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * The ONNX operators the policy graphs use that Tribuo's {@link ONNXOperators} lacks, at the same
 * opset (13) and domain (the default one).
 */
enum OnnxOps implements ONNXOperator {
    /** Matrix product. */
    MATMUL("MatMul", 2, 0),
    /** Element-wise hyperbolic tangent. */
    TANH("Tanh", 1, 0),
    /** Element-wise max(0, x). */
    RELU("Relu", 1, 0),
    /** Element-wise log(1 + exp(x)). */
    SOFTPLUS("Softplus", 1, 0),
    /** Element-wise clamp to [min, max] (both optional inputs at opset 13). */
    CLIP("Clip", 1, 2),
    /** Element-wise maximum of two tensors (broadcasting). */
    MAX("Max", 2, 0),
    /** Element-wise minimum of two tensors (broadcasting). */
    MIN("Min", 2, 0);

    private final String opName;
    private final int inputs;
    private final int optionalInputs;

    OnnxOps(String opName, int inputs, int optionalInputs) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return Map.of();
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return ONNXOperators.getOpsetVersion();
    }

    @Override
    public String getOpDomain() {
        return "";
    }
}
