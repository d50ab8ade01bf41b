package org.gorlj.env.dmc;

/** dmc/acrobot-swingup on {@link Acrobot}'s logic. */
final class AcrobotEnv extends DmcEnv {
    private final int upper;
    private final int lower;
    private final int tip;
    private final int target;
    private final double[] tipPosition = new double[3];
    private final double[] targetPosition = new double[3];

    AcrobotEnv() {
        super(DmcTask.ACROBOT_SWINGUP, true);
        upper = model.bodyId("upper_arm");
        lower = model.bodyId("lower_arm");
        tip = model.siteId("tip");
        target = model.siteId("target");
    }

    @Override
    protected void initializeEpisode() {
        Acrobot.initialQpos(rng, qpos);
    }

    @Override
    protected void observe(double[] o) {
        Acrobot.observe(xz(upper), xz(lower), zz(upper), zz(lower), qvel, o);
    }

    @Override
    protected double reward(double[] action) {
        copyRow(data.siteXpos(), tip, tipPosition);
        copyRow(data.siteXpos(), target, targetPosition);
        return Acrobot.swingupReward(tipPosition, targetPosition);
    }
}
