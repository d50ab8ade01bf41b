package org.gorlj.env.classic;

/**
 * A one-step contextual bandit with two equally good, well separated action regions at every
 * state, built to show multimodal policies.
 *
 * <p>Each episode draws a context {@code s ~ U(-1, 1)} (the observation) and takes one action
 * {@code a in [-1, 1]}; the episode then terminates with reward
 * {@code r = exp(-d^2 / (2 w^2))}, where {@code d} is the distance from {@code a} to the nearer of
 * the two modes {@code m(s) = +-(0.5 + 0.25 s)} and {@code w = 0.1}. Scores (expected reward per
 * episode, in [0, 1]): an optimal policy (on either mode, or any mixture of the two) 1.0; a
 * policy that averages the modes (a = 0) at most exp(-0.25^2/0.02) = 0.044 and on average
 * 0.0031 over the contexts; a uniformly random policy about 0.25. A policy on one mode
 * is optimal in return, so what tells the two apart is the shape of the action distribution,
 * which {@code gorl modes} draws.
 */
public final class TwoModes extends ContextualBandit {
    /** Width of each rewarding region. */
    public static final double WIDTH = 0.1;

    /** The positive mode at context s (the other is its negative). */
    public static double mode(double s) {
        return 0.5 + 0.25 * s;
    }

    /** The reward of action a at context s. */
    public static double reward(double s, double a) {
        double m = mode(s);
        double d = Math.min(Math.abs(a - m), Math.abs(a + m));
        return StrictMath.exp(-d * d / (2 * WIDTH * WIDTH));
    }

    @Override
    protected double payoff(double s, double a) {
        return reward(s, a);
    }
}
