package org.gorlj.env.gym;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A Gymnasium task rewarded for the forward progress of a point that Gymnasium reads from MuJoCo's
 * derived quantities (a body frame, the centre of mass) rather than from qpos. Those quantities are
 * computed at the start of each {@code mj_step}, so after a step they trail qpos by one physics step,
 * and Gymnasium's x velocity is the difference of two such lagging readings. To keep a saved state's
 * continuation exact (a restore recomputes them with {@code mj_forward}), the reading at the end of
 * the last step is kept as task state.
 */
abstract class ForwardProgressEnv extends GymMujocoEnv {
    private double previousX;

    ForwardProgressEnv(String modelResource, int frameSkip, int observationDim) {
        super(modelResource, frameSkip, observationDim);
    }

    /** The x position whose progress is rewarded, as the current MuJoCo data holds it. */
    protected abstract double trackedX();

    @Override
    protected void afterReset() {
        previousX = trackedX();
    }

    /**
     * Applies the action for one control step, then calls {@code mj_rnePostConstraint} (as Gymnasium
     * does after every step, so that the contact forces {@code cfrc_ext} are filled in) and returns
     * the x velocity of the tracked point over the step.
     */
    protected final double simulateAndMeasureXVelocity(double[] action) {
        doSimulation(action);
        data.rnePostConstraint();
        double x = trackedX();
        double velocity = (x - previousX) / dt;
        previousX = x;
        return velocity;
    }

    @Override
    protected void saveTaskState(DataOutput out) throws IOException {
        out.writeDouble(previousX);
    }

    @Override
    protected void loadTaskState(DataInput in) throws IOException {
        previousX = in.readDouble();
    }
}
