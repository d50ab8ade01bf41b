package org.gorlj.env;

import java.util.function.Supplier;

/**
 * A named task of the registry: how to build its environment and how long its episodes last.
 *
 * @param name registry name, e.g. {@code classic/pendulum} or {@code dmc/hopper-stand}
 * @param description one line for {@code gorl tasks}
 * @param maxEpisodeSteps time limit (truncation) in steps
 * @param factory builds a fresh, un-wrapped environment
 */
public record Task(String name, String description, int maxEpisodeSteps, Supplier<Env> factory) {

    /** A new environment for this task, wrapped in its time limit. */
    public Env make() {
        return new TimeLimit(factory.get(), maxEpisodeSteps);
    }
}
