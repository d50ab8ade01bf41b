package org.gorlj.train;

import java.util.List;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;

/**
 * A named algorithm of the registry ({@code --algo NAME}): its knobs, its presets, the checks
 * between its settings, and how to build it on a task. Contributed by an {@link AlgorithmProvider}.
 *
 * <p>The knobs must include the run's own ({@link org.gorlj.run.RunKnobs#KNOBS}: budget, seed,
 * evaluation, threads, checkpoints), which the trainer reads.
 */
public interface AlgorithmType {
    /** The name given to {@code --algo}, e.g. {@code ppo}. */
    String name();

    /** Every setting the algorithm reads, the run knobs included, with defaults and ranges. */
    List<Knob> knobs();

    /** The preset names {@code --preset} accepts; the first is the default one. Default: {@code auto} alone. */
    default List<String> presets() {
        return List.of("auto");
    }

    /**
     * The settings of one of {@link #presets()} on a task, applied over the knob defaults. Default:
     * none (the knob defaults) for a preset of {@link #presets()}.
     *
     * @throws ConfigException for a name not among {@link #presets()}
     */
    default Map<String, Object> preset(String preset, String task) {
        if (!presets().contains(preset)) {
            throw new ConfigException("unknown preset '" + preset + "' for " + name() + "; known presets: "
                    + String.join(", ", presets()));
        }
        return Map.of();
    }

    /**
     * Checks constraints between settings (e.g. divisibility of batch sizes) before anything runs.
     *
     * @throws ConfigException naming the setting and what is allowed
     */
    default void validate(Config config) {}

    /** Builds the algorithm on a task with a complete, validated config. */
    Algorithm create(Config config, Task task);
}
