package org.gorlj.env.dmc;

/** dmc/cartpole-balance and dmc/cartpole-swingup on {@link Cartpole}'s logic. */
final class CartpoleEnv extends DmcEnv {
    private final boolean swingup;
    private final int pole;

    CartpoleEnv(boolean swingup) {
        super(swingup ? DmcTask.CARTPOLE_SWINGUP : DmcTask.CARTPOLE_BALANCE, true);
        this.swingup = swingup;
        pole = model.bodyId("pole_1");
    }

    @Override
    protected void initializeEpisode() {
        if (swingup) {
            Cartpole.initialSwingupState(rng, qpos, qvel);
        } else {
            Cartpole.initialBalanceState(rng, qpos, qvel);
        }
    }

    @Override
    protected void observe(double[] o) {
        Cartpole.observe(qpos[0], zz(pole), xz(pole), qvel, o);
    }

    @Override
    protected double reward(double[] action) {
        return Cartpole.reward(qpos[0], zz(pole), action[0], qvel[1]);
    }
}
