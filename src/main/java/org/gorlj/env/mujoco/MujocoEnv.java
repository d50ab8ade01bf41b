package org.gorlj.env.mujoco;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.AbstractEnv;
import org.gorlj.env.BoxSpace;

/**
 * Base class of MuJoCo tasks: owns one {@link MjModel} and its {@link MjData}, applies actions to
 * the controls and advances the physics {@code frameSkip} timesteps per environment step, and saves
 * and restores the exact physics state. Subclasses write reset, observation and reward.
 *
 * <p>The saved physics state is time, qpos, qvel, act, ctrl, qfrc_applied, mocap poses and
 * qacc_warmstart (the solver's warm start, needed for a bit-exact continuation); a task adds its own
 * counters through {@link #saveTaskState}/{@link #loadTaskState}. After loading, derived quantities
 * (body poses, sensors...) are recomputed with {@code mj_forward}; qpos keeps the loaded bits even
 * where that call renormalises a quaternion.
 */
public abstract class MujocoEnv extends AbstractEnv {
    /** The compiled model (owned: closed with the environment). */
    protected final MjModel model;
    /** The simulation state (owned: closed with the environment). */
    protected final MjData data;

    private final int frameSkip;
    private final BoxSpace actionSpace;
    private final double[] warmstartScratch;
    private final double[] qposScratch;

    /** Takes ownership of {@code model}, makes its data, and steps {@code frameSkip} timesteps per action. */
    protected MujocoEnv(MjModel model, int frameSkip) {
        if (frameSkip <= 0) {
            throw new IllegalArgumentException("frameSkip must be positive, got " + frameSkip);
        }
        this.model = model;
        this.data = model.makeData();
        this.frameSkip = frameSkip;
        this.actionSpace = controlSpace(model);
        this.warmstartScratch = new double[model.nv()];
        this.qposScratch = new double[model.nq()];
    }

    /** The box of the actuators' control ranges (unbounded where an actuator is not ctrllimited). */
    static BoxSpace controlSpace(MjModel model) {
        int nu = model.nu();
        double[] low = new double[nu];
        double[] high = new double[nu];
        MjArray range = model.actuatorCtrlRange();
        for (int i = 0; i < nu; i++) {
            boolean limited = model.actuatorCtrlLimited(i);
            low[i] = limited ? range.get(i, 0) : Double.NEGATIVE_INFINITY;
            high[i] = limited ? range.get(i, 1) : Double.POSITIVE_INFINITY;
        }
        return new BoxSpace(low, high);
    }

    @Override
    public BoxSpace actionSpace() {
        return actionSpace;
    }

    /** The model. */
    public MjModel model() {
        return model;
    }

    /** The simulation state. */
    public MjData data() {
        return data;
    }

    /** Physics timesteps per environment step. */
    public int frameSkip() {
        return frameSkip;
    }

    /** Duration of one environment step: timestep x frameSkip. */
    public double dt() {
        return model.timestep() * frameSkip;
    }

    /** Copies {@code action} into ctrl unclipped (actuators with ctrllimited clamp internally). */
    protected final void applyAction(double[] action) {
        MjArray ctrl = data.ctrl();
        int nu = ctrl.size();
        if (action.length != nu) {
            throw new IllegalArgumentException("expected an action of " + nu + " values, got " + action.length);
        }
        for (int i = 0; i < nu; i++) {
            ctrl.set(i, action[i]);
        }
    }

    /** Sets the controls to {@code action} and advances {@code frameSkip} timesteps ({@code mj_step}). */
    protected final void doSimulation(double[] action) {
        applyAction(action);
        for (int i = 0; i < frameSkip; i++) {
            data.step();
        }
    }

    /** Sets qpos and qvel (full vectors) and recomputes derived quantities, as Gymnasium's {@code set_state}. */
    public void setState(double[] qpos, double[] qvel) {
        data.qpos().copyFrom(qpos);
        data.qvel().copyFrom(qvel);
        data.forward();
    }

    @Override
    protected final void savePhysics(DataOutput out) throws IOException {
        out.writeInt(model.nq());
        out.writeInt(model.nv());
        out.writeInt(model.na());
        out.writeInt(model.nu());
        out.writeInt(model.nmocap());
        out.writeDouble(data.time());
        write(out, data.qpos());
        write(out, data.qvel());
        write(out, data.act());
        write(out, data.ctrl());
        write(out, data.qfrcApplied());
        write(out, data.mocapPos());
        write(out, data.mocapQuat());
        write(out, data.qaccWarmstart());
        saveTaskState(out);
    }

    @Override
    protected final void loadPhysics(DataInput in) throws IOException {
        int[] expected = {model.nq(), model.nv(), model.na(), model.nu(), model.nmocap()};
        for (int size : expected) {
            int found = in.readInt();
            if (found != size) {
                throw new IOException("saved state is for a different MuJoCo model (sizes nq/nv/na/nu/nmocap differ: "
                        + found + " vs " + size + ")");
            }
        }
        data.setTime(in.readDouble());
        for (int i = 0; i < qposScratch.length; i++) {
            qposScratch[i] = in.readDouble();
        }
        data.qpos().copyFrom(qposScratch);
        read(in, data.qvel());
        read(in, data.act());
        read(in, data.ctrl());
        read(in, data.qfrcApplied());
        read(in, data.mocapPos());
        read(in, data.mocapQuat());
        for (int i = 0; i < warmstartScratch.length; i++) {
            warmstartScratch[i] = in.readDouble();
        }
        loadTaskState(in);
        // mj_forward refreshes derived quantities but overwrites qacc_warmstart, and MuJoCo 2.2.2's
        // normalises free and ball joint quaternions in qpos in place (which can move their last bits):
        // restore both afterwards, so the state is exactly the one saved.
        data.forward();
        data.qaccWarmstart().copyFrom(warmstartScratch);
        data.qpos().copyFrom(qposScratch);
    }

    /** Writes the task's own counters (nothing by default). */
    protected void saveTaskState(DataOutput out) throws IOException {}

    /** Restores what {@link #saveTaskState} wrote (nothing by default). */
    protected void loadTaskState(DataInput in) throws IOException {}

    private static void write(DataOutput out, MjArray array) throws IOException {
        for (int i = 0, n = array.size(); i < n; i++) {
            out.writeDouble(array.get(i));
        }
    }

    private static void read(DataInput in, MjArray array) throws IOException {
        for (int i = 0, n = array.size(); i < n; i++) {
            array.set(i, in.readDouble());
        }
    }

    /** Frees the data and the model. */
    @Override
    public void close() {
        data.close();
        model.close();
    }
}
