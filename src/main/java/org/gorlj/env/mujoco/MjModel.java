package org.gorlj.env.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled MuJoCo model ({@code mjModel}), loaded from an MJCF file, a class-path resource or an
 * XML string. A model that does not compile raises a {@link MujocoException} carrying MuJoCo's
 * error text. The native model is freed by {@link #close()}; the {@link MjArray} views it handed out
 * stop working then. Array views may be written (e.g. to move a target between episodes); the
 * integer tables (joint addresses, sensor addresses...) are copied at load time.
 *
 * <p>Loading is serialised across threads (MuJoCo 2.2.2's compiler swaps global error handlers);
 * a loaded model may be read from several threads, and each {@link MjData} made from it may be
 * stepped on its own thread.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class MjModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MjModel.class);
    private static final int ERROR_BUFFER_SIZE = 1000;
    private static final String VFS_FILE_NAME = "model.xml";
    private static final Object LOAD_LOCK = new Object();
    /** One virtual file system (2 MB of file tables) reused by every load from a string, under {@link #LOAD_LOCK}. */
    private static MemorySegment sharedVfs;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment struct;
    private final String source;

    private final int nq;
    private final int nv;
    private final int nu;
    private final int na;
    private final int nbody;
    private final int njnt;
    private final int ngeom;
    private final int nsite;
    private final int nsensor;
    private final int nsensordata;
    private final int nmocap;
    private final int nconmax;

    private final MjArray qpos0;
    private final MjArray gravity;
    private final MjArray bodyPos;
    private final MjArray bodyQuat;
    private final MjArray bodyMass;
    private final MjArray bodySubtreeMass;
    private final MjArray bodyInertia;
    private final MjArray jointRange;
    private final MjArray dofArmature;
    private final MjArray dofDamping;
    private final MjArray geomSize;
    private final MjArray geomPos;
    private final MjArray geomQuat;
    private final MjArray geomFriction;
    private final MjArray siteSize;
    private final MjArray sitePos;
    private final MjArray siteQuat;
    private final MjArray actuatorCtrlRange;
    private final MjArray actuatorGear;

    private final int[] bodyParent;
    private final int[] jointType;
    private final int[] jointQposAddress;
    private final int[] jointDofAddress;
    private final int[] geomBody;
    private final int[] siteBody;
    private final int[] sensorType;
    private final int[] sensorDim;
    private final int[] sensorAddress;
    private final boolean[] actuatorCtrlLimited;

    private volatile boolean closed;

    private MjModel(MemorySegment pointer, String source) {
        this.source = source;
        this.struct = pointer.reinterpret(MjLayout.MODEL_SIZE.value, arena, null);
        nq = intField(MjLayout.MODEL_NQ);
        nv = intField(MjLayout.MODEL_NV);
        nu = intField(MjLayout.MODEL_NU);
        na = intField(MjLayout.MODEL_NA);
        nbody = intField(MjLayout.MODEL_NBODY);
        njnt = intField(MjLayout.MODEL_NJNT);
        ngeom = intField(MjLayout.MODEL_NGEOM);
        nsite = intField(MjLayout.MODEL_NSITE);
        nsensor = intField(MjLayout.MODEL_NSENSOR);
        nsensordata = intField(MjLayout.MODEL_NSENSORDATA);
        nmocap = intField(MjLayout.MODEL_NMOCAP);
        nconmax = intField(MjLayout.MODEL_NCONMAX);

        gravity = new MjArray(struct.asSlice(MjLayout.MODEL_OPT_GRAVITY.value, 3 * Double.BYTES), 3, 1);
        qpos0 = doubles(MjLayout.MODEL_QPOS0, nq, 1);
        bodyPos = doubles(MjLayout.MODEL_BODY_POS, nbody, 3);
        bodyQuat = doubles(MjLayout.MODEL_BODY_QUAT, nbody, 4);
        bodyMass = doubles(MjLayout.MODEL_BODY_MASS, nbody, 1);
        bodySubtreeMass = doubles(MjLayout.MODEL_BODY_SUBTREEMASS, nbody, 1);
        bodyInertia = doubles(MjLayout.MODEL_BODY_INERTIA, nbody, 3);
        jointRange = doubles(MjLayout.MODEL_JNT_RANGE, njnt, 2);
        dofArmature = doubles(MjLayout.MODEL_DOF_ARMATURE, nv, 1);
        dofDamping = doubles(MjLayout.MODEL_DOF_DAMPING, nv, 1);
        geomSize = doubles(MjLayout.MODEL_GEOM_SIZE, ngeom, 3);
        geomPos = doubles(MjLayout.MODEL_GEOM_POS, ngeom, 3);
        geomQuat = doubles(MjLayout.MODEL_GEOM_QUAT, ngeom, 4);
        geomFriction = doubles(MjLayout.MODEL_GEOM_FRICTION, ngeom, 3);
        siteSize = doubles(MjLayout.MODEL_SITE_SIZE, nsite, 3);
        sitePos = doubles(MjLayout.MODEL_SITE_POS, nsite, 3);
        siteQuat = doubles(MjLayout.MODEL_SITE_QUAT, nsite, 4);
        actuatorCtrlRange = doubles(MjLayout.MODEL_ACTUATOR_CTRLRANGE, nu, 2);
        actuatorGear = doubles(MjLayout.MODEL_ACTUATOR_GEAR, nu, 6);

        bodyParent = ints(MjLayout.MODEL_BODY_PARENTID, nbody);
        jointType = ints(MjLayout.MODEL_JNT_TYPE, njnt);
        jointQposAddress = ints(MjLayout.MODEL_JNT_QPOSADR, njnt);
        jointDofAddress = ints(MjLayout.MODEL_JNT_DOFADR, njnt);
        geomBody = ints(MjLayout.MODEL_GEOM_BODYID, ngeom);
        siteBody = ints(MjLayout.MODEL_SITE_BODYID, nsite);
        sensorType = ints(MjLayout.MODEL_SENSOR_TYPE, nsensor);
        sensorDim = ints(MjLayout.MODEL_SENSOR_DIM, nsensor);
        sensorAddress = ints(MjLayout.MODEL_SENSOR_ADR, nsensor);
        MemorySegment limited = pointerField(MjLayout.MODEL_ACTUATOR_CTRLLIMITED, nu);
        actuatorCtrlLimited = new boolean[nu];
        for (int i = 0; i < nu; i++) {
            actuatorCtrlLimited[i] = limited.get(JAVA_BYTE, i) != 0;
        }
    }

    // ------------------------------------------------------------------ loading

    /** Compiles the MJCF file at {@code file} (relative includes and meshes resolve from its folder). */
    public static MjModel load(Path file) {
        Mujoco.ensureLoaded();
        if (!Files.isRegularFile(file)) {
            throw new MujocoException("MuJoCo model file not found: " + file);
        }
        synchronized (LOAD_LOCK) {
            try (Arena call = Arena.ofConfined()) {
                return compile(
                        call.allocateFrom(file.toAbsolutePath().toString()), MemorySegment.NULL, file.toString());
            }
        }
    }

    /**
     * Compiles the class-path resource {@code resource} (e.g. {@code models/gym/hopper.xml}); the
     * model must be self-contained (no includes or mesh files).
     */
    public static MjModel loadResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = MjModel.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new MujocoException("MuJoCo model resource not found on the class path: " + path);
            }
            return compileXml(new String(in.readAllBytes(), StandardCharsets.UTF_8), "resource " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + path, e);
        }
    }

    /** Compiles a model from MJCF text (self-contained: no includes or mesh files). */
    public static MjModel fromXml(String xml) {
        return compileXml(xml, "from an XML string");
    }

    private static MjModel compileXml(String xml, String source) {
        Mujoco.ensureLoaded();
        if (xml.isBlank()) {
            throw new MujocoException("cannot load MuJoCo model " + source + ": the XML text is empty");
        }
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        synchronized (LOAD_LOCK) {
            MemorySegment vfs = sharedVfs();
            try (Arena call = Arena.ofConfined()) {
                MemorySegment name = call.allocateFrom(VFS_FILE_NAME);
                int size = bytes.length + 1; // keep a terminating NUL after the text
                if (MjNative.makeEmptyFileVfs(vfs, name, size) != 0) {
                    throw new IllegalStateException("MuJoCo's virtual file system refused " + VFS_FILE_NAME);
                }
                try {
                    int index = MjNative.findFileVfs(vfs, name);
                    MemorySegment file = vfs.get(
                                    ADDRESS, MjLayout.VFS_FILEDATA.value + (long) index * ADDRESS.byteSize())
                            .reinterpret(size);
                    MemorySegment.copy(bytes, 0, file, JAVA_BYTE, 0, bytes.length);
                    file.set(JAVA_BYTE, bytes.length, (byte) 0);
                    return compile(name, vfs, source);
                } finally {
                    MjNative.deleteFileVfs(vfs, name);
                }
            }
        }
    }

    private static MemorySegment sharedVfs() {
        if (sharedVfs == null) {
            MemorySegment vfs = Arena.global().allocate(MjLayout.VFS_SIZE.value, 8);
            MjNative.defaultVfs(vfs);
            sharedVfs = vfs;
        }
        return sharedVfs;
    }

    private static MjModel compile(MemorySegment fileName, MemorySegment vfs, String source) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment error = call.allocate(ERROR_BUFFER_SIZE);
            MemorySegment pointer = MjNative.loadXml(fileName, vfs, error, ERROR_BUFFER_SIZE);
            String message = error.getString(0).strip();
            if (pointer.equals(MemorySegment.NULL)) {
                throw new MujocoException("cannot load MuJoCo model " + source + ": "
                        + (message.isEmpty() ? "mj_loadXML failed without a message" : message));
            }
            if (!message.isEmpty()) {
                LOG.warn("MuJoCo compiled model {} with a warning: {}", source, message);
            }
            return new MjModel(pointer, source);
        }
    }

    // ------------------------------------------------------------------ data

    /** A new simulation state for this model ({@code mj_makeData}), at qpos0 with zero velocity. */
    public MjData makeData() {
        return new MjData(this);
    }

    // ------------------------------------------------------------------ sizes and options

    /** Number of position coordinates (length of qpos). */
    public int nq() {
        return nq;
    }

    /** Number of degrees of freedom (length of qvel). */
    public int nv() {
        return nv;
    }

    /** Number of actuators (length of ctrl). */
    public int nu() {
        return nu;
    }

    /** Number of activation states (length of act). */
    public int na() {
        return na;
    }

    /** Number of bodies, including the world body. */
    public int nbody() {
        return nbody;
    }

    /** Number of joints. */
    public int njnt() {
        return njnt;
    }

    /** Number of geoms. */
    public int ngeom() {
        return ngeom;
    }

    /** Number of sites. */
    public int nsite() {
        return nsite;
    }

    /** Number of sensors. */
    public int nsensor() {
        return nsensor;
    }

    /** Length of the sensor data vector. */
    public int nsensordata() {
        return nsensordata;
    }

    /** Number of mocap bodies. */
    public int nmocap() {
        return nmocap;
    }

    /** Capacity of the contact list of each data. */
    public int nconmax() {
        return nconmax;
    }

    /** Physics timestep ({@code opt.timestep}). */
    public double timestep() {
        return struct.get(JAVA_DOUBLE, MjLayout.MODEL_OPT_TIMESTEP.value);
    }

    /** Overrides the physics timestep (Playground does this after loading). */
    public void setTimestep(double timestep) {
        if (!(timestep > 0)) {
            throw new IllegalArgumentException("timestep must be positive, got " + timestep);
        }
        struct.set(JAVA_DOUBLE, MjLayout.MODEL_OPT_TIMESTEP.value, timestep);
    }

    /** Gravity vector ({@code opt.gravity}, 3). */
    public MjArray gravity() {
        return gravity;
    }

    // ------------------------------------------------------------------ arrays

    /** Reference configuration ({@code qpos0}, nq). */
    public MjArray qpos0() {
        return qpos0;
    }

    /** Body positions relative to their parents ({@code body_pos}, nbody x 3). */
    public MjArray bodyPos() {
        return bodyPos;
    }

    /** Body orientations relative to their parents ({@code body_quat}, nbody x 4). */
    public MjArray bodyQuat() {
        return bodyQuat;
    }

    /** Body masses ({@code body_mass}, nbody). */
    public MjArray bodyMass() {
        return bodyMass;
    }

    /** Mass of each body's subtree ({@code body_subtreemass}, nbody). */
    public MjArray bodySubtreeMass() {
        return bodySubtreeMass;
    }

    /** Diagonal inertias in the inertial frames ({@code body_inertia}, nbody x 3). */
    public MjArray bodyInertia() {
        return bodyInertia;
    }

    /** Joint limits ({@code jnt_range}, njnt x 2). */
    public MjArray jointRange() {
        return jointRange;
    }

    /** Armature per dof ({@code dof_armature}, nv). */
    public MjArray dofArmature() {
        return dofArmature;
    }

    /** Damping per dof ({@code dof_damping}, nv). */
    public MjArray dofDamping() {
        return dofDamping;
    }

    /** Geom sizes ({@code geom_size}, ngeom x 3). */
    public MjArray geomSize() {
        return geomSize;
    }

    /** Geom positions in their bodies ({@code geom_pos}, ngeom x 3). */
    public MjArray geomPos() {
        return geomPos;
    }

    /** Geom orientations in their bodies ({@code geom_quat}, ngeom x 4). */
    public MjArray geomQuat() {
        return geomQuat;
    }

    /** Geom friction coefficients ({@code geom_friction}, ngeom x 3: slide, spin, roll). */
    public MjArray geomFriction() {
        return geomFriction;
    }

    /** Site sizes ({@code site_size}, nsite x 3). */
    public MjArray siteSize() {
        return siteSize;
    }

    /** Site positions in their bodies ({@code site_pos}, nsite x 3). */
    public MjArray sitePos() {
        return sitePos;
    }

    /** Site orientations in their bodies ({@code site_quat}, nsite x 4). */
    public MjArray siteQuat() {
        return siteQuat;
    }

    /** Control ranges ({@code actuator_ctrlrange}, nu x 2). */
    public MjArray actuatorCtrlRange() {
        return actuatorCtrlRange;
    }

    /** Actuator gears ({@code actuator_gear}, nu x 6). */
    public MjArray actuatorGear() {
        return actuatorGear;
    }

    // ------------------------------------------------------------------ integer tables

    /** Parent body of {@code body} ({@code body_parentid}). */
    public int bodyParent(int body) {
        return bodyParent[body];
    }

    /** Type of {@code joint} ({@code jnt_type}: 0 free, 1 ball, 2 slide, 3 hinge). */
    public int jointType(int joint) {
        return jointType[joint];
    }

    /** First qpos index of {@code joint} ({@code jnt_qposadr}). */
    public int jointQposAddress(int joint) {
        return jointQposAddress[joint];
    }

    /** First qvel index of {@code joint} ({@code jnt_dofadr}). */
    public int jointDofAddress(int joint) {
        return jointDofAddress[joint];
    }

    /** Body owning {@code geom} ({@code geom_bodyid}). */
    public int geomBody(int geom) {
        return geomBody[geom];
    }

    /** Body owning {@code site} ({@code site_bodyid}). */
    public int siteBody(int site) {
        return siteBody[site];
    }

    /** Type of {@code sensor} ({@code sensor_type}, an {@code mjtSensor} value). */
    public int sensorType(int sensor) {
        return sensorType[sensor];
    }

    /** Number of values {@code sensor} writes ({@code sensor_dim}). */
    public int sensorDim(int sensor) {
        return sensorDim[sensor];
    }

    /** Index of the first value of {@code sensor} in sensordata ({@code sensor_adr}). */
    public int sensorAddress(int sensor) {
        return sensorAddress[sensor];
    }

    /** Whether {@code actuator} clamps its control to its range ({@code actuator_ctrllimited}). */
    public boolean actuatorCtrlLimited(int actuator) {
        return actuatorCtrlLimited[actuator];
    }

    // ------------------------------------------------------------------ names

    /** Id of the object of that kind and name; throws {@link MujocoException} if there is none. */
    public int id(MjObject kind, String name) {
        int id = findId(kind, name);
        if (id < 0) {
            throw new MujocoException("no " + kind.label() + " named '" + name + "' in MuJoCo model " + source);
        }
        return id;
    }

    /** Id of the object of that kind and name, or -1 if there is none ({@code mj_name2id}). */
    public int findId(MjObject kind, String name) {
        try (Arena call = Arena.ofConfined()) {
            return MjNative.name2id(struct, kind.code, call.allocateFrom(name));
        }
    }

    /** Name of an object, or null if it has none ({@code mj_id2name}). */
    public String name(MjObject kind, int id) {
        MemorySegment name = MjNative.id2name(struct, kind.code, id);
        return name.equals(MemorySegment.NULL) ? null : Mujoco.cString(name);
    }

    /** Id of the body of that name. */
    public int bodyId(String name) {
        return id(MjObject.BODY, name);
    }

    /** Id of the joint of that name. */
    public int jointId(String name) {
        return id(MjObject.JOINT, name);
    }

    /** Id of the geom of that name. */
    public int geomId(String name) {
        return id(MjObject.GEOM, name);
    }

    /** Id of the site of that name. */
    public int siteId(String name) {
        return id(MjObject.SITE, name);
    }

    /** Id of the sensor of that name. */
    public int sensorId(String name) {
        return id(MjObject.SENSOR, name);
    }

    /** Id of the actuator of that name. */
    public int actuatorId(String name) {
        return id(MjObject.ACTUATOR, name);
    }

    /** Where the model came from (file, resource or string), for messages. */
    public String source() {
        return source;
    }

    // ------------------------------------------------------------------ lifetime

    /** The native {@code mjModel*} (sized as the struct), valid until {@link #close()}; for the renderer's binding. */
    public MemorySegment pointer() {
        return struct;
    }

    /** Frees the native model ({@code mj_deleteModel}); further use of it or its views throws. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long address = struct.address();
        arena.close();
        MjNative.deleteModel(MemorySegment.ofAddress(address));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "MjModel[" + source + ", nq=" + nq + ", nv=" + nv + ", nu=" + nu + ", nbody=" + nbody + "]";
    }

    private int intField(MjLayout field) {
        return struct.get(JAVA_INT, field.value);
    }

    private MemorySegment pointerField(MjLayout field, long bytes) {
        return struct.get(ADDRESS, field.value).reinterpret(bytes, arena, null);
    }

    private MjArray doubles(MjLayout field, int rows, int cols) {
        return new MjArray(pointerField(field, (long) rows * cols * Double.BYTES), rows, cols);
    }

    private int[] ints(MjLayout field, int count) {
        return pointerField(field, (long) count * Integer.BYTES).toArray(JAVA_INT);
    }
}
