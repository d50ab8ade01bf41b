package org.gorlj.env.classic;

/**
 * A one-step contextual bandit whose best action sits right at a cliff edge, built to tell a
 * policy's deterministic action apart from the action that is best under its own exploration noise.
 *
 * <p>Each episode draws a context {@code s ~ U(-1, 1)} (the observation) and takes one action
 * {@code a in [-1, 1]}; the episode then terminates with reward {@code r = 1 - (c(s) - a)} for
 * {@code a <= c(s)} (a ramp rising towards the edge) and {@code r = -1} beyond it, where the edge
 * is {@code c(s) = 0.5 + 0.3 s}. Scores (expected reward per episode): the optimal policy
 * {@code a = c(s)} 1.0; the constant action 0 scores 1 - c(s), on average 0.5; a uniformly random
 * policy on average {@code (1 - c^2) / 4 - (1 - c) / 2} over the contexts, -0.07.
 *
 * <p>Why it is hard for an on-policy Gaussian: a policy that executes {@code a = m + sigma xi}
 * ({@code xi ~ N(0, 1)}) has the expected return {@code (1 - d) Phi(d / sigma) - sigma phi(d / sigma)
 * - (1 - Phi(d / sigma))} with its mean {@code d = c - m} below the edge; this is largest at about
 * {@code d = 2 sigma} (sigma = 0.1: d = 0.205, so the mean's deterministic return is 0.795, not 1).
 * A learner that maximises the return under its own noise therefore keeps its mean away from the
 * edge for as long as its noise stays wide.
 */
public final class CliffEdge extends ContextualBandit {
    /** The reward beyond the edge. */
    public static final double FALL = -1.0;

    /** The edge at context s: the best action, in [0.2, 0.8]. */
    public static double edge(double s) {
        return 0.5 + 0.3 * s;
    }

    /** The reward of action a at context s. */
    public static double reward(double s, double a) {
        double c = edge(s);
        return a <= c ? 1 - (c - a) : FALL;
    }

    @Override
    protected double payoff(double s, double a) {
        return reward(s, a);
    }
}
