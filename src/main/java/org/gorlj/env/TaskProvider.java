package org.gorlj.env;

import java.util.List;

/**
 * A family of tasks contributed to the {@link TaskRegistry}: the project's own (classic, gym, dmc)
 * and a user's. A provider is found on the class path through {@link java.util.ServiceLoader} when
 * its jar (or class directory) lists it in {@code META-INF/services/org.gorlj.env.TaskProvider}
 * (the class needs a public no-argument constructor), or is added from code with
 * {@link TaskRegistry#register(TaskProvider)}.
 */
public interface TaskProvider {
    /** The tasks of this family. */
    List<Task> tasks();
}
