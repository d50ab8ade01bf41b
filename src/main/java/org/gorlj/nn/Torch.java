package org.gorlj.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.gorlj.util.UserInputException;

/**
 * The one place that knows the tensor engine is DJL's PyTorch: start-up settings (offline,
 * thread counts) and the few engine calls DJL's API does not expose (zeroing gradients).
 */
public final class Torch {
    private static volatile boolean started;

    private Torch() {}

    /**
     * Starts the engine with {@code threads} intra-op threads (call before any tensor is made;
     * later calls keep the first setting) and turns gradient recording off on the calling thread
     * (libtorch's grad mode is per thread and on in a new one; learners switch it on only inside their
     * gradient collectors, and loading weights in place needs it off). Runs offline: the native
     * library comes from the class path and nothing is ever downloaded.
     */
    public static synchronized void start(int threads) {
        if (!started) {
            mklBranch();
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
            Engine.getEngine("PyTorch");
            started = true;
        }
        JniUtils.setGradMode(false);
    }

    /**
     * The code branch of the math library (MKL) that this process computes with: the value of the
     * {@code MKL_CBWR} environment variable, read by MKL once when it starts, or {@code "unset"}.
     * Results are bit-for-bit reproducible only under the same branch (and, for branches other than
     * {@code COMPATIBLE}, on the same kind of CPU); the launcher sets {@code AUTO}, the tests
     * {@code COMPATIBLE} (see README, "Reproducibility").
     *
     * @throws UserInputException for a value MKL does not know (it would ignore it silently)
     */
    public static String mklBranch() {
        String v = System.getenv("MKL_CBWR");
        return v == null || v.isBlank() ? "unset" : requireKnownBranch(v.trim());
    }

    /** The code branches MKL documents for {@code MKL_CBWR} (the deprecated ones included). */
    static final List<String> MKL_BRANCHES = List.of(
            "AUTO",
            "COMPATIBLE",
            "SSE2",
            "SSE3",
            "SSSE3",
            "SSE4_1",
            "SSE4_2",
            "AVX",
            "AVX2",
            "AVX512",
            "AVX512_E1",
            "AVX512_MIC",
            "AVX512_MIC_E1");

    /**
     * The value if it has MKL's form {@code [BRANCH=]branch[,STRICT]} with a branch MKL knows.
     *
     * @throws UserInputException otherwise
     */
    static String requireKnownBranch(String value) {
        String branch = value.startsWith("BRANCH=") ? value.substring("BRANCH=".length()) : value;
        branch = branch.endsWith(",STRICT") ? branch.substring(0, branch.length() - ",STRICT".length()) : branch;
        if (!MKL_BRANCHES.contains(branch)) {
            throw new UserInputException(
                    "MKL_CBWR=" + value + " is not a code branch MKL knows: expected [BRANCH=]B[,STRICT] "
                            + "with B one of " + String.join(", ", MKL_BRANCHES) + " (or leave MKL_CBWR unset)");
        }
        return value;
    }

    /** A new root tensor manager (starting the engine with one thread if nobody did). */
    public static NDManager newManager() {
        startIfNeeded();
        return NDManager.newBaseManager();
    }

    /**
     * Sets the engine's intra-op thread count to {@code threads} until the returned scope is closed,
     * which restores the count it found ({@code torch_threads} outside any scope). 0 leaves the count
     * as it is. The count belongs to the calling thread's parallel regions: call it on the thread that
     * computes. Results with a given count are reproducible run to run; another count may change the
     * last digits (parallel reductions add in another order).
     *
     * @throws IllegalArgumentException for a negative count
     */
    public static IntraOpThreads intraOpThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("intra-op threads must be 0 (unchanged) or more, got " + threads);
        }
        startIfNeeded();
        int previous = JniUtils.getNumThreads();
        if (threads > 0 && threads != previous) {
            JniUtils.setNumThreads(threads);
        }
        return new IntraOpThreads(previous);
    }

    /** The engine's intra-op thread count for the calling thread. */
    public static int intraOpThreads() {
        startIfNeeded();
        return JniUtils.getNumThreads();
    }

    /** A scope of {@link #intraOpThreads(int)}; closing it restores the thread count it found. */
    public static final class IntraOpThreads implements AutoCloseable {
        private final int previous;

        private IntraOpThreads(int previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (JniUtils.getNumThreads() != previous) {
                JniUtils.setNumThreads(previous);
            }
        }
    }

    /** Starts the engine with one thread if nobody did. */
    private static void startIfNeeded() {
        if (!started) {
            start(1);
        }
    }

    /** Sets the gradient of {@code parameter} to zero (PyTorch accumulates gradients across backward passes). */
    static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
