package org.gorlj.env.dmc;

/** dmc/point-mass on {@link PointMass}'s logic. */
final class PointMassEnv extends DmcEnv {
    private final int mass;
    private final int target;
    private final double[] massPosition = new double[3];
    private final double[] targetPosition = new double[3];

    PointMassEnv() {
        super(DmcTask.POINT_MASS, true);
        mass = model.geomId("pointmass");
        target = model.geomId("target");
    }

    @Override
    protected void initializeEpisode() {
        PointMass.initialQpos(rng, qpos);
    }

    @Override
    protected void observe(double[] o) {
        PointMass.observe(qpos, qvel, o);
    }

    @Override
    protected double reward(double[] action) {
        copyRow(data.geomXpos(), mass, massPosition);
        copyRow(data.geomXpos(), target, targetPosition);
        return PointMass.reward(massPosition, targetPosition, action);
    }
}
