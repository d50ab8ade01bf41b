package org.gorlj.util;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The C library's heap, from which libtorch's tensors and MuJoCo's simulation data are allocated.
 * glibc keeps the pages of freed blocks (the launcher asks it never to shrink its heaps by itself,
 * {@code MALLOC_TRIM_THRESHOLD_}), so a phase that needed much native memory would leave the process
 * that large for the rest of the run; {@link #trim()} hands the free pages back at a phase's end, and
 * {@link #release()} first collects the Java heap, whose dead direct buffers still hold C-heap memory.
 */
public final class NativeHeap {
    /** glibc's {@code int malloc_trim(size_t pad)}; absent on other C libraries (musl, macOS). */
    private static final Optional<MethodHandle> MALLOC_TRIM = lookUp();

    private NativeHeap() {}

    @SuppressWarnings("restricted") // a downcall into the C library is this class's purpose
    private static Optional<MethodHandle> lookUp() {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup()
                .find("malloc_trim")
                .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, JAVA_LONG)));
    }

    /** True where the C library can return free heap pages ({@link #trim()} does something). */
    public static boolean trimAvailable() {
        return MALLOC_TRIM.isPresent();
    }

    /**
     * Gives back what a finished phase left behind (a GoRL data set, a decoder fit's minibatch tensors):
     * a full collection of the Java heap, which frees dead objects that were promoted to the old
     * generation (where they would stay, and the generation grow, until one) and the C-heap memory of
     * dead direct buffers (the tensors' inputs), then {@link #trim()}. Takes a fraction of a second:
     * call it a few times per run, where a phase ends.
     */
    public static void release() {
        System.gc();
        trim();
    }

    /**
     * Returns the free pages of every malloc arena to the operating system ({@code malloc_trim(0)});
     * live blocks are untouched, so nothing a computation holds changes. Costs a walk over the free
     * blocks and the unmapping of their pages (tens of milliseconds for hundreds of MB): call it where a
     * phase ends, not per step.
     *
     * @return true if some memory was returned; false if none was or the C library has no trim
     */
    public static boolean trim() {
        if (MALLOC_TRIM.isEmpty()) {
            return false;
        }
        try {
            return (int) MALLOC_TRIM.get().invokeExact(0L) != 0;
        } catch (Throwable t) {
            throw new IllegalStateException("malloc_trim failed", t);
        }
    }
}
