package org.gorlj.env.gym;

import org.gorlj.env.StepResult;

/**
 * A Gymnasium task that never terminates and pays the x velocity of qpos[0] over the control step
 * minus a control cost: HalfCheetah and Swimmer.
 */
abstract class ForwardVelocityEnv extends GymMujocoEnv {
    private final double ctrlCostWeight;

    ForwardVelocityEnv(String modelResource, int frameSkip, int observationDim, double ctrlCostWeight) {
        super(modelResource, frameSkip, observationDim);
        this.ctrlCostWeight = ctrlCostWeight;
    }

    @Override
    public void step(double[] action, StepResult result) {
        double xBefore = data.qpos().get(0);
        doSimulation(action);
        double xVelocity = (data.qpos().get(0) - xBefore) / dt;
        result.reward = reward(xVelocity, action, ctrlCostWeight);
        result.terminated = false;
        observe(result.observation);
    }

    /** x velocity (forward reward weight 1) minus the control cost. */
    static double reward(double xVelocity, double[] action, double ctrlCostWeight) {
        return xVelocity - ctrlCostWeight * squaredNorm(action);
    }
}
