package org.gorlj.env.dmc;

import java.util.Arrays;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;
import org.gorlj.env.mujoco.MjModel;
import org.gorlj.env.mujoco.MjWarning;
import org.gorlj.env.mujoco.MujocoEnv;

/**
 * What the DeepMind Control tasks share, with Playground's stepping conventions (docs/dmc-tasks.md):
 *
 * <ul>
 *   <li>one step copies the action into {@code ctrl} and runs {@link DmcTask#substeps()} × {@code mj_step};
 *       observations and rewards are then read without a further {@code mj_forward}, so poses and
 *       sensors are those computed at the start of the last substep, as {@code mjx.step} leaves them;
 *   <li>with explicit damping (Playground's disabled {@code eulerdamp}), the model's joint damping is
 *       moved out of the model and applied as {@code qfrc_applied = -damping * qvel} before every
 *       physics step;
 *   <li>a reset is {@code mj_resetData}, qpos and qvel from zeros plus the task's draws (and its
 *       target), then {@code mj_forward};
 *   <li>if MuJoCo detects a diverged state (and resets it, as 2.2.2 does) the step reports
 *       {@code terminated} with reward 0.
 * </ul>
 * The 1000-step limit is applied by the registry's time limit.
 */
abstract class DmcEnv extends MujocoEnv {
    protected final DmcTask task;
    /** Scratch copies of qpos and qvel, refreshed by {@link #readState()}. */
    protected final double[] qpos;

    protected final double[] qvel;
    private final BoxSpace observationSpace;
    /** Per-dof damping applied explicitly, or null when the model keeps its (implicit) damping. */
    private final double[] explicitDamping;

    /**
     * Loads the task's model.
     *
     * @param explicitDamping emulate Playground's explicit joint damping (every task but finger)
     */
    DmcEnv(DmcTask task, boolean explicitDamping) {
        super(MjModel.loadResource(task.modelResource()), task.substeps());
        this.task = task;
        if (Math.abs(model.timestep() - task.physicsTimestep()) > 1e-12) {
            close();
            throw new IllegalStateException("model " + task.modelResource() + " has timestep " + model.timestep()
                    + " but task " + task.taskName() + " expects " + task.physicsTimestep());
        }
        this.qpos = new double[model.nq()];
        this.qvel = new double[model.nv()];
        this.observationSpace = BoxSpace.unbounded(task.observationSize());
        if (explicitDamping) {
            MjArray damping = model.dofDamping();
            this.explicitDamping = damping.toArray();
            damping.fill(0);
        } else {
            this.explicitDamping = null;
        }
    }

    @Override
    public final BoxSpace observationSpace() {
        return observationSpace;
    }

    /** The task this environment runs. */
    public final DmcTask task() {
        return task;
    }

    @Override
    public final void reset(double[] observation) {
        data.reset();
        Arrays.fill(qpos, 0);
        Arrays.fill(qvel, 0);
        initializeEpisode();
        data.qpos().copyFrom(qpos);
        data.qvel().copyFrom(qvel);
        data.forward();
        afterReset();
        readState();
        observe(observation);
    }

    /**
     * Draws the episode's initial state from {@link #rng}: writes {@link #qpos} and {@link #qvel}
     * (both zero on entry) and places any target in {@code data}.
     */
    protected abstract void initializeEpisode();

    /** Runs after the initial state was set and forwarded (nothing by default; cheetah settles here). */
    protected void afterReset() {}

    @Override
    public final void step(double[] action, StepResult result) {
        double expectedTime = data.time() + (task.substeps() - 0.5) * model.timestep();
        int warningsBefore = badStateWarnings();
        applyAction(action);
        for (int i = 0; i < task.substeps(); i++) {
            physicsStep();
        }
        readState();
        observe(result.observation);
        result.truncated = false;
        // MuJoCo 2.2.2 resets the data (time 0, warning counted) when it meets a non-finite or huge state
        if (data.time() < expectedTime || badStateWarnings() != warningsBefore) {
            result.reward = 0;
            result.terminated = true;
            return;
        }
        result.reward = reward(action);
        result.terminated = false;
    }

    private int badStateWarnings() {
        return data.warningCount(MjWarning.BAD_QPOS)
                + data.warningCount(MjWarning.BAD_QVEL)
                + data.warningCount(MjWarning.BAD_QACC);
    }

    /** One {@code mj_step}, with the explicit damping force applied first when enabled. */
    protected final void physicsStep() {
        if (explicitDamping != null) {
            MjArray velocity = data.qvel();
            MjArray applied = data.qfrcApplied();
            for (int i = 0; i < explicitDamping.length; i++) {
                applied.set(i, -explicitDamping[i] * velocity.get(i));
            }
        }
        data.step();
    }

    /** Copies the current qpos and qvel into {@link #qpos} and {@link #qvel}. */
    protected final void readState() {
        data.qpos().copyTo(qpos);
        data.qvel().copyTo(qvel);
    }

    /** Writes the observation of the current state ({@link #qpos}/{@link #qvel} are current). */
    protected abstract void observe(double[] observation);

    /** The reward of the step just taken with {@code action} ({@link #qpos}/{@link #qvel} are current). */
    protected abstract double reward(double[] action);

    /** Address in {@code sensordata} of the named sensor's first value. */
    protected final int sensor(String name) {
        return model.sensorAddress(model.sensorId(name));
    }

    /** Copies row {@code row} of {@code array} (e.g. one body's position or rotation) into {@code out}. */
    protected static void copyRow(MjArray array, int row, double[] out) {
        array.copyTo(row * array.cols(), out, 0, array.cols());
    }

    /** World z component of body {@code body}'s z axis (1 = upright). */
    protected final double zz(int body) {
        return data.xmat().get(body, 8);
    }

    /** World x component of body {@code body}'s z axis. */
    protected final double xz(int body) {
        return data.xmat().get(body, 2);
    }
}
