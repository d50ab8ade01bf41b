package org.gorlj.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one place that knows the tensor engine is DJL's PyTorch: start-up settings (offline,
 * thread counts) and the few engine calls DJL's API does not expose (zeroing gradients).
 */
public final class Torch {
    private static volatile boolean started;

    private Torch() {}

    /**
     * Starts the engine with {@code threads} intra-op threads (call before any tensor is made;
     * later calls keep the first setting). Runs offline: the native library comes from the
     * class path and nothing is ever downloaded.
     */
    public static synchronized void start(int threads) {
        if (started) {
            return;
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        started = true;
    }

    /**
     * The code branch of the math library (MKL) that this process computes with: the value of the
     * {@code MKL_CBWR} environment variable, read by MKL once when it starts, or {@code "unset"}.
     * Results are bit-for-bit reproducible only under the same branch (and, for branches other than
     * {@code COMPATIBLE}, on the same kind of CPU); the launcher sets {@code AUTO}, the tests
     * {@code COMPATIBLE} (see README, "Reproducibility").
     */
    public static String mklBranch() {
        String v = System.getenv("MKL_CBWR");
        return v == null || v.isBlank() ? "unset" : v.trim();
    }

    /** A new root tensor manager (starting the engine with one thread if nobody did). */
    public static NDManager newManager() {
        if (!started) {
            start(1);
        }
        return NDManager.newBaseManager();
    }

    /** Sets the gradient of {@code parameter} to zero (PyTorch accumulates gradients across backward passes). */
    static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
