package org.gorlj.env;

import java.util.List;

/** A family of tasks (classic, gym, dmc, ...) contributed to the {@link TaskRegistry}. */
public interface TaskProvider {
    /** The tasks of this family. */
    List<Task> tasks();
}
