package org.gorlj.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presets of SAC. {@code sb3} is Stable-Baselines3's SAC (its values are the knob defaults;
 * 1M steps); {@code paper} is the GoRL paper's SAC setting (gorl.md section 4: update-to-data
 * ratio 20, batch 256, lr 3e-4, gamma 0.99, tau 0.005); {@code auto} picks per task.
 */
final class SacPresets {
    private SacPresets() {}

    /** Preset names. */
    static final List<String> NAMES = List.of("auto", "sb3", "paper");

    /** The settings of a preset on a task. */
    static Map<String, Object> get(String preset, String task) {
        return switch (preset) {
            case "auto" -> auto(task);
            case "sb3" -> sb3();
            case "paper" -> paper();
            default -> throw new ConfigException("unknown preset '" + preset + "' for SAC; known presets: "
                    + String.join(", ", NAMES));
        };
    }

    static Map<String, Object> sb3() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_steps", 1_000_000L);
        m.put("eval_every", 10_000L);
        m.put("checkpoint_every", 10);
        return m;
    }

    static Map<String, Object> paper() {
        Map<String, Object> m = sb3();
        m.put("utd_ratio", 20.0);
        m.put("batch_size", 256);
        m.put("learning_rate", 3e-4);
        m.put("gamma", 0.99);
        m.put("tau", 0.005);
        return m;
    }

    /**
     * Per-task choices: on classic/pendulum, RL Zoo's tuned SAC (lr 1e-3) for 30k steps with 64x64
     * networks (a third of the 256x256 cost on two cores; the task needs no more); elsewhere
     * Stable-Baselines3's defaults.
     */
    static Map<String, Object> auto(String task) {
        Map<String, Object> m = sb3();
        if (task.equals("classic/pendulum")) {
            m.put("total_steps", 30_000L);
            m.put("learning_rate", 1e-3);
            m.put("actor_hidden", List.of(64, 64));
            m.put("critic_hidden", List.of(64, 64));
            m.put("eval_every", 5_000L);
            m.put("checkpoint_every", 5);
        }
        return m;
    }
}
