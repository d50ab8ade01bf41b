package org.gorlj.env.dmc;

/**
 * dmc/finger-spin, -turn-easy and -turn-hard on {@link Finger}'s logic. Joint damping stays implicit
 * (Playground runs finger with implicitfast). Spin lowers the spinner's damping to 0.03; turn sets the
 * target radius and moves the target (a mocap body) every episode.
 */
final class FingerEnv extends DmcEnv {
    private final boolean spin;
    /** Target radius of the turn tasks (0 for spin). */
    private final double targetRadius;

    private final int hingeVelocity;
    private final double[] sensors;
    private final double[] target = new double[3];

    FingerEnv(DmcTask task) {
        super(task, false);
        spin = task == DmcTask.FINGER_SPIN;
        targetRadius = switch (task) {
            case FINGER_SPIN -> 0; // spin has no target
            case FINGER_TURN_EASY -> Finger.EASY_TARGET_RADIUS;
            case FINGER_TURN_HARD -> Finger.HARD_TARGET_RADIUS;
            default -> throw new IllegalArgumentException("not a finger task: " + task);
        };
        if (spin) {
            model.dofDamping().set(model.jointDofAddress(model.jointId("hinge")), Finger.SPIN_HINGE_DAMPING);
        } else {
            model.siteSize().set(model.siteId("target"), 0, targetRadius);
        }
        hingeVelocity = sensor("hinge_velocity");
        sensors = new double[model.nsensordata()];
        if (sensors.length != Finger.SENSORDATA_SIZE) {
            throw new IllegalStateException(
                    "finger model has " + sensors.length + " sensor values, expected " + Finger.SENSORDATA_SIZE);
        }
    }

    @Override
    protected void initializeEpisode() {
        Finger.initialQpos(rng, qpos);
        if (!spin) {
            Finger.initialTarget(rng, target);
            data.mocapPos().copyFrom(target, 0, 0, 3);
        }
    }

    @Override
    protected void observe(double[] o) {
        data.sensordata().copyTo(sensors);
        if (spin) {
            Finger.observeSpin(sensors, qvel, o);
        } else {
            Finger.observeTurn(sensors, qvel, targetRadius, o);
        }
    }

    @Override
    protected double reward(double[] action) {
        if (spin) {
            return Finger.spinReward(data.sensordata().get(hingeVelocity));
        }
        data.sensordata().copyTo(sensors);
        return Finger.turnReward(Finger.distanceToTarget(sensors, targetRadius));
    }
}
