package org.gorlj.env.dmc;

/** dmc/pendulum-swingup on {@link PendulumSwingup}'s logic. */
final class PendulumSwingupEnv extends DmcEnv {
    private final int pole;

    PendulumSwingupEnv() {
        super(DmcTask.PENDULUM_SWINGUP, true);
        pole = model.bodyId("pole");
    }

    @Override
    protected void initializeEpisode() {
        qpos[0] = PendulumSwingup.initialAngle(rng);
    }

    @Override
    protected void observe(double[] o) {
        PendulumSwingup.observe(zz(pole), xz(pole), qvel[0], o);
    }

    @Override
    protected double reward(double[] action) {
        return PendulumSwingup.reward(zz(pole));
    }
}
