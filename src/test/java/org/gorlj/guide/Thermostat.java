package org.gorlj.guide;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gorlj.env.AbstractEnv;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.StepResult;

/**
 * Keep a room at its set-point for a day in 15-minute steps while the outside temperature follows the
 * sun; the action is the heater's power in [0, 1].
 */
public final class Thermostat extends AbstractEnv {
    private static final BoxSpace OBSERVATIONS = BoxSpace.unbounded(3);
    private static final BoxSpace POWER = BoxSpace.uniform(1, 0, 1);
    private double room;
    private double setPoint;
    private int quarter;

    @Override
    public BoxSpace observationSpace() {
        return OBSERVATIONS;
    }

    @Override
    public BoxSpace actionSpace() {
        return POWER;
    }

    private double outside() {
        return 8 - 6 * Math.cos(2 * Math.PI * quarter / 96.0);
    }

    @Override
    public void reset(double[] observation) {
        room = rng.uniform(12, 22);
        setPoint = rng.uniform(18, 22);
        quarter = 0;
        observe(observation);
    }

    @Override
    public void step(double[] action, StepResult result) {
        double power = Math.clamp(action[0], 0.0, 1.0);
        room += 0.1 * (outside() - room) + 3.0 * power;
        quarter++;
        observe(result.observation);
        result.reward = -Math.abs(room - setPoint) - 0.1 * power;
    }

    /** The error to the set-point, the outside temperature, and the time of day, scaled to about [-1, 1]. */
    private void observe(double[] o) {
        o[0] = (room - setPoint) / 10;
        o[1] = (outside() - 8) / 6;
        o[2] = quarter / 48.0 - 1;
    }

    @Override
    protected void savePhysics(DataOutput out) throws IOException {
        out.writeDouble(room);
        out.writeDouble(setPoint);
        out.writeInt(quarter);
    }

    @Override
    protected void loadPhysics(DataInput in) throws IOException {
        room = in.readDouble();
        setPoint = in.readDouble();
        quarter = in.readInt();
    }
}
