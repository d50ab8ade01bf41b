package org.gorlj.extension;

import java.util.List;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;

/** A user's task family, found through the test class path's {@code META-INF/services/org.gorlj.env.TaskProvider}. */
public final class TestTasks implements TaskProvider {
    /** The name of the discovered task. */
    public static final String DRIFT = "test/drift";

    @Override
    public List<Task> tasks() {
        return List.of(new Task(DRIFT, "a user's task: keep a pushed point near 0", 50, Drift::new));
    }
}
