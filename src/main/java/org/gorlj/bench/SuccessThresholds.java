package org.gorlj.bench;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Per task, the final evaluation return at or above which a run counts as a success in the bench
 * results' success rate. Where the project set itself a target for the task, that target; for the
 * DeepMind Control tasks without one, half of the maximum episode return 1000. Sources per task in
 * {@code docs/bench.md}, "Statistics"; a task not listed gets no success rate.
 */
public final class SuccessThresholds {
    private static final Map<String, Double> BY_TASK = Map.ofEntries(
            Map.entry("classic/pendulum", -200.0),
            Map.entry("classic/two-modes", 0.9),
            Map.entry("gym/inverted-pendulum", 900.0),
            Map.entry("gym/hopper", 1500.0),
            Map.entry("gym/walker2d", 1500.0),
            Map.entry("gym/half-cheetah", 1000.0),
            Map.entry("dmc/cartpole-balance", 800.0),
            Map.entry("dmc/hopper-stand", 600.0),
            Map.entry("dmc/cheetah-run", 500.0),
            Map.entry("dmc/walker-walk", 500.0));

    private SuccessThresholds() {}

    /** The task's threshold, empty when it has none. */
    public static OptionalDouble of(String task) {
        Double t = BY_TASK.get(task);
        return t == null ? OptionalDouble.empty() : OptionalDouble.of(t);
    }
}
