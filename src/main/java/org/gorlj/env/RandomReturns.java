package org.gorlj.env;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Measured returns of the uniformly random policy per task, the zero point of normalised scores
 * such as GoRL's boundary retention. The {@code dmc/*} figures are the means of
 * {@code bench/dmc-random.md} (10 episodes of 1000 steps, 50 for the humanoid tasks, actions uniform in
 * [-1, 1], reset seed i, action seed 1000 + i); the {@code gym/*} figures those of {@code
 * bench/gym-random.md} (50 episodes, actions uniform in the action box, same seeds). Tasks without a
 * figure here get theirs measured by the caller once per run
 * with a fixed seed (see {@code GorlAlgorithm}).
 */
public final class RandomReturns {
    private static final Map<String, Double> MEASURED = Map.ofEntries(
            Map.entry("dmc/hopper-stand", 0.6),
            Map.entry("dmc/hopper-hop", 0.0),
            Map.entry("dmc/cheetah-run", 3.6),
            Map.entry("dmc/walker-stand", 130.6),
            Map.entry("dmc/walker-walk", 33.8),
            Map.entry("dmc/walker-run", 23.3),
            Map.entry("dmc/finger-spin", 0.0),
            Map.entry("dmc/finger-turn-easy", 176.0),
            Map.entry("dmc/finger-turn-hard", 100.2),
            Map.entry("dmc/fish-swim", 104.3),
            Map.entry("dmc/cartpole-balance", 375.3),
            Map.entry("dmc/cartpole-swingup", 21.5),
            Map.entry("dmc/pendulum-swingup", 4.5),
            Map.entry("dmc/acrobot-swingup", 0.9),
            Map.entry("dmc/reacher-easy", 72.7),
            Map.entry("dmc/reacher-hard", 18.0),
            Map.entry("dmc/point-mass", 0.0),
            Map.entry("dmc/humanoid-stand", 12.3),
            Map.entry("dmc/humanoid-walk", 3.5),
            Map.entry("dmc/humanoid-run", 2.2),
            Map.entry("gym/inverted-pendulum", 5.4),
            Map.entry("gym/inverted-double-pendulum", 50.7),
            Map.entry("gym/reacher", -42.2),
            Map.entry("gym/pusher", -148.7),
            Map.entry("gym/swimmer", 0.1),
            Map.entry("gym/hopper", 19.9),
            Map.entry("gym/half-cheetah", -297.4),
            Map.entry("gym/walker2d", 2.0),
            Map.entry("gym/ant", -79.3),
            Map.entry("gym/humanoid", 120.6),
            Map.entry("gym/humanoid-standup", 33941.5));

    private RandomReturns() {}

    /** The recorded random-policy return of a task, if there is one. */
    public static OptionalDouble of(String task) {
        Double r = MEASURED.get(task);
        return r == null ? OptionalDouble.empty() : OptionalDouble.of(r);
    }
}
