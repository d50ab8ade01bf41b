package org.gorlj.env.dmc;

/**
 * The DeepMind Control tasks of GoRL-J with their models, time steps and sizes. Every episode lasts
 * {@link #EPISODE_STEPS} control steps; one control step runs {@link #substeps()} physics steps of the
 * model's time step. The values are Playground's (see docs/dmc-tasks.md).
 */
public enum DmcTask {
    HOPPER_STAND(
            "hopper-stand",
            "hopper",
            0.02,
            4,
            Hopper.OBSERVATION_SIZE,
            4,
            "one-legged hopper: stand up and stay upright"),
    HOPPER_HOP("hopper-hop", "hopper", 0.02, 4, Hopper.OBSERVATION_SIZE, 4, "one-legged hopper: hop forward at 2 m/s"),
    CHEETAH_RUN(
            "cheetah-run", "cheetah", 0.01, 1, Cheetah.OBSERVATION_SIZE, 6, "planar cheetah: run forward at 10 m/s"),
    WALKER_STAND(
            "walker-stand", "walker", 0.025, 10, Walker.OBSERVATION_SIZE, 6, "planar biped: stand up and stay upright"),
    WALKER_WALK("walker-walk", "walker", 0.025, 10, Walker.OBSERVATION_SIZE, 6, "planar biped: walk forward at 1 m/s"),
    WALKER_RUN("walker-run", "walker", 0.025, 10, Walker.OBSERVATION_SIZE, 6, "planar biped: run forward at 8 m/s"),
    FINGER_SPIN(
            "finger-spin",
            "finger",
            0.02,
            4,
            Finger.SPIN_OBSERVATION_SIZE,
            2,
            "two-link finger: spin the free body fast"),
    FINGER_TURN_EASY(
            "finger-turn-easy",
            "finger",
            0.02,
            4,
            Finger.TURN_OBSERVATION_SIZE,
            2,
            "two-link finger: turn the body's tip into a 7 cm target"),
    FINGER_TURN_HARD(
            "finger-turn-hard",
            "finger",
            0.02,
            4,
            Finger.TURN_OBSERVATION_SIZE,
            2,
            "two-link finger: turn the body's tip into a 3 cm target"),
    FISH_SWIM("fish-swim", "fish", 0.04, 20, Fish.OBSERVATION_SIZE, 5, "fish in a fluid: swim its mouth to a target"),
    CARTPOLE_BALANCE(
            "cartpole-balance",
            "cartpole",
            0.01,
            1,
            Cartpole.OBSERVATION_SIZE,
            1,
            "cart and pole: keep the pole upright from near upright"),
    CARTPOLE_SWINGUP(
            "cartpole-swingup",
            "cartpole",
            0.01,
            1,
            Cartpole.OBSERVATION_SIZE,
            1,
            "cart and pole: swing the pole up from hanging and balance it"),
    PENDULUM_SWINGUP(
            "pendulum-swingup",
            "pendulum",
            0.02,
            2,
            PendulumSwingup.OBSERVATION_SIZE,
            1,
            "torque-limited pendulum: swing up and hold within 8 degrees"),
    ACROBOT_SWINGUP(
            "acrobot-swingup",
            "acrobot",
            0.01,
            1,
            Acrobot.OBSERVATION_SIZE,
            1,
            "double pendulum actuated at the elbow: bring the tip up"),
    REACHER_EASY("reacher-easy", "reacher", 0.02, 4, Reacher.OBSERVATION_SIZE, 2, "two-link arm: touch a 5 cm target"),
    REACHER_HARD(
            "reacher-hard", "reacher", 0.02, 4, Reacher.OBSERVATION_SIZE, 2, "two-link arm: touch a 1.5 cm target"),
    POINT_MASS("point-mass", "point_mass", 0.02, 1, PointMass.OBSERVATION_SIZE, 2, "point mass: move to the centre"),
    HUMANOID_STAND(
            "humanoid-stand",
            "humanoid",
            0.025,
            5,
            Humanoid.OBSERVATION_SIZE,
            Humanoid.ACTIONS,
            "3-D humanoid: keep the head above 1.4 m, upright and still"),
    HUMANOID_WALK(
            "humanoid-walk",
            "humanoid",
            0.025,
            5,
            Humanoid.OBSERVATION_SIZE,
            Humanoid.ACTIONS,
            "3-D humanoid: walk at 1 m/s in any direction"),
    HUMANOID_RUN(
            "humanoid-run",
            "humanoid",
            0.025,
            5,
            Humanoid.OBSERVATION_SIZE,
            Humanoid.ACTIONS,
            "3-D humanoid: run at 10 m/s in any direction");

    /** Control steps per episode (the time limit; no task terminates on its own). */
    public static final int EPISODE_STEPS = 1000;

    private final String shortName;
    private final String model;
    private final double controlTimestep;
    private final int substeps;
    private final int observationSize;
    private final int actionSize;
    private final String description;

    DmcTask(
            String shortName,
            String model,
            double controlTimestep,
            int substeps,
            int observationSize,
            int actionSize,
            String description) {
        this.shortName = shortName;
        this.model = model;
        this.controlTimestep = controlTimestep;
        this.substeps = substeps;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.description = description;
    }

    /** Registry name, e.g. {@code dmc/hopper-stand}. */
    public String taskName() {
        return "dmc/" + shortName;
    }

    /** Class-path resource of the MJCF model. */
    public String modelResource() {
        return "/models/dmc/" + model + ".xml";
    }

    /** Seconds of simulated time per control step. */
    public double controlTimestep() {
        return controlTimestep;
    }

    /** Physics steps per control step. */
    public int substeps() {
        return substeps;
    }

    /** Seconds per physics step (the model's time step). */
    public double physicsTimestep() {
        return controlTimestep / substeps;
    }

    /** Observation size. */
    public int observationSize() {
        return observationSize;
    }

    /** Action size (number of actuators; every action lies in [-1, 1]). */
    public int actionSize() {
        return actionSize;
    }

    /** One line for {@code gorl tasks}. */
    public String description() {
        return description;
    }
}
