package org.gorlj.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.env.TaskRegistry;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.AtomicFiles;

/**
 * What a run is: task, algorithm, preset, the user's overrides, and the complete resolved
 * settings. Stored as the run directory's {@code config.json}, from which the run can be redone
 * or resumed.
 *
 * @param task task name
 * @param algo algorithm name
 * @param preset preset name
 * @param overrides the {@code --set key=value} assignments, in order
 * @param config every setting
 */
public record RunConfig(String task, String algo, String preset, List<String> overrides, Config config) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Resolves defaults, then the preset, then the overrides, validating each; a bad input gives a ConfigException. */
    public static RunConfig resolve(String task, String algo, String preset, List<String> overrides) {
        TaskRegistry.get(task);
        Config c = Config.defaults(Algorithms.knobs(algo)).with(Algorithms.preset(algo, preset, task));
        for (String a : overrides) {
            c = c.withAssignment(a);
        }
        Algorithms.validate(algo, c);
        return new RunConfig(task, algo, preset, List.copyOf(overrides), c);
    }

    /**
     * Refuses a budget below one iteration of the on-policy algorithms (PPO, GoRL-PPO, FPO, DPPO), which
     * train whole iterations of num_envs * num_steps steps: such a run would train more than it was given.
     * Checked where training starts (a new run, a bench), not on reading a config.
     */
    public void requireOneIteration() {
        Config c = config;
        if (c.asMap().containsKey("num_steps") && c.asMap().containsKey("num_envs")) {
            long iteration = (long) c.getInt("num_envs") * c.getInt("num_steps");
            if (c.getLong("total_steps") < iteration) {
                throw new ConfigException("total_steps=" + c.getLong("total_steps")
                        + " is below one iteration: at least " + iteration + " (num_envs * num_steps) steps");
            }
        }
    }

    /**
     * Start-up warnings about settings that are valid but probably not what was meant: GoRL stages
     * that end after the run does (the run never reaches that stage boundary).
     */
    public List<String> warnings() {
        if (!config.asMap().containsKey("stage_steps")) {
            return List.of();
        }
        long[] stages = config.getLongList("stage_steps");
        long total = config.getLong("total_steps");
        long data = config.getLong("decoder_data_steps");
        long end = 0;
        int reached = 0;
        for (long length : stages) { // boundary i comes after i data sets and the RL steps of stages 0..i
            end = Math.addExact(end, length);
            if (end + reached * data < total) {
                reached++;
            }
        }
        if (reached == stages.length) {
            return List.of();
        }
        return List.of("warning: stage_steps " + config.asMap().get("stage_steps") + " with total_steps=" + total
                + ": the run ends before "
                + (reached == 0
                        ? "its first stage boundary (no decoder is ever fitted)"
                        : "stage boundary " + (reached + 1) + " of " + stages.length + " (" + reached
                                + " will happen)"));
    }

    /** Writes {@code config.json}. */
    public void write(Path file) throws IOException {
        write(file, Map.of());
    }

    /** Writes {@code config.json} with extra top-level entries after the settings (a fork's {@code parent}). */
    public void write(Path file, Map<String, Object> extra) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("algo", algo);
        m.put("preset", preset);
        m.put("overrides", overrides);
        m.put("settings", config.asMap());
        m.putAll(extra);
        AtomicFiles.write(file, tmp -> JSON.writeValue(tmp.toFile(), m));
    }

    /** Checkpoint meta key of the settings the checkpoint was written with. */
    static final String SETTINGS_KEY = "settings";

    /** Stores task, algorithm and every setting in a checkpoint's meta, for {@link #requireMatches}. */
    public void writeTo(CheckpointData ck) {
        ck.meta().put("task", task);
        ck.meta().put("algo", algo);
        ck.meta().put(SETTINGS_KEY, config.asMap());
    }

    /**
     * Refuses a checkpoint written for another task, algorithm or settings than this config's (a
     * {@code config.json} edited after the run started): its parameters might not fit, and if they
     * did the run would not be the one its config describes. No setting may change: seed, sizes and
     * schedules all shape the state, and even thread counts change the last bits. Checkpoints
     * written before the settings were recorded are checked on task and algorithm only.
     */
    public void requireMatches(CheckpointData ck, Path file) {
        Object ckTask = ck.meta().getOrDefault("task", task), ckAlgo = ck.meta().getOrDefault("algo", algo);
        String changed = "; the run's config.json was changed after it started (a run continues with the settings it "
                + "started with)";
        if (!task.equals(ckTask) || !algo.equals(ckAlgo)) {
            throw new ConfigException("checkpoint " + file + " is of " + ckTask + " / " + ckAlgo
                    + " but config.json says " + task + " / " + algo + changed);
        }
        if (!(ck.meta().get(SETTINGS_KEY) instanceof Map<?, ?> stored)) {
            return;
        }
        Config saved;
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> m = (Map<String, ?>) stored;
            saved = Config.fromMap(Algorithms.knobs(algo), m);
        } catch (ConfigException e) {
            throw new org.gorlj.run.CheckpointData.CorruptCheckpointException(
                    "checkpoint " + file + " has unreadable settings: " + e.getMessage());
        }
        for (Map.Entry<String, Object> e : config.asMap().entrySet()) {
            Object was = saved.asMap().get(e.getKey());
            if (!e.getValue().equals(was)) {
                throw new ConfigException("checkpoint " + file + " was written with " + e.getKey() + "=" + was
                        + " but config.json says " + e.getKey() + "=" + e.getValue() + changed);
            }
        }
    }

    /** Reads and validates {@code config.json}. */
    public static RunConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("no config.json in " + file.getParent() + " (is it a run directory?)");
        }
        Map<?, ?> m;
        try {
            m = JSON.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new ConfigException(file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(m.get("task") instanceof String task)
                || !(m.get("algo") instanceof String algo)
                || !(m.get("preset") instanceof String preset)
                || !(m.get("overrides") instanceof List<?> ov)
                || !(m.get("settings") instanceof Map<?, ?> settings)) {
            throw new ConfigException(file + " lacks task, algo, preset, overrides or settings");
        }
        TaskRegistry.get(task);
        @SuppressWarnings("unchecked")
        Map<String, ?> s = (Map<String, ?>) settings;
        Config c = Config.fromMap(Algorithms.knobs(algo), s);
        Algorithms.validate(algo, c);
        return new RunConfig(
                task, algo, preset, ov.stream().map(String::valueOf).toList(), c);
    }
}
