package org.gorlj.train;

import java.util.ArrayList;
import java.util.List;
import org.gorlj.algo.Actor;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.util.Rng;

/**
 * Runs a policy for a number of complete episodes on fresh environment copies seeded from a
 * given seed, and reports their returns. Deterministic evaluation takes the policy's mean.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Returns and lengths of the evaluated episodes. */
    public record Result(double[] returns, int[] lengths) {
        /** The mean episode return. */
        public double mean() {
            double s = 0;
            for (double r : returns) {
                s += r;
            }
            return s / returns.length;
        }

        /** The standard deviation of the episode returns (over the episodes, not a sample estimate). */
        public double std() {
            double m = mean();
            double s = 0;
            for (double r : returns) {
                s += (r - m) * (r - m);
            }
            return Math.sqrt(s / returns.length);
        }
    }

    /** Evaluates {@code episodes} episodes, at most 64 copies at a time, each copy playing one episode. */
    public static Result evaluate(Task task, Actor actor, int episodes, long seed, boolean deterministic, int threads) {
        List<Double> returns = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        Rng seeds = new Rng(seed);
        while (returns.size() < episodes) {
            int n = Math.min(64, episodes - returns.size());
            try (VecEnv env = new VecEnv(task, n, threads)) {
                env.reset(seeds.nextLong());
                Rng noise = seeds.split();
                double[] actions = new double[n * env.actionDim()];
                double[] ret = new double[n];
                int[] len = new int[n];
                boolean[] done = new boolean[n];
                int remaining = n;
                while (remaining > 0) {
                    actor.act(env.observations(), n, deterministic, noise, actions);
                    env.step(actions);
                    for (int i = 0; i < n; i++) {
                        if (done[i]) {
                            continue;
                        }
                        ret[i] += env.rewards()[i];
                        len[i]++;
                        if (env.terminated()[i] || env.truncated()[i]) {
                            done[i] = true;
                            remaining--;
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    returns.add(ret[i]);
                    lengths.add(len[i]);
                }
            }
        }
        return new Result(
                returns.stream().mapToDouble(Double::doubleValue).toArray(),
                lengths.stream().mapToInt(Integer::intValue).toArray());
    }
}
