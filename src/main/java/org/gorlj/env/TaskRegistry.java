package org.gorlj.env;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.env.classic.ClassicTasks;
import org.gorlj.env.dmc.DmcTasks;
import org.gorlj.env.gym.GymTasks;
import org.gorlj.util.UserInputException;

/** All tasks by name. Families are listed here explicitly, in the order {@code gorl tasks} prints them. */
public final class TaskRegistry {
    private static final List<TaskProvider> PROVIDERS = List.of(new ClassicTasks(), new GymTasks(), new DmcTasks());
    private static volatile Map<String, Task> tasks;

    private TaskRegistry() {}

    private static Map<String, Task> tasks() {
        Map<String, Task> t = tasks;
        if (t == null) {
            Map<String, Task> m = new LinkedHashMap<>();
            for (TaskProvider p : PROVIDERS) {
                for (Task task : p.tasks()) {
                    if (m.put(task.name(), task) != null) {
                        throw new IllegalStateException("duplicate task name " + task.name());
                    }
                }
            }
            tasks = t = Collections.unmodifiableMap(m);
        }
        return t;
    }

    /** Every task, in registry order. */
    public static List<Task> all() {
        return List.copyOf(tasks().values());
    }

    /** The task of that name. */
    public static Task get(String name) {
        Task t = tasks().get(name);
        if (t == null) {
            throw new UnknownTaskException(name, tasks().keySet());
        }
        return t;
    }

    /** Raised for a task name that is not registered; its message lists the known names. */
    public static final class UnknownTaskException extends UserInputException {
        UnknownTaskException(String name, Collection<String> known) {
            super("unknown task '" + name + "'; known tasks: " + String.join(", ", known));
        }
    }
}
