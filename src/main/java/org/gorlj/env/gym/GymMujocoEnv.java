package org.gorlj.env.gym;

import org.gorlj.env.BoxSpace;
import org.gorlj.env.mujoco.MjArray;
import org.gorlj.env.mujoco.MjModel;
import org.gorlj.env.mujoco.MujocoEnv;

/**
 * What the Gymnasium MuJoCo tasks share: the model comes from a class-path resource, observations
 * are unbounded, and a reset is {@code mj_resetData}, task noise on qpos/qvel, then {@code mj_forward}.
 */
abstract class GymMujocoEnv extends MujocoEnv {
    private final BoxSpace observationSpace;
    /** Duration of one environment step (timestep x frame skip), cached. */
    protected final double dt;

    GymMujocoEnv(String modelResource, int frameSkip, int observationDim) {
        super(MjModel.loadResource(modelResource), frameSkip);
        this.observationSpace = BoxSpace.unbounded(observationDim);
        this.dt = dt();
    }

    @Override
    public final BoxSpace observationSpace() {
        return observationSpace;
    }

    @Override
    public final void reset(double[] observation) {
        data.reset();
        addResetNoise();
        data.forward();
        afterReset();
        observe(observation);
    }

    /** Called after a reset's {@code mj_forward}, before the first observation (nothing by default). */
    protected void afterReset() {}

    /** Perturbs qpos (which holds qpos0 after the reset) and qvel (zero) with the task's noise, drawn from {@link #rng}. */
    protected abstract void addResetNoise();

    /** Writes the observation of the current state. */
    protected abstract void observe(double[] observation);

    /** Adds U(-scale, scale) to every entry of {@code array}. */
    protected final void addUniformNoise(MjArray array, double scale) {
        for (int i = 0, n = array.size(); i < n; i++) {
            array.set(i, array.get(i) + rng.uniform(-scale, scale));
        }
    }

    /** Adds scale x N(0, 1) to every entry of {@code array}. */
    protected final void addGaussianNoise(MjArray array, double scale) {
        for (int i = 0, n = array.size(); i < n; i++) {
            array.set(i, array.get(i) + scale * rng.nextGaussian());
        }
    }

    /** Copies {@code array}'s flat entries from index {@code from} on into {@code o} at {@code k}; returns the next free index. */
    static int copyFrom(MjArray array, int from, double[] o, int k) {
        int count = array.size() - from;
        array.copyTo(from, o, k, count);
        return k + count;
    }

    /** Writes qpos[1:] then qvel, each velocity clipped to [-velocityClip, velocityClip], into {@code o}. */
    protected final void observePositionsWithoutXAndVelocities(double[] o, double velocityClip) {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        int k = 0;
        for (int i = 1, n = qpos.size(); i < n; i++) {
            o[k++] = qpos.get(i);
        }
        for (int i = 0, n = qvel.size(); i < n; i++) {
            o[k++] = Math.clamp(qvel.get(i), -velocityClip, velocityClip);
        }
    }

    /** Sum of squared action entries. */
    static double squaredNorm(double[] action) {
        double s = 0;
        for (double a : action) {
            s += a * a;
        }
        return s;
    }
}
