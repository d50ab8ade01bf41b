package org.gorlj.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gorlj.config.ConfigException;
import org.gorlj.env.TaskRegistry;
import org.gorlj.run.RunKnobs;
import org.gorlj.train.Algorithms;
import org.gorlj.train.Fork;
import org.gorlj.train.RunConfig;

/**
 * A benchmark: tasks x methods x seeds at one step budget, read from a JSON file (format in
 * {@code docs/bench.md}). Reading validates everything (field types, unknown keys, task and
 * algorithm names, every resolved run config), so a bad spec fails with one line naming the field
 * before any run starts.
 *
 * @param name the benchmark's name (default: the file name without {@code .json})
 * @param tasks task names, in table column order
 * @param methods the methods (table rows)
 * @param seeds the seeds of every task x method
 * @param steps environment steps per run ({@code total_steps})
 * @param out directory holding the run directories
 * @param results directory of results.csv, results.md and the per-task PNGs
 * @param parallel runs at once, or 0 for the default
 * @param pairs the methods compared seed by seed (default: every other method against the first)
 * @param video whether to film each MuJoCo task x method's best run into the results ({@link BenchVideos})
 */
public record BenchSpec(
        String name,
        List<String> tasks,
        List<Method> methods,
        List<Long> seeds,
        long steps,
        Path out,
        Path results,
        int parallel,
        List<Pair> pairs,
        boolean video) {
    /**
     * The fewest episodes a bench run's final evaluation may have: a run whose settings give fewer
     * gets {@code final_eval_episodes} set to this many (the evaluations during training keep
     * {@code eval_episodes}), a spec that asks for fewer final episodes is refused.
     */
    public static final int MIN_FINAL_EVAL_EPISODES = 50;

    private static final String FINAL_EVAL_EPISODES = "final_eval_episodes";
    private static final Set<String> KEYS = Set.of(
            "name",
            "tasks",
            "algorithms",
            "preset",
            "seeds",
            "steps",
            "set",
            "out",
            "results",
            "parallel",
            "pairs",
            "branches",
            "video");
    private static final Set<String> BRANCH_KEYS = Set.of("name", "from", "at_step", "set", "steps", "algo");
    private static final String KEEP_AT = "checkpoint_at_step";
    private static final Set<String> METHOD_KEYS = Set.of("name", "algo", "preset", "set");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-]+");

    /**
     * One row of the results: an algorithm with a preset and overrides, under a name.
     *
     * @param name row label and run sub-directory
     * @param algo algorithm name
     * @param preset preset name
     * @param overrides {@code key=value} settings (global ones first, then the method's own; a
     *     branch's: its trunk's, then its own)
     * @param branch where a branch method forks from, null for a method trained from scratch
     */
    public record Method(String name, String algo, String preset, List<String> overrides, Branch branch) {}

    /**
     * A branch: the run of its method for seed s is a fork of method {@code from}'s run for seed s
     * at the checkpoint that run keeps at step {@code atStep} ({@code checkpoint_at_step}).
     *
     * @param from the trunk method's name
     * @param atStep the step of the trunk's checkpoint
     * @param sets the branch's own assignments, applied over the trunk's settings
     * @param steps the branch runs' total steps, null for the spec's {@code steps}
     */
    public record Branch(String from, long atStep, List<String> sets, Long steps) {
        /** What the fork applies over the trunk's settings: {@link #sets}, and the branch's own budget. */
        public List<String> forkAssignments() {
            if (steps == null) {
                return sets;
            }
            List<String> all = new ArrayList<>(sets);
            all.add("total_steps=" + steps);
            return List.copyOf(all);
        }
    }

    /**
     * Two methods compared seed by seed: the per-seed difference {@code a - b} of their numbers.
     *
     * @param a the method whose number comes first in the difference
     * @param b the method subtracted (e.g. the control)
     */
    public record Pair(String a, String b) {
        /** A label, e.g. {@code gorl-fm − ppo}. */
        public String label() {
            return a + " − " + b;
        }
    }

    /**
     * One run of the benchmark.
     *
     * @param task task name
     * @param method the method
     * @param seed the seed
     * @param dir its run directory
     * @param config its complete, validated config
     * @param trunk the run directory this branch run forks from, null for other runs
     */
    public record Run(String task, Method method, long seed, Path dir, RunConfig config, Path trunk) {
        /** A short label, e.g. {@code classic/pendulum ppo seed 2}. */
        public String label() {
            return task + " " + method.name() + " seed " + seed;
        }

        /** Its budget of environment steps: the spec's, or its branch's own. */
        public long steps() {
            return config.config().getLong("total_steps");
        }
    }

    /** Reads and validates a spec file; paths in it are relative to the working directory. */
    public static BenchSpec read(Path file) {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("no bench spec at " + file);
        }
        JsonNode root;
        try {
            root = new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(where + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(where + ": a bench spec is a JSON object");
        }
        checkKeys(where, "", root, KEYS);
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        String name = root.has("name") ? text(where, "name", root.get("name")) : stem;
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(
                    where + ": \"name\" must be letters, digits, '.', '_', '+' or '-', got '" + name + "'");
        }
        List<String> tasks = strings(where, "tasks", required(where, root, "tasks"), false);
        if (new HashSet<>(tasks).size() != tasks.size()) {
            throw new ConfigException(where + ": \"tasks\" names a task twice");
        }
        for (int i = 0; i < tasks.size(); i++) {
            try {
                TaskRegistry.get(tasks.get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": \"tasks[" + i + "]\": " + e.getMessage());
            }
        }
        long steps = positiveLong(where, "steps", required(where, root, "steps"));
        List<Long> seeds = seeds(where, required(where, root, "seeds"));
        String preset = root.has("preset") ? text(where, "preset", root.get("preset")) : "auto";
        List<String> global = root.has("set") ? strings(where, "set", root.get("set"), true) : List.of();
        checkSets(where, "set", global);
        List<Method> methods = methods(where, required(where, root, "algorithms"), preset, global);
        if (root.has("branches")) {
            methods = branches(where, root.get("branches"), methods, steps);
        }
        Path out = Path.of(root.has("out") ? text(where, "out", root.get("out")) : "runs/bench/" + name);
        Path results = root.has("results") ? Path.of(text(where, "results", root.get("results"))) : out;
        int parallel = root.has("parallel") ? (int) positiveLong(where, "parallel", root.get("parallel")) : 0;
        List<Pair> pairs = root.has("pairs") ? pairs(where, root.get("pairs"), methods) : defaultPairs(methods);
        JsonNode videoNode = root.has("video") ? root.get("video") : BooleanNode.FALSE;
        if (!videoNode.isBoolean()) {
            throw new ConfigException(where + ": \"video\" must be true or false, got " + videoNode);
        }
        BenchSpec spec = new BenchSpec(
                name, tasks, methods, seeds, steps, out, results, parallel, pairs, videoNode.booleanValue());
        spec.runs(where); // resolves and validates every run's config
        return spec;
    }

    /** The runs in execution order: seed by seed, so that early results cover every task and method. */
    public List<Run> runs() {
        return runs(name);
    }

    private List<Run> runs(String where) {
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (String task : tasks) {
                for (Method m : methods) {
                    if (m.branch() != null) {
                        continue;
                    }
                    List<String> o = new ArrayList<>(m.overrides());
                    o.add("total_steps=" + steps);
                    o.add("seed=" + seed);
                    RunConfig c;
                    try {
                        c = RunConfig.resolve(task, m.algo(), m.preset(), o);
                        int episodes = RunKnobs.finalEvalEpisodes(c.config());
                        if (episodes < MIN_FINAL_EVAL_EPISODES) {
                            if (m.overrides().stream()
                                    .anyMatch(x -> settingKey(x).equals(FINAL_EVAL_EPISODES))) {
                                throw new ConfigException(
                                        FINAL_EVAL_EPISODES + "=" + c.config().getInt(FINAL_EVAL_EPISODES) + " gives "
                                                + episodes + " final evaluation episodes, below the bench's minimum of "
                                                + MIN_FINAL_EVAL_EPISODES);
                            }
                            o.add(FINAL_EVAL_EPISODES + "=" + MIN_FINAL_EVAL_EPISODES);
                            c = RunConfig.resolve(task, m.algo(), m.preset(), o);
                        }
                    } catch (ConfigException e) {
                        throw new ConfigException(where + ": " + task + " x " + m.name() + ": " + e.getMessage());
                    }
                    runs.add(new Run(task, m, seed, runDir(task, m.name(), seed), c, null));
                }
                for (Method m : methods) {
                    if (m.branch() != null) {
                        Run trunk = runs.stream()
                                .filter(r -> r.seed() == seed
                                        && r.task().equals(task)
                                        && r.method().name().equals(m.branch().from()))
                                .findFirst()
                                .orElseThrow();
                        RunConfig c;
                        try {
                            c = Fork.forkedConfig(
                                    trunk.config(),
                                    m.algo(),
                                    m.branch().forkAssignments(),
                                    m.branch().atStep());
                        } catch (ConfigException e) {
                            throw new ConfigException(where + ": " + task + " x " + m.name() + ": " + e.getMessage());
                        }
                        runs.add(new Run(task, m, seed, runDir(task, m.name(), seed), c, trunk.dir()));
                    }
                }
            }
        }
        return runs;
    }

    /** The run directory of a task, method and seed: {@code out/<task with - for />/<method>/seed-<seed>}. */
    public Path runDir(String task, String method, long seed) {
        return out.resolve(slug(task)).resolve(method).resolve("seed-" + seed);
    }

    /** A task name as a file name: {@code classic/pendulum} becomes {@code classic-pendulum}. */
    public static String slug(String task) {
        return task.replace('/', '-');
    }

    private static List<Method> methods(String where, JsonNode node, String preset, List<String> global) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException(
                    where + ": \"algorithms\" must be a non-empty list of algorithm names or objects");
        }
        List<Method> methods = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String field = "algorithms[" + i + "]";
            Method method;
            if (m.isTextual()) {
                method = new Method(m.asText(), m.asText(), preset, global, null);
            } else if (m.isObject()) {
                checkKeys(where, field + ".", m, METHOD_KEYS);
                String algo = text(where, field + ".algo", required(where, m, "algo", field + "."));
                String p = m.has("preset") ? text(where, field + ".preset", m.get("preset")) : preset;
                List<String> own = m.has("set") ? strings(where, field + ".set", m.get("set"), true) : List.of();
                checkSets(where, field + ".set", own);
                List<String> o = new ArrayList<>(global);
                o.addAll(own);
                method = new Method(
                        m.has("name") ? text(where, field + ".name", m.get("name")) : algo,
                        algo,
                        p,
                        List.copyOf(o),
                        null);
            } else {
                throw new ConfigException(
                        where + ": \"" + field + "\" must be an algorithm name or an object with \"algo\"");
            }
            if (!NAME.matcher(method.name()).matches()) {
                throw new ConfigException(where + ": \"" + field
                        + "\" name must be letters, digits, '.', '_', '+' or '-', got '" + method.name() + "'");
            }
            if (!names.add(method.name())) {
                throw new ConfigException(where + ": \"" + field + "\" repeats the method name '" + method.name()
                        + "'; give each entry a distinct \"name\"");
            }
            try {
                Algorithms.knobs(method.algo());
            } catch (ConfigException e) {
                throw new ConfigException(where + ": \"" + field + "\": " + e.getMessage());
            }
            methods.add(method);
        }
        return List.copyOf(methods);
    }

    /**
     * Adds the branch methods after the others: each forks from a method trained from scratch, whose
     * overrides get {@code checkpoint_at_step} (one step per trunk).
     */
    private static List<Method> branches(String where, JsonNode node, List<Method> methods, long steps) {
        if (!node.isArray()) {
            throw new ConfigException(
                    where + ": \"branches\" must be a list of objects with \"name\", \"from\" and \"at_step\"");
        }
        List<Method> all = new ArrayList<>(methods);
        Set<String> names = new HashSet<>(methods.stream().map(Method::name).toList());
        for (int i = 0; i < node.size(); i++) {
            String field = "branches[" + i + "]";
            JsonNode b = node.get(i);
            if (!b.isObject()) {
                throw new ConfigException(
                        where + ": \"" + field + "\" must be an object with \"name\", \"from\" and \"at_step\"");
            }
            checkKeys(where, field + ".", b, BRANCH_KEYS);
            String name = text(where, field + ".name", required(where, b, "name", field + "."));
            String from = text(where, field + ".from", required(where, b, "from", field + "."));
            long at = positiveLong(where, field + ".at_step", required(where, b, "at_step", field + "."));
            List<String> own = b.has("set") ? strings(where, field + ".set", b.get("set"), true) : List.of();
            checkSets(where, field + ".set", own);
            Long branchSteps = b.has("steps") ? positiveLong(where, field + ".steps", b.get("steps")) : null;
            String branchAlgo = b.has("algo") ? text(where, field + ".algo", b.get("algo")) : null;
            if (!NAME.matcher(name).matches() || !names.add(name)) {
                throw new ConfigException(
                        where + ": \"" + field + ".name\" must be a new name of letters, digits, '.', '_', "
                                + "'+' or '-', got '" + name + "'");
            }
            int t = -1;
            for (int j = 0; j < all.size(); j++) {
                if (all.get(j).name().equals(from) && all.get(j).branch() == null) {
                    t = j;
                }
            }
            if (t < 0) {
                throw new ConfigException(where + ": \"" + field + ".from\" names '" + from
                        + "', which is not a method of the spec trained from scratch");
            }
            if (at >= steps) {
                throw new ConfigException(
                        where + ": \"" + field + ".at_step\" " + at + " is not below \"steps\" " + steps);
            }
            if (branchSteps != null && at >= branchSteps) {
                throw new ConfigException(where + ": \"" + field + ".at_step\" " + at + " is not below its \"" + field
                        + ".steps\" " + branchSteps);
            }
            Method trunk = all.get(t);
            String keep = KEEP_AT + "=" + at;
            String kept = trunk.overrides().stream()
                    .filter(x -> settingKey(x).equals(KEEP_AT))
                    .findFirst()
                    .orElse(null);
            if (kept != null && !kept.equals(keep)) {
                throw new ConfigException(where + ": \"" + field + "\" forks '" + from + "' at step " + at
                        + " but another branch or its set keeps " + kept + "; a trunk keeps one step");
            }
            if (kept == null) {
                List<String> o = new ArrayList<>(trunk.overrides());
                o.add(keep);
                trunk = new Method(trunk.name(), trunk.algo(), trunk.preset(), List.copyOf(o), null);
                all.set(t, trunk);
            }
            List<String> o = new ArrayList<>(trunk.overrides());
            o.addAll(own);
            all.add(new Method(
                    name,
                    branchAlgo == null ? trunk.algo() : branchAlgo,
                    trunk.preset(),
                    List.copyOf(o),
                    new Branch(from, at, own, branchSteps)));
        }
        return List.copyOf(all);
    }

    /** The comparisons of a spec without "pairs": every method after the first against the first. */
    private static List<Pair> defaultPairs(List<Method> methods) {
        return methods.stream()
                .skip(1)
                .map(m -> new Pair(m.name(), methods.getFirst().name()))
                .toList();
    }

    private static List<Pair> pairs(String where, JsonNode node, List<Method> methods) {
        if (!node.isArray()) {
            throw new ConfigException(where + ": \"pairs\" must be a list of [method, method] pairs");
        }
        Set<String> names = new HashSet<>(methods.stream().map(Method::name).toList());
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "pairs[" + i + "]";
            JsonNode p = node.get(i);
            if (!p.isArray() || p.size() != 2) {
                throw new ConfigException(where + ": \"" + field + "\" must be a list of two method names, got " + p);
            }
            Pair pair = new Pair(text(where, field, p.get(0)), text(where, field, p.get(1)));
            for (String m : List.of(pair.a(), pair.b())) {
                if (!names.contains(m)) {
                    throw new ConfigException(
                            where + ": \"" + field + "\" names '" + m + "', which is not a method of the spec");
                }
            }
            if (pair.a().equals(pair.b())) {
                throw new ConfigException(where + ": \"" + field + "\" pairs '" + pair.a() + "' with itself");
            }
            if (pairs.contains(pair)) {
                throw new ConfigException(where + ": \"" + field + "\" repeats the pair " + p);
            }
            pairs.add(pair);
        }
        return List.copyOf(pairs);
    }

    private static String settingKey(String setting) {
        return setting.contains("=")
                ? setting.substring(0, setting.indexOf('=')).trim()
                : setting;
    }

    private static void checkSets(String where, String field, List<String> sets) {
        for (String s : sets) {
            String key = settingKey(s);
            if (key.equals("total_steps") || key.equals("seed")) {
                throw new ConfigException(where + ": \"" + field + "\" may not set " + key + "; use \""
                        + (key.equals("seed") ? "seeds" : "steps") + "\"");
            }
        }
    }

    private static List<Long> seeds(String where, JsonNode node) {
        List<Long> seeds = new ArrayList<>();
        if (node.isIntegralNumber()) {
            long n = node.asLong();
            if (n < 1 || n > 1000) {
                throw new ConfigException(
                        where + ": \"seeds\" must be a count in [1, 1000] or a list of seeds, got " + node);
            }
            for (long s = 1; s <= n; s++) {
                seeds.add(s);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode s : node) {
                if (!s.isIntegralNumber() || s.asLong() < 0) {
                    throw new ConfigException(where + ": \"seeds\" entries must be non-negative integers, got " + s);
                }
                if (seeds.contains(s.asLong())) {
                    throw new ConfigException(where + ": \"seeds\" lists seed " + s + " twice");
                }
                seeds.add(s.asLong());
            }
        } else {
            throw new ConfigException(
                    where + ": \"seeds\" must be a count in [1, 1000] or a non-empty list of seeds, got " + node);
        }
        return List.copyOf(seeds);
    }

    private static void checkKeys(String where, String prefix, JsonNode obj, Set<String> allowed) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ConfigException(where + ": unknown key \"" + prefix + k + "\"; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static JsonNode required(String where, JsonNode obj, String key) {
        return required(where, obj, key, "");
    }

    private static JsonNode required(String where, JsonNode obj, String key, String prefix) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            throw new ConfigException(where + ": missing field \"" + prefix + key + "\"");
        }
        return n;
    }

    private static String text(String where, String field, JsonNode n) {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new ConfigException(where + ": \"" + field + "\" must be a non-empty string, got " + n);
        }
        return n.asText();
    }

    private static long positiveLong(String where, String field, JsonNode n) {
        if (!n.isIntegralNumber() || n.asLong() < 1) {
            throw new ConfigException(where + ": \"" + field + "\" must be a positive integer, got " + n);
        }
        return n.asLong();
    }

    private static List<String> strings(String where, String field, JsonNode n, boolean emptyOk) {
        if (!n.isArray() || (!emptyOk && n.isEmpty())) {
            throw new ConfigException(
                    where + ": \"" + field + "\" must be a " + (emptyOk ? "" : "non-empty ") + "list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            out.add(text(where, field, e));
        }
        return List.copyOf(out);
    }
}
