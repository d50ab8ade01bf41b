package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gorlj.util.JvmOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaMlp} gives the same bits interpreted and compiled: the Vector API's lane-wise exp and
 * tanh differ between its Java fallback and the compiled intrinsics, so a learner that used them
 * directly gave a seed other numbers depending on how far the JIT had got (seen once as a failing
 * repeat of a seeded update).
 */
@Tag("slow")
class JavaMlpJitTest {
    private static final int[] SIZES = {5, 40, 33, 3};
    private static final int ROWS = 37;

    /** A checksum of the outputs and gradients of a forward and backward pass, per activation. */
    static String checksums() {
        StringBuilder sb = new StringBuilder();
        for (Activation act : List.of(Activation.TANH, Activation.SILU)) {
            JavaMlp net = new JavaMlp(SIZES, act);
            float[] params = values(net.parameterCount(), 1, 0.3f);
            float[] x = values(ROWS * SIZES[0], 2, 3f);
            float[] d = values(ROWS * SIZES[3], 3, 1f);
            float[] out = net.forward(params, 0, x, ROWS);
            float[] grads = new float[params.length];
            net.backward(params, 0, d, grads, 0);
            long h = 17;
            for (float v : out) {
                h = 31 * h + Float.floatToIntBits(v);
            }
            for (float v : grads) {
                h = 31 * h + Float.floatToIntBits(v);
            }
            sb.append(act).append('=').append(Long.toHexString(h)).append(' ');
        }
        return sb.toString().strip();
    }

    /** Deterministic values in (-scale, scale), without the project's generators (kept out of the check). */
    private static float[] values(int n, long seed, float scale) {
        float[] v = new float[n];
        long s = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            v[i] = scale * (((s >>> 40) / (float) (1L << 24)) * 2 - 1);
        }
        return v;
    }

    /** Prints {@link #checksums()}: run by the test in an interpreted JVM. */
    public static void main(String[] args) {
        System.out.println(checksums());
    }

    @Test
    void interpretedAndCompiledGiveTheSameBits() throws Exception {
        String compiled = null;
        for (int i = 0; i < 3000; i++) { // long enough for the compiler to replace the interpreted loops
            compiled = checksums();
        }
        List<String> cmd = new ArrayList<>(JvmOptions.javaCommand());
        cmd.add(1, "-Xint");
        cmd.add(JavaMlpJitTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String interpreted = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(interpreted).isEqualTo(compiled);
    }
}
