package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;

/** Compares a hand-computed gradient, laid out in a flat array, with the one autograd left on a parameter. */
public final class AutogradGradients {
    private AutogradGradients() {}

    /**
     * Asserts that parameter {@code name} of {@code store} has a non-zero autograd gradient equal to
     * {@code flat[offset ...]} within {@code relative} of its largest magnitude plus {@code absolute}.
     *
     * @return the parameter's size
     */
    public static int assertMatch(
            ParamStore store, String name, float[] flat, int offset, double relative, double absolute, String label) {
        float[] g;
        try (NDArray t = store.get(name).getGradient()) {
            g = t.toFloatArray();
        }
        double scale = 0;
        for (float v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(scale).as("%s: %s has a gradient", label, name).isPositive();
        for (int i = 0; i < g.length; i++) {
            assertThat(flat[offset + i]).as("%s: %s[%d]", label, name, i).isCloseTo(g[i], within((float)
                    (relative * scale + absolute)));
        }
        return g.length;
    }
}
