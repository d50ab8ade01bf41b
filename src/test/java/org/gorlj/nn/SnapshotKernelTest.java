package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link Mlp.Snapshot#forward} equals the naive row-by-row loop (bias first, inputs in order,
 * separate multiply and add, the scalar activation) bit for bit, on random shapes whose widths lie
 * below, at and above the SIMD lane count and batches that are not a multiple of the row block.
 */
class SnapshotKernelTest {
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    /** Naive evaluation of one network on {@code batch} rows. */
    private static float[] naive(int[] sizes, Activation act, float[][] w, float[][] b, float[] x, int batch) {
        int out = sizes[sizes.length - 1];
        float[] result = new float[batch * out];
        for (int r = 0; r < batch; r++) {
            float[] h = java.util.Arrays.copyOfRange(x, r * sizes[0], (r + 1) * sizes[0]);
            for (int l = 0; l + 1 < sizes.length; l++) {
                float[] next = new float[sizes[l + 1]];
                for (int j = 0; j < next.length; j++) {
                    float y = b[l][j];
                    for (int i = 0; i < sizes[l]; i++) {
                        y += h[i] * w[l][i * next.length + j];
                    }
                    next[j] = l + 2 < sizes.length ? act.apply(y) : y;
                }
                h = next;
            }
            System.arraycopy(h, 0, result, r * out, out);
        }
        return result;
    }

    private static float[] random(Rng rng, int n, double scale) {
        float[] a = new float[n];
        rng.fillGaussian(a);
        for (int i = 0; i < n; i++) {
            a[i] *= (float) scale;
        }
        return a;
    }

    private static void assertBitIdentical(int[] sizes, Activation act, int batch, Rng rng) {
        int layers = sizes.length - 1;
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = random(rng, sizes[l] * sizes[l + 1], 1.5 / Math.sqrt(sizes[l]));
            b[l] = random(rng, sizes[l + 1], 0.5);
        }
        float[] x = random(rng, batch * sizes[0], 2.0);
        float[] expected = naive(sizes, act, w, b, x, batch);
        float[] got = new float[expected.length];
        new Mlp.Snapshot(sizes, act, w, b).forward(x, batch, got);
        for (int k = 0; k < expected.length; k++) {
            assertThat(Float.floatToIntBits(got[k]))
                    .as(
                            "%s %s batch %d output %d: %s vs %s",
                            java.util.Arrays.toString(sizes), act, batch, k, got[k], expected[k])
                    .isEqualTo(Float.floatToIntBits(expected[k]));
        }
    }

    /** Widths that exercise every part of the kernels for this machine's lane count. */
    private static int[] widths() {
        return new int[] {1, 3, LANES - 1, LANES, LANES + 1, 2 * LANES, 2 * LANES + 3, 3 * LANES, 4 * LANES + 5};
    }

    @Test
    void everyWidthAgainstEveryBatchAroundTheBlock() {
        Rng rng = new Rng(11);
        for (int width : widths()) {
            for (Activation act : Activation.values()) {
                for (int batch : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13, 32, 33}) {
                    assertBitIdentical(new int[] {7, width, width, 3}, act, batch, rng);
                    assertBitIdentical(new int[] {width, 2 * LANES, width}, act, batch, rng);
                }
            }
        }
    }

    /** Random depths and widths, including the shapes of the GoRL decoder and the flow policy. */
    @Test
    void randomShapesAndTheInferenceShapes() {
        Rng rng = new Rng(12);
        List<int[]> shapes = new ArrayList<>();
        shapes.add(new int[] {31, 64, 64, 64, 64, 6});
        shapes.add(new int[] {27, 32, 32, 32, 32, 4});
        shapes.add(new int[] {15, 64, 64, 1});
        for (int s = 0; s < 30; s++) {
            int depth = 2 + rng.nextInt(4);
            int[] sizes = new int[depth];
            for (int l = 0; l < depth; l++) {
                sizes[l] = 1 + rng.nextInt(5 * LANES);
            }
            shapes.add(sizes);
        }
        List<Activation> activations = List.of(Activation.values());
        for (int[] sizes : shapes) {
            Activation act = activations.get(rng.nextInt(activations.size()));
            assertBitIdentical(sizes, act, 1 + rng.nextInt(40), rng);
            assertBitIdentical(sizes, Activation.SILU, 32, rng);
        }
    }
}
