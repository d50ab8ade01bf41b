package org.gorlj.env.dmc;

/** dmc/walker-stand, -walk and -run on {@link Walker}'s logic. */
final class WalkerEnv extends DmcEnv {
    private static final String[] OBSERVED_BODIES = {
        "torso", "right_thigh", "right_leg", "right_foot", "left_thigh", "left_leg", "left_foot"
    };

    private final double speed;
    private final int[] bodies = new int[OBSERVED_BODIES.length];
    private final int comVelocity;
    private final double[] rotations = new double[9 * OBSERVED_BODIES.length];

    WalkerEnv(DmcTask task) {
        super(task, true);
        speed = switch (task) {
            case WALKER_STAND -> Walker.STAND_SPEED;
            case WALKER_WALK -> Walker.WALK_SPEED;
            case WALKER_RUN -> Walker.RUN_SPEED;
            default -> throw new IllegalArgumentException("not a walker task: " + task);
        };
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = model.bodyId(OBSERVED_BODIES[i]);
        }
        comVelocity = sensor("torso_subtreelinvel");
    }

    @Override
    protected void initializeEpisode() {
        Walker.initialQpos(rng, qpos);
    }

    @Override
    protected void observe(double[] o) {
        for (int i = 0; i < bodies.length; i++) {
            data.xmat().copyTo(9 * bodies[i], rotations, 9 * i, 9);
        }
        Walker.observe(rotations, qvel, o);
    }

    @Override
    protected double reward(double[] action) {
        int torso = bodies[0];
        return Walker.reward(
                data.xpos().get(torso, 2), zz(torso), data.sensordata().get(comVelocity), speed);
    }
}
