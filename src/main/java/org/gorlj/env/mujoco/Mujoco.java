package org.gorlj.env.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and checks the MuJoCo shared library. The first use of the binding loads
 * {@code libmujoco.so.2.2.2} (falling back to {@code libmujoco.so}), checks that
 * {@code mj_version()} is 222, and routes MuJoCo's warnings to the log. If the library is missing
 * or has another version, every use of the binding throws a {@link MujocoException} with a one-line
 * message saying what to install.
 *
 * <p>MuJoCo's fatal errors (for example an exhausted {@code mjData} stack) cannot be recovered from:
 * the engine's own handler would wait for Enter on the console and exit. The binding installs a
 * handler that prints the message on standard error and halts the JVM with exit code
 * {@value #FATAL_EXIT_CODE} instead. Model compilation errors are not fatal: they become exceptions.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class Mujoco {
    /** The only MuJoCo version the struct layout of this binding is written for ({@code mj_version()}). */
    public static final int EXPECTED_VERSION = 222;
    /** Exit code of the JVM after a fatal MuJoCo error. */
    public static final int FATAL_EXIT_CODE = 70;

    static final List<String> LIBRARY_NAMES = List.of("libmujoco.so.2.2.2", "libmujoco.so");
    static final String INSTALL_HINT = "install it with 'apt-get install -y libmujoco2.2.2 libmujoco-dev'";
    static final String NOT_FOUND_MESSAGE = "MuJoCo 2.2.2 not found: " + INSTALL_HINT;

    private static final Logger LOG = LoggerFactory.getLogger(Mujoco.class);

    private static SymbolLookup library;
    private static MujocoException failure;

    private Mujoco() {}

    /** Loads and checks the library if that was not done yet; throws {@link MujocoException} if unusable. */
    public static void ensureLoaded() {
        library();
    }

    /** The version reported by the loaded library ({@code mj_version()}, e.g. 222). */
    public static int version() {
        ensureLoaded();
        return MjNative.version();
    }

    /** The loaded, version-checked library; the outcome of the first attempt is remembered. */
    @SuppressWarnings("StaticAssignmentOfThrowable") // the first failure is kept on purpose and rethrown as a cause
    public static synchronized SymbolLookup library() {
        if (library != null) {
            return library;
        }
        if (failure != null) {
            throw new MujocoException(failure.getMessage(), failure);
        }
        try {
            SymbolLookup lookup = open(LIBRARY_NAMES);
            checkVersion(callVersion(lookup));
            installHandlers(lookup);
            library = lookup;
            return lookup;
        } catch (MujocoException e) {
            failure = e;
            throw e;
        }
    }

    /** Opens the first library of {@code names} the dynamic loader finds. */
    static SymbolLookup open(List<String> names) {
        List<String> reasons = new ArrayList<>();
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                reasons.add(e.getMessage());
            }
        }
        MujocoException e = new MujocoException(NOT_FOUND_MESSAGE);
        reasons.forEach(r -> e.addSuppressed(new MujocoException(r)));
        throw e;
    }

    /** Throws unless {@code found} is the version this binding was written for. */
    static void checkVersion(int found) {
        if (found != EXPECTED_VERSION) {
            throw new MujocoException("MuJoCo version mismatch: expected 2.2.2 (mj_version() = " + EXPECTED_VERSION
                    + ") but the library reports mj_version() = " + found + "; " + INSTALL_HINT);
        }
    }

    private static int callVersion(SymbolLookup lookup) {
        MemorySegment symbol = lookup.find("mj_version")
                .orElseThrow(() ->
                        new MujocoException("the loaded MuJoCo library has no mj_version symbol; " + INSTALL_HINT));
        MethodHandle h = Linker.nativeLinker().downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT));
        try {
            return (int) h.invokeExact();
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    private static void installHandlers(SymbolLookup lookup) {
        try {
            MethodType type = MethodType.methodType(void.class, MemorySegment.class);
            FunctionDescriptor descriptor = FunctionDescriptor.ofVoid(ADDRESS);
            MethodHandles.Lookup self = MethodHandles.lookup();
            MemorySegment warning = Linker.nativeLinker()
                    .upcallStub(self.findStatic(Mujoco.class, "onWarning", type), descriptor, Arena.global());
            MemorySegment error = Linker.nativeLinker()
                    .upcallStub(self.findStatic(Mujoco.class, "onFatalError", type), descriptor, Arena.global());
            handlerSlot(lookup, "mju_user_warning").set(ADDRESS, 0, warning);
            handlerSlot(lookup, "mju_user_error").set(ADDRESS, 0, error);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create MuJoCo message handlers", e);
        }
    }

    private static MemorySegment handlerSlot(SymbolLookup lookup, String variable) {
        return lookup.find(variable)
                .orElseThrow(() -> new MujocoException(
                        "the loaded MuJoCo library has no " + variable + " symbol; " + INSTALL_HINT))
                .reinterpret(ADDRESS.byteSize());
    }

    /** Rethrows what a downcall threw (only unchecked exceptions can come out of one). */
    static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Reads a NUL-terminated C string at {@code address}. */
    static String cString(MemorySegment address) {
        return address.reinterpret(Long.MAX_VALUE).getString(0);
    }

    @SuppressWarnings("UnusedMethod") // the upcall stub of installHandlers finds it by name
    private static void onWarning(MemorySegment message) {
        LOG.warn("MuJoCo warning: {}", cString(message));
    }

    @SuppressWarnings("UnusedMethod") // the upcall stub of installHandlers finds it by name
    private static void onFatalError(MemorySegment message) {
        System.err.println("MuJoCo fatal error: " + cString(message) + " (the process cannot continue)");
        System.err.flush();
        Runtime.getRuntime().halt(FATAL_EXIT_CODE);
    }
}
