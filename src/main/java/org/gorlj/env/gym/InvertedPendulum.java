package org.gorlj.env.gym;

import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjArray;

/**
 * Gymnasium InvertedPendulum-v5: keep a pole upright on a cart by pushing the cart. Frame skip 2
 * (dt 0.04 s); observation (4) = [cart position, pole angle, cart velocity, pole angular velocity];
 * reward 1 per step while the pole is up, 0 on the step it falls; the episode terminates when
 * |angle| > 0.2 rad or the observation is not finite. Reset: qpos and qvel + U(-0.01, 0.01).
 */
public final class InvertedPendulum extends GymMujocoEnv {
    static final String MODEL = "models/gym/inverted_pendulum.xml";
    static final int FRAME_SKIP = 2;
    static final double RESET_NOISE = 0.01;
    static final double MAX_ANGLE = 0.2;

    /** A new environment (loads its own model). */
    public InvertedPendulum() {
        super(MODEL, FRAME_SKIP, 4);
    }

    @Override
    protected void addResetNoise() {
        addUniformNoise(data.qpos(), RESET_NOISE);
        addUniformNoise(data.qvel(), RESET_NOISE);
    }

    @Override
    public void step(double[] action, StepResult result) {
        doSimulation(action);
        double[] o = result.observation;
        observe(o);
        boolean terminated = isTerminal(o);
        result.terminated = terminated;
        result.reward = terminated ? 0.0 : 1.0;
    }

    /** v5 termination: a non-finite observation or a pole angle beyond 0.2 rad. */
    static boolean isTerminal(double[] observation) {
        for (double v : observation) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return Math.abs(observation[1]) > MAX_ANGLE;
    }

    @Override
    protected void observe(double[] o) {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        o[0] = qpos.get(0);
        o[1] = qpos.get(1);
        o[2] = qvel.get(0);
        o[3] = qvel.get(1);
    }
}
