package org.gorlj.env.dmc;

/** dmc/hopper-stand and dmc/hopper-hop on {@link Hopper}'s logic. */
final class HopperEnv extends DmcEnv {
    private final boolean hop;
    private final int torso;
    private final int foot;
    private final int comVelocity;
    private final int touchToe;
    private final int touchHeel;

    HopperEnv(boolean hop) {
        super(hop ? DmcTask.HOPPER_HOP : DmcTask.HOPPER_STAND, true);
        this.hop = hop;
        torso = model.bodyId("torso");
        foot = model.bodyId("foot");
        comVelocity = sensor("torso_subtreelinvel");
        touchToe = sensor("touch_toe");
        touchHeel = sensor("touch_heel");
    }

    @Override
    protected void initializeEpisode() {
        Hopper.initialQpos(rng, qpos);
    }

    @Override
    protected void observe(double[] o) {
        Hopper.observe(
                qpos, qvel, data.sensordata().get(touchToe), data.sensordata().get(touchHeel), o);
    }

    @Override
    protected double reward(double[] action) {
        double torsoZ = data.xipos().get(torso, 2);
        double footZ = data.xipos().get(foot, 2);
        return hop
                ? Hopper.hopReward(torsoZ, footZ, data.sensordata().get(comVelocity))
                : Hopper.standReward(torsoZ, footZ, action);
    }
}
