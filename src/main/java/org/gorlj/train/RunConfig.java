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
import org.gorlj.config.Presets;
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
        Config c = Config.defaults(Algorithms.knobs(algo)).with(Presets.get(algo, preset, task));
        for (String a : overrides) {
            c = c.withAssignment(a);
        }
        Algorithms.validate(algo, c);
        return new RunConfig(task, algo, preset, List.copyOf(overrides), c);
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

    /**
     * Refuses a checkpoint written for another task or algorithm than this config's (a
     * {@code config.json} edited after the run started): its parameters would not fit.
     */
    public void requireMatches(CheckpointData ck, Path file) {
        Object ckTask = ck.meta().getOrDefault("task", task), ckAlgo = ck.meta().getOrDefault("algo", algo);
        if (!task.equals(ckTask) || !algo.equals(ckAlgo)) {
            throw new ConfigException("checkpoint " + file + " is of " + ckTask + " / " + ckAlgo + " but config.json says "
                    + task + " / " + algo + "; the run's config was changed after it started");
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
            throw new ConfigException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(m.get("task") instanceof String task) || !(m.get("algo") instanceof String algo)
                || !(m.get("preset") instanceof String preset) || !(m.get("overrides") instanceof List<?> ov)
                || !(m.get("settings") instanceof Map<?, ?> settings)) {
            throw new ConfigException(file + " lacks task, algo, preset, overrides or settings");
        }
        TaskRegistry.get(task);
        @SuppressWarnings("unchecked")
        Map<String, ?> s = (Map<String, ?>) settings;
        Config c = Config.fromMap(Algorithms.knobs(algo), s);
        Algorithms.validate(algo, c);
        return new RunConfig(task, algo, preset, ov.stream().map(String::valueOf).toList(), c);
    }
}
