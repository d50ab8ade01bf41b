package org.gorlj.render;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * An OpenGL context without a display: Mesa's OSMesa renders into a buffer in memory. The context
 * is current on the thread that created it, where all rendering must happen; {@link #close()}
 * destroys it.
 *
 * <p>MuJoCo 2.2.2 resolves the OpenGL functions itself once a context is current. The OSMesa library
 * is opened through libc's {@code dlopen} with {@code RTLD_GLOBAL} (the JVM opens libraries with local
 * visibility) so that its symbols are visible to the whole process whichever way MuJoCo looks them up.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class OffscreenGl implements AutoCloseable {
    /** What to install when OSMesa is missing. */
    static final String INSTALL_HINT = "apt-get install -y libosmesa6 libosmesa6-dev";

    private static final List<String> LIBRARY_NAMES = List.of("libOSMesa.so.8", "libOSMesa.so.6", "libOSMesa.so");
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    private static final int DEPTH_BITS = 24;
    private static final int STENCIL_BITS = 8;

    private static Handles handles;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment context;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private record Handles(MethodHandle create, MethodHandle makeCurrent, MethodHandle destroy) {}

    /**
     * Creates a context with a {@code width} x {@code height} RGBA colour buffer, 24-bit depth and
     * 8-bit stencil, and makes it current on this thread.
     *
     * @throws RenderUnavailableException if OSMesa is not installed or refuses the context
     */
    public OffscreenGl(int width, int height) {
        Handles h = handles();
        try {
            context = (MemorySegment) h.create.invokeExact(
                    RenderLayout.OSMESA_RGBA.intValue(), DEPTH_BITS, STENCIL_BITS, 0, MemorySegment.NULL);
            if (context.equals(MemorySegment.NULL)) {
                throw new RenderUnavailableException("OSMesa could not create an OpenGL context");
            }
            MemorySegment buffer = arena.allocate((long) width * height * 4, 16);
            byte ok = (byte)
                    h.makeCurrent.invokeExact(context, buffer, RenderLayout.GL_UNSIGNED_BYTE.intValue(), width, height);
            if (ok == 0) {
                h.destroy.invokeExact(context);
                throw new RenderUnavailableException(
                        "OSMesa could not make a " + width + "x" + height + " context current");
            }
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException(t);
        }
    }

    /** Throws unless called on the thread the context is current on, before {@link #close()}. */
    void checkCurrent() {
        if (closed) {
            throw new IllegalStateException("the OpenGL context is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the OpenGL context is current on thread " + owner.getName() + ", not on "
                    + Thread.currentThread().getName());
        }
    }

    /** Opens OSMesa globally and binds its functions, once. */
    private static synchronized Handles handles() {
        if (handles != null) {
            return handles;
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle dlopen = linker.downcallHandle(
                linker.defaultLookup().find("dlopen").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        String opened = null;
        try (Arena names = Arena.ofConfined()) {
            for (String name : LIBRARY_NAMES) {
                MemorySegment handle =
                        (MemorySegment) dlopen.invokeExact(names.allocateFrom(name), RTLD_NOW | RTLD_GLOBAL);
                if (!handle.equals(MemorySegment.NULL)) {
                    opened = name;
                    break;
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (opened == null) {
            throw new RenderUnavailableException(
                    "rendering needs OSMesa (libOSMesa.so.8), which is not installed: " + INSTALL_HINT);
        }
        SymbolLookup lib = SymbolLookup.libraryLookup(opened, Arena.global());
        handles = new Handles(
                linker.downcallHandle(
                        lib.find("OSMesaCreateContextExt").orElseThrow(),
                        FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS)),
                linker.downcallHandle(
                        lib.find("OSMesaMakeCurrent").orElseThrow(),
                        FunctionDescriptor.of(JAVA_BYTE, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT)),
                linker.downcallHandle(
                        lib.find("OSMesaDestroyContext").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS)));
        return handles;
    }

    /** Destroys the context and frees its buffer. Idempotent; call it on the owning thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            handles.destroy().invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }
}
