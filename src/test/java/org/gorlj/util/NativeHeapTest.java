package org.gorlj.util;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@SuppressWarnings("restricted") // the test allocates from the C heap itself
class NativeHeapTest {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("malloc").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));

    /** Blocks of 64 KiB: below glibc's smallest mmap threshold, so they come from an arena whatever the environment. */
    private static final long BLOCK = 64 << 10;

    private static final int BLOCKS = 3072; // 192 MiB

    private static MemorySegment malloc(long bytes) throws Throwable {
        return ((MemorySegment) MALLOC.invokeExact(bytes)).reinterpret(bytes);
    }

    private static void free(MemorySegment block) throws Throwable {
        FREE.invokeExact(block);
    }

    /** VmRSS of this process in KiB. */
    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void trimLeavesLiveBlocksAsTheyWere() throws Throwable {
        MemorySegment live = malloc(BLOCK);
        for (long i = 0; i < BLOCK; i++) {
            live.set(JAVA_BYTE, i, (byte) (i * 31 + 7));
        }
        MemorySegment garbage = malloc(BLOCK);
        garbage.fill((byte) 1);
        free(garbage);
        NativeHeap.trim();
        NativeHeap.trim(); // a second trim finds nothing to do and is just as harmless
        for (long i = 0; i < BLOCK; i++) {
            assertThat(live.get(JAVA_BYTE, i)).isEqualTo((byte) (i * 31 + 7));
        }
        free(live);
    }

    /** A dead direct buffer (how tensors get their inputs) holds C-heap memory until a collection finds it. */
    @Test
    void releaseFreesTheMemoryOfDeadDirectBuffers() throws InterruptedException {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        long before = direct.getMemoryUsed();
        ByteBuffer kept = ByteBuffer.allocateDirect(1 << 20);
        kept.putInt(0, 42);
        allocateAndDrop(64 << 20);
        assertThat(direct.getMemoryUsed()).isGreaterThanOrEqualTo(before + (65 << 20));
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            NativeHeap.release(); // the buffers' cleaners run on their own thread after the collection
            Thread.sleep(10);
        } while (direct.getMemoryUsed() > before + (2 << 20) && System.nanoTime() < deadline);
        assertThat(direct.getMemoryUsed()).isLessThanOrEqualTo(before + (2 << 20));
        assertThat(kept.getInt(0)).isEqualTo(42);
    }

    private static void allocateAndDrop(int bytes) {
        ByteBuffer.allocateDirect(bytes).put(0, (byte) 1);
    }

    /**
     * Freed blocks below a live one stay resident (glibc only gives back the top of a heap by
     * itself); the trim gives their pages back and says so.
     */
    @Test
    void trimGivesFreedPagesBackToTheSystem() throws Throwable {
        assumeTrue(NativeHeap.trimAvailable(), "the C library has no malloc_trim (not glibc): nothing to give back");
        MemorySegment[] blocks = new MemorySegment[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = malloc(BLOCK);
            blocks[i].fill((byte) i);
        }
        MemorySegment pin = malloc(64); // keeps the freed blocks off the top of the heap
        for (MemorySegment b : blocks) {
            free(b);
        }
        long before = rssKib();
        long t0 = System.nanoTime();
        assertThat(NativeHeap.trim()).isTrue();
        System.out.printf(
                "malloc_trim: %d KiB returned in %.1f ms%n", before - rssKib(), (System.nanoTime() - t0) * 1e-6);
        long after = rssKib();
        assertThat(before - after).as("KiB returned").isGreaterThan(BLOCKS * BLOCK / 1024 * 3 / 4);
        free(pin);
    }
}
