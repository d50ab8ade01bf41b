package org.gorlj.env.dmc;

/** dmc/reacher-easy and dmc/reacher-hard on {@link Reacher}'s logic; the target is a mocap body moved every episode. */
final class ReacherEnv extends DmcEnv {
    private final double targetRadius;
    private final int finger;
    private final int target;
    private final double[] fingerPosition = new double[3];
    private final double[] targetPosition = new double[3];

    ReacherEnv(boolean hard) {
        super(hard ? DmcTask.REACHER_HARD : DmcTask.REACHER_EASY, true);
        targetRadius = hard ? Reacher.HARD_TARGET_RADIUS : Reacher.EASY_TARGET_RADIUS;
        finger = model.geomId("finger");
        target = model.geomId("target");
        model.geomSize().set(target, 0, targetRadius);
    }

    @Override
    protected void initializeEpisode() {
        Reacher.initialQpos(rng, qpos);
        Reacher.initialTarget(rng, targetPosition);
        data.mocapPos().copyFrom(targetPosition, 0, 0, 3);
    }

    @Override
    protected void observe(double[] o) {
        readPositions();
        Reacher.observe(qpos, qvel, fingerPosition, targetPosition, o);
    }

    @Override
    protected double reward(double[] action) {
        readPositions();
        return Reacher.reward(fingerPosition, targetPosition, targetRadius);
    }

    private void readPositions() {
        copyRow(data.geomXpos(), finger, fingerPosition);
        copyRow(data.geomXpos(), target, targetPosition);
    }
}
