package org.gorlj.env.dmc;

/** dmc/humanoid-stand, -walk and -run on {@link Humanoid}'s logic. */
final class HumanoidEnv extends DmcEnv {
    /** Observed extremities, in DMC's and Playground's order. */
    private static final String[] EXTREMITIES = {"left_hand", "left_foot", "right_hand", "right_foot"};

    private final double speed;
    private final int torso;
    private final int head;
    private final int[] extremities = new int[EXTREMITIES.length];
    private final int comVelocity;
    private final double[] torsoPosition = new double[3];
    private final double[] torsoRotation = new double[9];
    private final double[] limbPosition = new double[3];
    private final double[] extremityPositions = new double[3 * EXTREMITIES.length];
    private final double[] centreOfMassVelocity = new double[3];

    HumanoidEnv(DmcTask task) {
        super(task, true);
        speed = switch (task) {
            case HUMANOID_STAND -> Humanoid.STAND_SPEED;
            case HUMANOID_WALK -> Humanoid.WALK_SPEED;
            case HUMANOID_RUN -> Humanoid.RUN_SPEED;
            default -> throw new IllegalArgumentException("not a humanoid task: " + task);
        };
        torso = model.bodyId("torso");
        head = model.bodyId("head");
        for (int i = 0; i < extremities.length; i++) {
            extremities[i] = model.bodyId(EXTREMITIES[i]);
        }
        comVelocity = sensor("torso_subtreelinvel");
    }

    /** Playground's reset: the model's standing pose (qpos0), at rest; no random draw. */
    @Override
    protected void initializeEpisode() {
        model.qpos0().copyTo(qpos);
    }

    @Override
    protected void observe(double[] o) {
        copyRow(data.xpos(), torso, torsoPosition);
        copyRow(data.xmat(), torso, torsoRotation);
        for (int i = 0; i < extremities.length; i++) {
            copyRow(data.xpos(), extremities[i], limbPosition);
            Humanoid.inFrame(torsoPosition, torsoRotation, limbPosition, extremityPositions, 3 * i);
        }
        data.sensordata().copyTo(comVelocity, centreOfMassVelocity, 0, 3);
        Humanoid.observe(
                qpos, qvel, data.xpos().get(head, 2), extremityPositions, torsoRotation, centreOfMassVelocity, o);
    }

    @Override
    protected double reward(double[] action) {
        return Humanoid.reward(
                data.xpos().get(head, 2),
                zz(torso),
                data.sensordata().get(comVelocity),
                data.sensordata().get(comVelocity + 1),
                action,
                speed);
    }
}
