package org.gorlj.nn;

import ai.djl.ndarray.NDArray;

/** Hidden-layer activations: CleanRL uses tanh, the paper (Brax) uses SiLU. */
public enum Activation {
    TANH {
        @Override
        public NDArray apply(NDArray x) {
            return x.tanh();
        }

        @Override
        public float apply(float x) {
            return (float) StrictMath.tanh(x);
        }
    },
    SILU {
        @Override
        public NDArray apply(NDArray x) {
            return x.mul(
                    ai.djl.nn.Activation.sigmoid(x)); // DJL's swish(x, beta) multiplies by a freed constant, see Ops
        }

        @Override
        public float apply(float x) {
            return (float) (x / (1.0 + Math.exp(-x))); // the intrinsic: about 2x StrictMath, same float after rounding
        }

        @Override
        public void applyInPlace(float[] values, int n) {
            VectorActivations.silu(values, n);
        }
    },
    RELU {
        @Override
        public NDArray apply(NDArray x) {
            return ai.djl.nn.Activation.relu(x);
        }

        @Override
        public float apply(float x) {
            return Math.max(0f, x);
        }
    };

    /** Applies the activation to a tensor. */
    public abstract NDArray apply(NDArray x);

    /** Applies the activation to one value (pure-Java inference). */
    public abstract float apply(float x);

    /** Applies the activation to {@code values[0 .. n)} in place: the same floats as {@link #apply(float)} one by one. */
    public void applyInPlace(float[] values, int n) {
        for (int k = 0; k < n; k++) {
            values[k] = apply(values[k]);
        }
    }

    /** Parses a lower-case name (tanh, silu, relu). */
    public static Activation parse(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
