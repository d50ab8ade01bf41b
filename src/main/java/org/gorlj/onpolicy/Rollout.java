package org.gorlj.onpolicy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One on-policy rollout of {@code steps} steps of {@code envs} copies, time-major: normalised
 * observations, policy samples x and their log-probabilities, what else the policy records per
 * transition for its ratio ({@link #policyData}), the (transformed) rewards, values, episode-end
 * flags, the values of final observations (for truncation), and, once {@link #computeAdvantages}
 * has run, advantages and returns.
 */
public final class Rollout {
    public final int steps;
    public final int envs;
    public final int obsDim;
    public final int xDim;
    public final float[] obs;
    public final float[] x;
    public final float[] logProb;
    /** Floats the policy records per transition at collection time (0 for a Gaussian policy). */
    public final int policyWidth;
    /** The policy's records, {@link #policyWidth} per transition (e.g. FPO's noise pairs, DPPO's chains). */
    public final float[] policyData;

    public final float[] rewards;
    public final float[] values;
    public final boolean[] terminated;
    public final boolean[] truncated;
    public final float[] finalValues;
    public final float[] lastValues;
    public final float[] advantages;
    public final float[] returns;

    /** Storage for a rollout of the given shape, without policy records. */
    public Rollout(int steps, int envs, int obsDim, int xDim) {
        this(steps, envs, obsDim, xDim, 0);
    }

    /** Storage for a rollout of the given shape with {@code policyWidth} floats of policy records per transition. */
    public Rollout(int steps, int envs, int obsDim, int xDim, int policyWidth) {
        this.steps = steps;
        this.envs = envs;
        this.obsDim = obsDim;
        this.xDim = xDim;
        int n = steps * envs;
        this.obs = new float[n * obsDim];
        this.x = new float[n * xDim];
        this.logProb = new float[n];
        this.policyWidth = policyWidth;
        this.policyData = new float[Math.multiplyExact(n, policyWidth)];
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

    /**
     * Writes what collection filled (not the advantages and returns, which {@link #computeAdvantages}
     * derives): a rollout collected ahead of the learner is part of a checkpoint.
     */
    public void write(DataOutput out) throws IOException {
        out.writeInt(steps);
        out.writeInt(envs);
        out.writeInt(obsDim);
        out.writeInt(xDim);
        out.writeInt(policyWidth);
        for (float[] a : collected()) {
            for (float v : a) {
                out.writeFloat(v);
            }
        }
        for (int i = 0; i < size(); i++) {
            out.writeBoolean(terminated[i]);
            out.writeBoolean(truncated[i]);
        }
    }

    /** Restores what {@link #write} wrote into a rollout of the same shape. */
    public void read(DataInput in) throws IOException {
        int s = in.readInt(), e = in.readInt(), o = in.readInt(), x = in.readInt(), w = in.readInt();
        if (s != steps || e != envs || o != obsDim || x != xDim || w != policyWidth) {
            throw new IOException("the checkpoint's rollout is " + s + " steps x " + e + " copies (observation " + o
                    + ", sample " + x + ", policy records " + w + "), this run's is " + steps + " x " + envs + " ("
                    + obsDim + ", " + xDim + ", " + policyWidth + ")");
        }
        for (float[] a : collected()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = in.readFloat();
            }
        }
        for (int i = 0; i < size(); i++) {
            terminated[i] = in.readBoolean();
            truncated[i] = in.readBoolean();
        }
    }

    private float[][] collected() {
        return new float[][] {obs, x, logProb, policyData, rewards, values, finalValues, lastValues};
    }
}
