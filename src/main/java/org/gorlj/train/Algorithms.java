package org.gorlj.train;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.gorlj.algo.Algorithm;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.util.UserInputException;

/**
 * The algorithms by name ({@code --algo}): their knobs, presets and how to build them. Families are
 * discovered with {@link ServiceLoader} as {@link AlgorithmProvider}s (a jar on the class path with a
 * {@code META-INF/services/org.gorlj.train.AlgorithmProvider} file adds its algorithms to {@code train},
 * {@code eval}, {@code bench} and resume) and can be added from code with {@link #register(AlgorithmProvider)}
 * or {@link #register(AlgorithmType)}. The project's own come first. A name may be registered once: a
 * second algorithm of the same name is refused with a {@link DuplicateAlgorithmException}.
 */
public final class Algorithms {
    private record Entry(AlgorithmType type, String origin) {}

    private static final Map<String, Entry> ALGORITHMS = new LinkedHashMap<>();
    private static boolean discovered;

    private Algorithms() {}

    /** Loads the class path's providers once; a failure leaves the registry undiscovered, so it is reported again. */
    private static synchronized Map<String, Entry> algorithms() {
        if (!discovered) {
            List<AlgorithmProvider> providers = new ArrayList<>();
            try {
                ServiceLoader.load(AlgorithmProvider.class, loader()).forEach(providers::add);
            } catch (ServiceConfigurationError e) {
                throw new UserInputException(
                        "an algorithm provider on the class path could not be loaded: " + e.getMessage());
            }
            URL own = location(Algorithms.class);
            providers.sort((a, b) -> Boolean.compare(
                    !Objects.equals(location(a.getClass()), own), !Objects.equals(location(b.getClass()), own)));
            Map<String, Entry> found = new LinkedHashMap<>();
            for (AlgorithmProvider p : providers) {
                addAll(found, p);
            }
            ALGORITHMS.putAll(found); // empty until now: registering from code discovers first
            discovered = true;
        }
        return ALGORITHMS;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Algorithms.class.getClassLoader();
    }

    private static URL location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static void addAll(Map<String, Entry> into, AlgorithmProvider provider) {
        String origin = provider.getClass().getName();
        List<AlgorithmType> types =
                Objects.requireNonNull(provider.algorithms(), () -> origin + ".algorithms() returned null");
        for (AlgorithmType t : types) {
            add(into, new Entry(t, origin));
        }
    }

    private static void add(Map<String, Entry> into, Entry e) {
        Entry before = into.putIfAbsent(e.type().name(), e);
        if (before != null) {
            throw new DuplicateAlgorithmException(e.type().name(), before.origin(), e.origin());
        }
    }

    /**
     * Adds every algorithm of {@code provider}, after the discovered ones. Nothing is added when one of
     * its names is taken.
     *
     * @throws DuplicateAlgorithmException if an algorithm of that name is already registered
     */
    public static synchronized void register(AlgorithmProvider provider) {
        Map<String, Entry> all = algorithms();
        Map<String, Entry> grown = new LinkedHashMap<>(all);
        addAll(grown, provider);
        all.clear();
        all.putAll(grown);
    }

    /**
     * Adds one algorithm, after the discovered ones.
     *
     * @throws DuplicateAlgorithmException if an algorithm of that name is already registered
     */
    public static synchronized void register(AlgorithmType type) {
        StackWalker caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        add(algorithms(), new Entry(type, caller.getCallerClass().getName()));
    }

    /** Known algorithm names, in registry order. */
    public static synchronized List<String> names() {
        return List.copyOf(algorithms().keySet());
    }

    /** The registered algorithm of that name. */
    public static synchronized AlgorithmType get(String algo) {
        Entry e = algorithms().get(algo);
        if (e == null) {
            throw new ConfigException(
                    "unknown algorithm '" + algo + "'; known algorithms: " + String.join(", ", names()));
        }
        return e.type();
    }

    /** The knobs of an algorithm (run knobs included). */
    public static List<Knob> knobs(String algo) {
        return get(algo).knobs();
    }

    /**
     * The settings of a preset of an algorithm on a task.
     *
     * @throws ConfigException for a preset the algorithm does not have
     */
    public static Map<String, Object> preset(String algo, String preset, String task) {
        return get(algo).preset(preset, task);
    }

    /** Checks constraints between settings (e.g. divisibility of batch sizes) before anything runs. */
    public static void validate(String algo, Config config) {
        get(algo).validate(config);
    }

    /** Builds an algorithm on a task with a complete config. */
    public static Algorithm create(String algo, Config config, Task task) {
        return get(algo).create(config, task);
    }

    /** Raised when a second algorithm takes a registered name; its message names both registrants. */
    public static final class DuplicateAlgorithmException extends UserInputException {
        DuplicateAlgorithmException(String name, String first, String second) {
            super("algorithm '" + name + "' is registered twice, by " + first + " and by " + second
                    + "; give one of them another name");
        }
    }
}
