package org.gorlj.env.dmc;

/** dmc/cheetah-run on {@link Cheetah}'s logic; a reset lets the random pose settle for 200 physics steps. */
final class CheetahEnv extends DmcEnv {
    private final int comVelocity;

    CheetahEnv() {
        super(DmcTask.CHEETAH_RUN, true);
        comVelocity = sensor("torso_subtreelinvel");
    }

    @Override
    protected void initializeEpisode() {
        Cheetah.initialQpos(rng, qpos);
    }

    @Override
    protected void afterReset() {
        for (int i = 0; i < Cheetah.SETTLE_STEPS; i++) {
            physicsStep(); // controls are zero after the reset
        }
        data.setTime(0);
    }

    @Override
    protected void observe(double[] o) {
        Cheetah.observe(qpos, qvel, o);
    }

    @Override
    protected double reward(double[] action) {
        return Cheetah.runReward(data.sensordata().get(comVelocity));
    }
}
