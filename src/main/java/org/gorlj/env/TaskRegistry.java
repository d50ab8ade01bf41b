package org.gorlj.env;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.gorlj.util.UserInputException;

/**
 * All tasks by name. Task families are discovered with {@link ServiceLoader} as {@link TaskProvider}s
 * (a jar on the class path with a {@code META-INF/services/org.gorlj.env.TaskProvider} file adds its
 * tasks to {@code gorl tasks}, {@code train}, {@code eval}, {@code bench} and resume) and can be added
 * from code with {@link #register(TaskProvider)} or {@link #register(Task)}. The project's own
 * families come first, in the order of its service file (classic, gym, dmc), then the others in
 * class-path order, then those registered from code. A name may be registered once: a second task
 * of the same name is refused with a {@link DuplicateTaskException}.
 */
public final class TaskRegistry {
    private static final Map<String, Entry> TASKS = new LinkedHashMap<>();
    private static boolean discovered;

    private record Entry(Task task, String origin) {}

    private TaskRegistry() {}

    /** Loads the class path's providers once; a failure leaves the registry undiscovered, so it is reported again. */
    private static synchronized Map<String, Entry> tasks() {
        if (!discovered) {
            Map<String, Entry> found = new LinkedHashMap<>();
            for (TaskProvider p : discoverProviders()) {
                addAll(found, p);
            }
            TASKS.putAll(found); // empty until now: registering from code discovers first
            discovered = true;
        }
        return TASKS;
    }

    /** The class path's providers, the project's own first (in its service file's order), then the rest. */
    private static List<TaskProvider> discoverProviders() {
        List<TaskProvider> providers = new ArrayList<>();
        try {
            ServiceLoader.load(TaskProvider.class, loader()).forEach(providers::add);
        } catch (ServiceConfigurationError e) {
            throw new UserInputException("a task provider on the class path could not be loaded: " + e.getMessage());
        }
        URL own = location(TaskRegistry.class);
        providers.sort(Comparator.comparing(p -> !Objects.equals(location(p.getClass()), own)));
        return providers;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : TaskRegistry.class.getClassLoader();
    }

    private static URL location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static void addAll(Map<String, Entry> into, TaskProvider provider) {
        String origin = provider.getClass().getName();
        List<Task> tasks = Objects.requireNonNull(provider.tasks(), () -> origin + ".tasks() returned null");
        for (Task t : tasks) {
            add(into, new Entry(t, origin));
        }
    }

    private static void add(Map<String, Entry> into, Entry e) {
        Entry before = into.putIfAbsent(e.task().name(), e);
        if (before != null) {
            throw new DuplicateTaskException(e.task().name(), before.origin(), e.origin());
        }
    }

    /**
     * Adds every task of {@code provider}, after the discovered ones. Nothing is added when one of its
     * names is taken.
     *
     * @throws DuplicateTaskException if a task of that name is already registered
     */
    public static synchronized void register(TaskProvider provider) {
        Map<String, Entry> all = tasks();
        Map<String, Entry> grown = new LinkedHashMap<>(all);
        addAll(grown, provider);
        all.clear();
        all.putAll(grown);
    }

    /**
     * Adds one task, after the discovered ones.
     *
     * @throws DuplicateTaskException if a task of that name is already registered
     */
    public static synchronized void register(Task task) {
        StackWalker caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        add(tasks(), new Entry(task, caller.getCallerClass().getName()));
    }

    /** Every task, in registry order. */
    public static synchronized List<Task> all() {
        return tasks().values().stream().map(Entry::task).toList();
    }

    /** The task of that name. */
    public static synchronized Task get(String name) {
        Entry e = tasks().get(name);
        if (e == null) {
            throw new UnknownTaskException(name, tasks().keySet());
        }
        return e.task();
    }

    /** Raised for a task name that is not registered; its message lists the known names. */
    public static final class UnknownTaskException extends UserInputException {
        UnknownTaskException(String name, Collection<String> known) {
            super("unknown task '" + name + "'; known tasks: " + String.join(", ", known));
        }
    }

    /** Raised when a second task takes a registered name; its message names both registrants. */
    public static final class DuplicateTaskException extends UserInputException {
        DuplicateTaskException(String name, String first, String second) {
            super("task '" + name + "' is registered twice, by " + first + " and by " + second
                    + "; give one of them another name");
        }
    }
}
