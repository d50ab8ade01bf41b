package org.gorlj.env.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the MuJoCo C functions the binding calls. The handles are static finals so
 * the JIT compiles each call into a direct native call. Touch this class only after
 * {@link Mujoco#library()} succeeded (its initialiser loads the library through it).
 */
@SuppressWarnings("restricted") // native access is this class's purpose
final class MjNative {
    private static final SymbolLookup LIBRARY = Mujoco.library();
    private static final Linker LINKER = Linker.nativeLinker();

    private static final FunctionDescriptor MODEL_DATA = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

    private static final MethodHandle VERSION = handle("mj_version", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle LOAD_XML =
            handle("mj_loadXML", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle DELETE_MODEL = handle("mj_deleteModel", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle MAKE_DATA = handle("mj_makeData", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle DELETE_DATA = handle("mj_deleteData", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle RESET_DATA = handle("mj_resetData", MODEL_DATA);
    private static final MethodHandle STEP = handle("mj_step", MODEL_DATA);
    private static final MethodHandle STEP1 = handle("mj_step1", MODEL_DATA);
    private static final MethodHandle STEP2 = handle("mj_step2", MODEL_DATA);
    private static final MethodHandle FORWARD = handle("mj_forward", MODEL_DATA);
    private static final MethodHandle RNE_POST_CONSTRAINT = handle("mj_rnePostConstraint", MODEL_DATA);
    private static final MethodHandle NAME2ID =
            handle("mj_name2id", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle ID2NAME =
            handle("mj_id2name", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONTACT_FORCE =
            handle("mj_contactForce", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle DEFAULT_VFS = handle("mj_defaultVFS", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle MAKE_EMPTY_FILE_VFS =
            handle("mj_makeEmptyFileVFS", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle FIND_FILE_VFS =
            handle("mj_findFileVFS", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle DELETE_FILE_VFS =
            handle("mj_deleteFileVFS", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private MjNative() {}

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LIBRARY.find(name)
                .orElseThrow(() -> new MujocoException(
                        "the loaded MuJoCo library has no symbol " + name + "; " + Mujoco.INSTALL_HINT));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    static int version() {
        try {
            return (int) VERSION.invokeExact();
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static MemorySegment loadXml(MemorySegment fileName, MemorySegment vfs, MemorySegment error, int errorSize) {
        try {
            return (MemorySegment) LOAD_XML.invokeExact(fileName, vfs, error, errorSize);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void deleteModel(MemorySegment m) {
        try {
            DELETE_MODEL.invokeExact(m);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static MemorySegment makeData(MemorySegment m) {
        try {
            return (MemorySegment) MAKE_DATA.invokeExact(m);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void deleteData(MemorySegment d) {
        try {
            DELETE_DATA.invokeExact(d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void resetData(MemorySegment m, MemorySegment d) {
        try {
            RESET_DATA.invokeExact(m, d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void step(MemorySegment m, MemorySegment d) {
        try {
            STEP.invokeExact(m, d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void step1(MemorySegment m, MemorySegment d) {
        try {
            STEP1.invokeExact(m, d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void step2(MemorySegment m, MemorySegment d) {
        try {
            STEP2.invokeExact(m, d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void forward(MemorySegment m, MemorySegment d) {
        try {
            FORWARD.invokeExact(m, d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void rnePostConstraint(MemorySegment m, MemorySegment d) {
        try {
            RNE_POST_CONSTRAINT.invokeExact(m, d);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static int name2id(MemorySegment m, int type, MemorySegment name) {
        try {
            return (int) NAME2ID.invokeExact(m, type, name);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static MemorySegment id2name(MemorySegment m, int type, int id) {
        try {
            return (MemorySegment) ID2NAME.invokeExact(m, type, id);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void contactForce(MemorySegment m, MemorySegment d, int id, MemorySegment result) {
        try {
            CONTACT_FORCE.invokeExact(m, d, id, result);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static void defaultVfs(MemorySegment vfs) {
        try {
            DEFAULT_VFS.invokeExact(vfs);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static int makeEmptyFileVfs(MemorySegment vfs, MemorySegment name, int size) {
        try {
            return (int) MAKE_EMPTY_FILE_VFS.invokeExact(vfs, name, size);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static int findFileVfs(MemorySegment vfs, MemorySegment name) {
        try {
            return (int) FIND_FILE_VFS.invokeExact(vfs, name);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    static int deleteFileVfs(MemorySegment vfs, MemorySegment name) {
        try {
            return (int) DELETE_FILE_VFS.invokeExact(vfs, name);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }
}
