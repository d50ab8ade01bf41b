package org.gorlj.onpolicy;

/**
 * One on-policy rollout of {@code steps} steps of {@code envs} copies, time-major: normalised
 * observations, policy samples x and their log-probabilities, the (transformed) rewards, values,
 * episode-end flags, the values of final observations (for truncation), and, once
 * {@link #computeAdvantages} has run, advantages and returns.
 */
public final class Rollout {
    public final int steps;
    public final int envs;
    public final int obsDim;
    public final int xDim;
    public final float[] obs;
    public final float[] x;
    public final float[] logProb;
    public final float[] rewards;
    public final float[] values;
    public final boolean[] terminated;
    public final boolean[] truncated;
    public final float[] finalValues;
    public final float[] lastValues;
    public final float[] advantages;
    public final float[] returns;

    /** Storage for a rollout of the given shape. */
    public Rollout(int steps, int envs, int obsDim, int xDim) {
        this.steps = steps;
        this.envs = envs;
        this.obsDim = obsDim;
        this.xDim = xDim;
        int n = steps * envs;
        this.obs = new float[n * obsDim];
        this.x = new float[n * xDim];
        this.logProb = new float[n];
        this.rewards = new float[n];
        this.values = new float[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.finalValues = new float[n];
        this.lastValues = new float[envs];
        this.advantages = new float[n];
        this.returns = new float[n];
    }

    /** Number of transitions. */
    public int size() {
        return steps * envs;
    }

    /** Fills advantages and returns by GAE. */
    public void computeAdvantages(double gamma, double lambda) {
        Gae.compute(
                steps,
                envs,
                gamma,
                lambda,
                rewards,
                values,
                terminated,
                truncated,
                finalValues,
                lastValues,
                advantages,
                returns);
    }
}
