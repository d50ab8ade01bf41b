package org.gorlj.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic between a tensor and a constant that is safe under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code maximum},
 * {@code minimum} with a Number) wraps the constant in a temporary tensor over Java-owned memory
 * and closes it right after the operation. PyTorch's autograd keeps that tensor for the backward
 * pass (d(x*c)/dx = c), so if the garbage collector frees the memory between the forward and the
 * backward pass, the gradient is computed from garbage (seen here: gradient norms of 1e16, then
 * infinity, only when a GC happened at that moment). These helpers create the constant in the
 * operand's own manager, which keeps it alive until the manager is closed. All code on a
 * differentiable path uses them; {@code NumberOpsLintTest} checks that no other form is used.
 */
public final class Ops {
    private Ops() {}

    /** A float32 scalar held by {@code like}'s manager. */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().create((float) value);
    }

    /** x * c. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    /** x / c. */
    public static NDArray div(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    /** x + c. */
    public static NDArray add(NDArray x, double c) {
        return x.add(constant(x, c));
    }

    /** x - c. */
    public static NDArray sub(NDArray x, double c) {
        return x.sub(constant(x, c));
    }

    /** x clipped to [lo, hi] (gradient 1 inside, 0 outside). */
    public static NDArray clip(NDArray x, double lo, double hi) {
        return x.clip((float) lo, (float) hi);
    }
}
