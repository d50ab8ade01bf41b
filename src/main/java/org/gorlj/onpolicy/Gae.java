package org.gorlj.onpolicy;

/**
 * Generalised advantage estimation over a rollout of {@code T} steps of {@code N} copies, stored
 * time-major (index {@code t * N + i}), with Gymnasium's two kinds of episode end:
 * <ul>
 *   <li>terminated: the task ended, the future is worth nothing: delta = r - V(s);</li>
 *   <li>truncated: cut short by a time limit, the future is estimated by the value of the final
 *       observation: delta = r + gamma V(s_final) - V(s);</li>
 * </ul>
 * and in both cases the recursion does not reach into the next episode.
 */
public final class Gae {
    private Gae() {}

    /**
     * Computes advantages and returns (advantage + value) in place.
     *
     * @param rewards rewards, [T*N]
     * @param values V(s_t), [T*N]
     * @param terminated termination flags, [T*N]
     * @param truncated truncation flags, [T*N]
     * @param finalValues V(final observation) where truncated (other entries ignored), [T*N]
     * @param lastValues V(s_T) of the observation after the rollout, [N]
     * @param advantages output, [T*N]
     * @param returns output, [T*N]
     */
    public static void compute(
            int steps,
            int envs,
            double gamma,
            double lambda,
            float[] rewards,
            float[] values,
            boolean[] terminated,
            boolean[] truncated,
            float[] finalValues,
            float[] lastValues,
            float[] advantages,
            float[] returns) {
        for (int i = 0; i < envs; i++) {
            double next = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * envs + i;
                double delta;
                double carry;
                if (terminated[k]) {
                    delta = rewards[k] - values[k];
                    carry = 0;
                } else if (truncated[k]) {
                    delta = rewards[k] + gamma * finalValues[k] - values[k];
                    carry = 0;
                } else {
                    double nextValue = t == steps - 1 ? lastValues[i] : values[k + envs];
                    delta = rewards[k] + gamma * nextValue - values[k];
                    carry = 1;
                }
                next = delta + gamma * lambda * carry * next;
                advantages[k] = (float) next;
                returns[k] = (float) (next + values[k]);
            }
        }
    }
}
