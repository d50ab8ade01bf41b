package org.gorlj.env.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The simulation state and everything MuJoCo computes from it ({@code mjData}) for one
 * {@link MjModel}. All array views are created once here (MuJoCo never moves them during the data's
 * lifetime), so stepping and reading/writing qpos, qvel, ctrl... allocate nothing.
 *
 * <p>One data must be used by one thread at a time; different datas (of the same or different
 * models) may be stepped concurrently. {@link #close()} frees the native data ({@code mj_deleteData});
 * the model must stay open while the data is used.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class MjData implements AutoCloseable {
    private final MjModel model;
    private final MemorySegment modelPointer;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment struct;
    private final MemorySegment contacts;
    private final MemorySegment contactForceBuffer;

    private final MjArray qpos;
    private final MjArray qvel;
    private final MjArray act;
    private final MjArray qaccWarmstart;
    private final MjArray ctrl;
    private final MjArray qfrcApplied;
    private final MjArray xfrcApplied;
    private final MjArray mocapPos;
    private final MjArray mocapQuat;
    private final MjArray qacc;
    private final MjArray sensordata;
    private final MjArray xpos;
    private final MjArray xquat;
    private final MjArray xmat;
    private final MjArray xipos;
    private final MjArray geomXpos;
    private final MjArray geomXmat;
    private final MjArray siteXpos;
    private final MjArray siteXmat;
    private final MjArray subtreeCom;
    private final MjArray cvel;
    private final MjArray actuatorForce;
    private final MjArray cinert;
    private final MjArray qfrcActuator;
    private final MjArray qfrcConstraint;
    private final MjArray cfrcExt;

    private volatile boolean closed;

    /** Makes the data of {@code model} ({@code mj_makeData}). */
    public MjData(MjModel model) {
        this.model = model;
        this.modelPointer = model.pointer();
        MemorySegment pointer = MjNative.makeData(modelPointer);
        if (pointer.equals(MemorySegment.NULL)) {
            throw new MujocoException("mj_makeData failed for MuJoCo model " + model.source());
        }
        this.struct = pointer.reinterpret(MjLayout.DATA_SIZE.value, arena, null);
        int nq = model.nq();
        int nv = model.nv();
        int nbody = model.nbody();
        qpos = doubles(MjLayout.DATA_QPOS, nq, 1);
        qvel = doubles(MjLayout.DATA_QVEL, nv, 1);
        act = doubles(MjLayout.DATA_ACT, model.na(), 1);
        qaccWarmstart = doubles(MjLayout.DATA_QACC_WARMSTART, nv, 1);
        ctrl = doubles(MjLayout.DATA_CTRL, model.nu(), 1);
        qfrcApplied = doubles(MjLayout.DATA_QFRC_APPLIED, nv, 1);
        xfrcApplied = doubles(MjLayout.DATA_XFRC_APPLIED, nbody, 6);
        mocapPos = doubles(MjLayout.DATA_MOCAP_POS, model.nmocap(), 3);
        mocapQuat = doubles(MjLayout.DATA_MOCAP_QUAT, model.nmocap(), 4);
        qacc = doubles(MjLayout.DATA_QACC, nv, 1);
        sensordata = doubles(MjLayout.DATA_SENSORDATA, model.nsensordata(), 1);
        xpos = doubles(MjLayout.DATA_XPOS, nbody, 3);
        xquat = doubles(MjLayout.DATA_XQUAT, nbody, 4);
        xmat = doubles(MjLayout.DATA_XMAT, nbody, 9);
        xipos = doubles(MjLayout.DATA_XIPOS, nbody, 3);
        geomXpos = doubles(MjLayout.DATA_GEOM_XPOS, model.ngeom(), 3);
        geomXmat = doubles(MjLayout.DATA_GEOM_XMAT, model.ngeom(), 9);
        siteXpos = doubles(MjLayout.DATA_SITE_XPOS, model.nsite(), 3);
        siteXmat = doubles(MjLayout.DATA_SITE_XMAT, model.nsite(), 9);
        subtreeCom = doubles(MjLayout.DATA_SUBTREE_COM, nbody, 3);
        cvel = doubles(MjLayout.DATA_CVEL, nbody, 6);
        actuatorForce = doubles(MjLayout.DATA_ACTUATOR_FORCE, model.nu(), 1);
        cinert = doubles(MjLayout.DATA_CINERT, nbody, 10);
        qfrcActuator = doubles(MjLayout.DATA_QFRC_ACTUATOR, nv, 1);
        qfrcConstraint = doubles(MjLayout.DATA_QFRC_CONSTRAINT, nv, 1);
        cfrcExt = doubles(MjLayout.DATA_CFRC_EXT, nbody, 6);
        contacts = pointerField(MjLayout.DATA_CONTACT, (long) model.nconmax() * MjLayout.CONTACT_SIZE.value);
        contactForceBuffer = arena.allocate(6 * Double.BYTES, Double.BYTES);
    }

    /** The model this data belongs to. */
    public MjModel model() {
        return model;
    }

    // ------------------------------------------------------------------ computation

    /** Resets to qpos0, zero velocity, zero controls and time 0 ({@code mj_resetData}). */
    public void reset() {
        MjNative.resetData(modelPointer, struct);
    }

    /** Advances the simulation by one timestep ({@code mj_step}). */
    public void step() {
        MjNative.step(modelPointer, struct);
    }

    /** First half of a step: everything that does not depend on the controls ({@code mj_step1}). */
    public void step1() {
        MjNative.step1(modelPointer, struct);
    }

    /** Second half of a step, after the controls were set ({@code mj_step2}). */
    public void step2() {
        MjNative.step2(modelPointer, struct);
    }

    /** Computes all derived quantities of the current state without integrating ({@code mj_forward}). */
    public void forward() {
        MjNative.forward(modelPointer, struct);
    }

    /** Computes cacc, cfrc_int and cfrc_ext ({@code mj_rnePostConstraint}). */
    public void rnePostConstraint() {
        MjNative.rnePostConstraint(modelPointer, struct);
    }

    // ------------------------------------------------------------------ scalars

    /** Simulation time. */
    public double time() {
        return struct.get(JAVA_DOUBLE, MjLayout.DATA_TIME.value);
    }

    /** Sets the simulation time. */
    public void setTime(double time) {
        struct.set(JAVA_DOUBLE, MjLayout.DATA_TIME.value, time);
    }

    /** How many times MuJoCo raised {@code warning} since the last reset. */
    public int warningCount(MjWarning warning) {
        long offset = MjLayout.DATA_WARNING.value
                + (long) warning.index * MjLayout.WARNINGSTAT_SIZE.value
                + MjLayout.WARNINGSTAT_NUMBER.value;
        return struct.get(JAVA_INT, offset);
    }

    // ------------------------------------------------------------------ state and inputs

    /** Positions (nq). */
    public MjArray qpos() {
        return qpos;
    }

    /** Velocities (nv). */
    public MjArray qvel() {
        return qvel;
    }

    /** Actuator activations (na). */
    public MjArray act() {
        return act;
    }

    /** Accelerations used to warm-start the constraint solver (nv); part of the exact state. */
    public MjArray qaccWarmstart() {
        return qaccWarmstart;
    }

    /** Controls (nu). */
    public MjArray ctrl() {
        return ctrl;
    }

    /** Applied generalised forces (nv). */
    public MjArray qfrcApplied() {
        return qfrcApplied;
    }

    /** Applied Cartesian forces and torques per body (nbody x 6). */
    public MjArray xfrcApplied() {
        return xfrcApplied;
    }

    /** Positions of mocap bodies (nmocap x 3). */
    public MjArray mocapPos() {
        return mocapPos;
    }

    /** Orientations of mocap bodies (nmocap x 4). */
    public MjArray mocapQuat() {
        return mocapQuat;
    }

    // ------------------------------------------------------------------ computed quantities

    /** Accelerations (nv). */
    public MjArray qacc() {
        return qacc;
    }

    /** Sensor outputs (nsensordata); index with {@link MjModel#sensorAddress}. */
    public MjArray sensordata() {
        return sensordata;
    }

    /** World positions of body frames (nbody x 3). */
    public MjArray xpos() {
        return xpos;
    }

    /** World orientations of body frames as quaternions (nbody x 4). */
    public MjArray xquat() {
        return xquat;
    }

    /** World orientations of body frames as row-major 3x3 matrices (nbody x 9). */
    public MjArray xmat() {
        return xmat;
    }

    /** World positions of body centres of mass (nbody x 3). */
    public MjArray xipos() {
        return xipos;
    }

    /** World positions of geoms (ngeom x 3). */
    public MjArray geomXpos() {
        return geomXpos;
    }

    /** World orientations of geoms (ngeom x 9). */
    public MjArray geomXmat() {
        return geomXmat;
    }

    /** World positions of sites (nsite x 3). */
    public MjArray siteXpos() {
        return siteXpos;
    }

    /** World orientations of sites (nsite x 9). */
    public MjArray siteXmat() {
        return siteXmat;
    }

    /** Centre of mass of each body's subtree (nbody x 3). */
    public MjArray subtreeCom() {
        return subtreeCom;
    }

    /** Com-based velocities, rotation then translation (nbody x 6). */
    public MjArray cvel() {
        return cvel;
    }

    /** Actuator forces in actuation space (nu). */
    public MjArray actuatorForce() {
        return actuatorForce;
    }

    /** Com-based inertia and mass of each body (nbody x 10). */
    public MjArray cinert() {
        return cinert;
    }

    /** Actuator forces in joint space (nv). */
    public MjArray qfrcActuator() {
        return qfrcActuator;
    }

    /** Constraint forces in joint space (nv). */
    public MjArray qfrcConstraint() {
        return qfrcConstraint;
    }

    /**
     * Com-based external (contact) forces on each body, torque then force (nbody x 6); computed only
     * by {@link #rnePostConstraint()} (or a sensor that needs it), not by {@code mj_step} itself.
     */
    public MjArray cfrcExt() {
        return cfrcExt;
    }

    // ------------------------------------------------------------------ contacts

    /** Number of contacts found by the last collision detection ({@code ncon}). */
    public int contactCount() {
        return struct.get(JAVA_INT, MjLayout.DATA_NCON.value);
    }

    /** Signed distance of contact {@code i} (negative: penetration). */
    public double contactDist(int i) {
        return contacts.get(JAVA_DOUBLE, contactOffset(i) + MjLayout.CONTACT_DIST.value);
    }

    /** Component {@code k} (0..2) of the world position of contact {@code i}. */
    public double contactPos(int i, int k) {
        return contacts.get(
                JAVA_DOUBLE, contactOffset(i) + MjLayout.CONTACT_POS.value + component(k, 3) * Double.BYTES);
    }

    /** Entry {@code k} (0..8) of the contact frame of contact {@code i}; 0..2 is the normal. */
    public double contactFrame(int i, int k) {
        return contacts.get(
                JAVA_DOUBLE, contactOffset(i) + MjLayout.CONTACT_FRAME.value + component(k, 9) * Double.BYTES);
    }

    /** Dimensionality of contact {@code i} (1, 3, 4 or 6). */
    public int contactDim(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_DIM.value);
    }

    /** First geom of contact {@code i}. */
    public int contactGeom1(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_GEOM1.value);
    }

    /** Second geom of contact {@code i}. */
    public int contactGeom2(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_GEOM2.value);
    }

    /** Exclusion flag of contact {@code i} (0: included in the solver). */
    public int contactExclude(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_EXCLUDE.value);
    }

    /** Address of contact {@code i} in the constraint arrays (-1: not a constraint). */
    public int contactEfcAddress(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_EFC_ADDRESS.value);
    }

    /** Writes the 6-D force of contact {@code i} in its contact frame into {@code out[0..5]} ({@code mj_contactForce}). */
    public void contactForce(int i, double[] out) {
        contactOffset(i);
        if (out.length < 6) {
            throw new IllegalArgumentException("contact force needs 6 values, got an array of " + out.length);
        }
        MjNative.contactForce(modelPointer, struct, i, contactForceBuffer);
        MemorySegment.copy(contactForceBuffer, JAVA_DOUBLE, 0, out, 0, 6);
    }

    // ------------------------------------------------------------------ lifetime

    /** The native {@code mjData*}, valid until {@link #close()}; for the renderer's binding. */
    public MemorySegment pointer() {
        return struct;
    }

    /** Frees the native data; further use of it or its views throws. Idempotent. */
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
        MjNative.deleteData(MemorySegment.ofAddress(address));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private long contactOffset(int i) {
        int n = contactCount();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("contact " + i + " outside [0, " + n + ")");
        }
        return i * MjLayout.CONTACT_SIZE.value;
    }

    private static long component(int k, int size) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("component " + k + " outside [0, " + size + ")");
        }
        return k;
    }

    private MemorySegment pointerField(MjLayout field, long bytes) {
        return struct.get(ADDRESS, field.value).reinterpret(bytes, arena, null);
    }

    private MjArray doubles(MjLayout field, int rows, int cols) {
        return new MjArray(pointerField(field, (long) rows * cols * Double.BYTES), rows, cols);
    }
}
