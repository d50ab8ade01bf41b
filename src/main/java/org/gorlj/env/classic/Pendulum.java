package org.gorlj.env.classic;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.AbstractEnv;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;

/**
 * Gymnasium's Pendulum-v1: swing a torque-limited pendulum up and hold it upright (theta = 0).
 * Semi-implicit Euler with dt 0.05, g 10, m 1, l 1; reward -(theta^2 + 0.1 thetadot^2 + 0.001 u^2)
 * on the state before the update; observation (cos theta, sin theta, thetadot). The 200-step
 * limit is applied by the task registry.
 */
public final class Pendulum extends AbstractEnv {
    static final double G = 10.0;
    static final double M = 1.0;
    static final double L = 1.0;
    static final double DT = 0.05;
    static final double MAX_SPEED = 8.0;
    static final double MAX_TORQUE = 2.0;

    private static final BoxSpace OBS = new BoxSpace(new double[] {-1, -1, -MAX_SPEED}, new double[] {1, 1, MAX_SPEED});
    private static final BoxSpace ACT = BoxSpace.uniform(1, -MAX_TORQUE, MAX_TORQUE);

    private double theta;
    private double thetaDot;

    @Override
    public BoxSpace observationSpace() {
        return OBS;
    }

    @Override
    public BoxSpace actionSpace() {
        return ACT;
    }

    @Override
    public void reset(double[] observation) {
        theta = rng.uniform(-Math.PI, Math.PI);
        thetaDot = rng.uniform(-1, 1);
        observe(observation);
    }

    /** Sets the state directly (for tests and hand-made situations). */
    public void setState(double theta, double thetaDot) {
        this.theta = theta;
        this.thetaDot = thetaDot;
    }

    /** Current angle (0 is upright, not wrapped). */
    public double theta() {
        return theta;
    }

    /** Current angular velocity. */
    public double thetaDot() {
        return thetaDot;
    }

    @Override
    public void step(double[] action, StepResult result) {
        double u = Math.clamp(action[0], -MAX_TORQUE, MAX_TORQUE);
        double normTheta = angleNormalize(theta);
        double cost = normTheta * normTheta + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
        double newThetaDot = thetaDot + (3 * G / (2 * L) * StrictMath.sin(theta) + 3.0 / (M * L * L) * u) * DT;
        newThetaDot = Math.clamp(newThetaDot, -MAX_SPEED, MAX_SPEED);
        theta = theta + newThetaDot * DT;
        thetaDot = newThetaDot;
        observe(result.observation);
        result.reward = -cost;
        result.terminated = false;
    }

    /** ((x + pi) mod 2 pi) - pi with a non-negative modulus, as Gymnasium's angle_normalize. */
    static double angleNormalize(double x) {
        double twoPi = 2 * Math.PI;
        double m = (x + Math.PI) % twoPi;
        if (m < 0) {
            m += twoPi;
        }
        return m - Math.PI;
    }

    private void observe(double[] o) {
        o[0] = StrictMath.cos(theta);
        o[1] = StrictMath.sin(theta);
        o[2] = thetaDot;
    }

    @Override
    protected void savePhysics(DataOutput out) throws IOException {
        out.writeDouble(theta);
        out.writeDouble(thetaDot);
    }

    @Override
    protected void loadPhysics(DataInput in) throws IOException {
        theta = in.readDouble();
        thetaDot = in.readDouble();
    }
}
