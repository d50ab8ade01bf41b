package org.gorlj.env.dmc;

/** dmc/fish-swim on {@link Fish}'s logic; the target is a mocap body moved every episode. */
final class FishEnv extends DmcEnv {
    private final int torso;
    private final int mouth;
    private final int target;
    private final double[] mouthPosition = new double[3];
    private final double[] mouthRotation = new double[9];
    private final double[] targetPosition = new double[3];

    FishEnv() {
        super(DmcTask.FISH_SWIM, true);
        torso = model.bodyId("torso");
        mouth = model.geomId("mouth");
        target = model.geomId("target");
    }

    @Override
    protected void initializeEpisode() {
        Fish.initialQpos(rng, qpos);
        Fish.initialTarget(rng, targetPosition);
        data.mocapPos().copyFrom(targetPosition, 0, 0, 3);
    }

    @Override
    protected void observe(double[] o) {
        readMouthAndTarget();
        Fish.observe(qpos, qvel, zz(torso), mouthPosition, mouthRotation, targetPosition, o);
    }

    @Override
    protected double reward(double[] action) {
        readMouthAndTarget();
        return Fish.swimReward(mouthPosition, targetPosition, zz(torso));
    }

    private void readMouthAndTarget() {
        copyRow(data.geomXpos(), mouth, mouthPosition);
        copyRow(data.geomXmat(), mouth, mouthRotation);
        copyRow(data.geomXpos(), target, targetPosition);
    }
}
