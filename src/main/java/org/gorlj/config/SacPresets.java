package org.gorlj.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presets of SAC. {@code sb3} is Stable-Baselines3's SAC (its values are the knob defaults;
 * 1M steps); {@code paper} is the GoRL paper's SAC setting (docs/method.md §4: update-to-data
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
            default ->
                throw new ConfigException(
                        "unknown preset '" + preset + "' for SAC; known presets: " + String.join(", ", NAMES));
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

    /** Preset names of GoRL-SAC. */
    static final List<String> GORL_NAMES = List.of("auto", "paper");

    /** The settings of a GoRL-SAC preset on a task (docs/sac.md, "GoRL-SAC"). */
    static Map<String, Object> gorl(String preset, String task) {
        return switch (preset) {
            case "auto" -> gorlAuto(task);
            case "paper" -> gorlPaper(task);
            default ->
                throw new ConfigException("unknown preset '" + preset + "' for gorl-sac; known presets: "
                        + String.join(", ", GORL_NAMES));
        };
    }

    /**
     * docs/method.md §4: SAC's {@code paper} values (utd 20, batch 256, lr 3e-4, gamma 0.99, tau 0.005)
     * with stages of 2M RL steps on gym/hopper and 1M elsewhere (the appendix: Hopper / Walker2d /
     * HalfCheetah, 2M / 1M / 1M). The appendix does not give the number of stages: four, as in the
     * paper's PPO schedule. Data sets of 512,000 steps and the decoder at the knob defaults, as
     * GoRL-PPO's {@code paper}.
     */
    static Map<String, Object> gorlPaper(String task) {
        Map<String, Object> m = paper();
        long stage = task.equals("gym/hopper") ? 2_000_000L : 1_000_000L;
        stages(m, stage, 512_000L);
        return m;
    }

    /**
     * Per-task GoRL-SAC: on the classic tasks SAC's fast {@code auto} settings with three short
     * stages; elsewhere the {@code paper} schedule at a tenth of its length (stages of 200k RL steps on
     * gym/hopper, 100k elsewhere; data sets of 20,000 steps) with Stable-Baselines3's update-to-data
     * ratio 1 instead of 20 (a 20x cheaper step on two cores).
     */
    static Map<String, Object> gorlAuto(String task) {
        Map<String, Object> m = auto(task);
        switch (task) {
            case "classic/pendulum" -> {
                // SAC auto solves pendulum in ~10-15k steps: three stages of 10k, data sets of 40 episodes
                m.put("stage_steps", List.of(10_000L, 10_000L));
                m.put("decoder_data_steps", 8_000L);
                m.put("total_steps", 30_000L + 2 * 8_000L);
            }
            case "classic/two-modes" -> {
                // one-step bandit: small networks, fast step size, four stages of 4,000 steps
                m.put("learning_rate", 1e-3);
                m.put("actor_hidden", List.of(64, 64));
                m.put("critic_hidden", List.of(64, 64));
                m.put("eval_every", 2_000L);
                m.put("checkpoint_every", 4);
                m.put("decoder_lr", 1e-3);
                m.put("decoder_epochs", 30);
                stages(m, 4_000L, 4_096L);
            }
            default -> stages(m, task.equals("gym/hopper") ? 200_000L : 100_000L, 20_000L);
        }
        m.put("decoder_batch", 1024);
        return m;
    }

    /** Four stages of {@code stage} RL steps with data sets of {@code data} steps at the three boundaries. */
    private static void stages(Map<String, Object> m, long stage, long data) {
        m.put("stage_steps", List.of(stage, stage, stage));
        m.put("decoder_data_steps", data);
        m.put("total_steps", 4 * stage + 3 * data);
    }
}
