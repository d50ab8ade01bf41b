package org.gorlj.env.dmc;

import org.gorlj.util.Rng;

/**
 * Task logic of the cart and pole ({@code models/dmc/cartpole.xml}; CartpoleBalance, CartpoleSwingup).
 *
 * <p>qpos = qvel = (slider, hinge); the pole points up at hinge angle 0; one action (cart force).
 */
public final class Cartpole {
    /** Number of position coordinates. */
    public static final int NQ = 2;
    /** Observation: cart position, pole cos and sin (from its rotation matrix), both velocities. */
    public static final int OBSERVATION_SIZE = 5;
    /** Spread of the balance task's initial cart position (m) and pole angle (rad). */
    static final double BALANCE_CART_SPREAD = 0.1;

    static final double BALANCE_POLE_SPREAD = 0.034;
    /** Standard deviation of the initial noise (swing-up positions, all initial velocities). */
    static final double NOISE = 0.01;

    private Cartpole() {}

    /**
     * Writes the observation.
     *
     * @param cartPosition slider position (m)
     * @param poleZz world-z component of the pole's z axis (cos of the angle from upright)
     * @param poleXz world-x component of the pole's z axis (sin of the angle)
     * @param qvel slider and hinge velocities (2)
     */
    public static void observe(double cartPosition, double poleZz, double poleXz, double[] qvel, double[] out) {
        out[0] = cartPosition;
        out[1] = poleZz;
        out[2] = poleXz;
        out[3] = qvel[0];
        out[4] = qvel[1];
    }

    /**
     * The dense reward of both tasks: upright * centered * small_control * small_velocity with
     * upright = (1 + cos) / 2, centered = (1 + gaussian(x, margin 2)) / 2,
     * small_control = (4 + quadratic(u)) / 5, small_velocity = (1 + gaussian(angular velocity, margin 5)) / 2.
     */
    public static double reward(double cartPosition, double poleCos, double control, double poleAngularVelocity) {
        double upright = (poleCos + 1) / 2;
        double centered = (1 + Rewards.tolerance(cartPosition, 0, 0, 2)) / 2;
        double smallControl = (4 + Rewards.tolerance(control, 0, 0, 1, Sigmoid.QUADRATIC, 0)) / 5;
        double smallVelocity = (1 + Rewards.tolerance(poleAngularVelocity, 0, 0, 5)) / 2;
        return upright * smallControl * smallVelocity * centered;
    }

    /**
     * CartpoleBalance initial state: cart uniform in +-0.1 m, pole uniform in +-0.034 rad from upright,
     * velocities 0.01 N(0, 1).
     */
    public static void initialBalanceState(Rng rng, double[] qpos, double[] qvel) {
        qpos[0] = rng.uniform(-BALANCE_CART_SPREAD, BALANCE_CART_SPREAD);
        qpos[1] = rng.uniform(-BALANCE_POLE_SPREAD, BALANCE_POLE_SPREAD);
        qvel[0] = NOISE * rng.nextGaussian();
        qvel[1] = NOISE * rng.nextGaussian();
    }

    /** CartpoleSwingup initial state: cart 0.01 N(0, 1), pole hanging down (pi + 0.01 N(0, 1)), velocities 0.01 N(0, 1). */
    public static void initialSwingupState(Rng rng, double[] qpos, double[] qvel) {
        qpos[0] = NOISE * rng.nextGaussian();
        qpos[1] = Math.PI + NOISE * rng.nextGaussian();
        qvel[0] = NOISE * rng.nextGaussian();
        qvel[1] = NOISE * rng.nextGaussian();
    }
}
