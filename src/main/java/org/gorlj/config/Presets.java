package org.gorlj.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named sets of settings per algorithm. {@code auto} (the default) is the per-task choice that
 * trains well on that task; {@code cleanrl} is CleanRL's continuous PPO; {@code paper} is the
 * GoRL paper's GPU-scale setting (docs/method.md §3.5); {@code cpu} scales it to a 2-core machine.
 * SAC has its own presets ({@link SacPresets}: auto, sb3, paper; GoRL-SAC: auto, paper).
 * See {@code docs/presets.md} for the reasoning behind each value.
 */
public final class Presets {
    private Presets() {}

    /** Preset names for an algorithm. */
    public static List<String> names(String algo) {
        if (algo.equals("gorl-sac")) {
            return SacPresets.GORL_NAMES;
        }
        if (isSac(algo)) {
            return SacPresets.NAMES;
        }
        return isGorl(algo) || isFlowPolicy(algo)
                ? List.of("auto", "paper", "cpu")
                : List.of("auto", "cleanrl", "paper", "cpu");
    }

    private static boolean isGorl(String algo) {
        return algo.startsWith("gorl-");
    }

    private static boolean isFlowPolicy(String algo) {
        return algo.equals("fpo") || algo.equals("dppo");
    }

    /** The settings of a preset for an algorithm on a task. */
    public static Map<String, Object> get(String algo, String preset, String task) {
        if (algo.equals("gorl-sac")) {
            return SacPresets.gorl(preset, task);
        }
        if (isSac(algo)) {
            return SacPresets.get(preset, task);
        }
        if (isFlowPolicy(algo)) {
            boolean classic = task.equals("classic/two-modes")
                    || task.equals("classic/cliff-edge")
                    || task.equals("classic/pendulum");
            Map<String, Object> base = switch (preset) {
                case "auto" -> classic ? auto("ppo", task) : cpu(task);
                case "paper" -> paper(task);
                case "cpu" -> cpu(task);
                default ->
                    throw new ConfigException("unknown preset '" + preset + "' for " + algo + "; known presets: "
                            + String.join(", ", names(algo)));
            };
            return flowPolicy(algo, preset, preset.equals("cpu") || (preset.equals("auto") && !classic), base);
        }
        if (isGorl(algo)) {
            return switch (preset) {
                case "auto" -> gorlAuto(task);
                case "paper" -> gorlPaper(task);
                case "cpu" -> gorlCpu(task);
                default ->
                    throw new ConfigException("unknown preset '" + preset + "' for " + algo + "; known presets: "
                            + String.join(", ", names(algo)));
            };
        }
        return switch (preset) {
            case "auto" -> auto(algo, task);
            case "cleanrl" -> cleanrl();
            case "paper" -> paper(task);
            case "cpu" -> cpu(task);
            default ->
                throw new ConfigException(
                        "unknown preset '" + preset + "'; known presets: " + String.join(", ", names(algo)));
        };
    }

    private static boolean isSac(String algo) {
        return algo.equals("sac");
    }

    /** CleanRL's ppo_continuous_action.py: its defaults are the knob defaults; 1M steps. */
    static Map<String, Object> cleanrl() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_steps", 1_000_000L);
        return m;
    }

    /** The paper's PPO (Brax "dm_control" preset) at GPU scale. */
    static Map<String, Object> paper(String task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_steps", 180_000_000L);
        m.put("num_envs", 2048);
        m.put("num_steps", 480); // 16 unrolls of 30 per env: 983,040 steps per iteration
        m.put("update_epochs", 16);
        m.put("num_minibatches", 32);
        m.put("learning_rate", 1e-3);
        m.put("anneal_lr", false);
        m.put("adam_eps", 1e-8);
        m.put("gamma", task.equals("dmc/finger-spin") || task.equals("dmc/ball-in-cup-catch") ? 0.95 : 0.995);
        m.put("gae_lambda", 0.95);
        m.put("clip_coef", 0.2);
        m.put("clip_vloss", false);
        m.put("ent_coef", 0.01);
        m.put("vf_coef", 0.5); // value loss = 0.5 * 0.5 * mean(err^2): the paper's 0.25 on the squared error
        m.put("max_grad_norm", 0.5);
        m.put("norm_adv", true);
        m.put("mask_truncated_value_loss", true);
        m.put("action_mode", "tanh");
        m.put("entropy_mode", "squashed");
        m.put("state_dependent_std", true);
        m.put("min_std", 1e-3);
        m.put("actor_hidden", List.of(32, 32, 32, 32));
        m.put("critic_hidden", List.of(256, 256, 256, 256, 256));
        m.put("activation", "silu");
        m.put("init", "lecun_uniform");
        m.put("norm_obs", true);
        m.put("reward_mode", "scale");
        m.put("reward_scale", 10.0);
        m.put("eval_every", 6_000_000L);
        m.put("eval_episodes", 128);
        return m;
    }

    /** The paper's setting scaled to 2 CPU cores: fewer copies and smaller batches, same shapes. */
    static Map<String, Object> cpu(String task) {
        Map<String, Object> m = paper(task);
        m.put("total_steps", 5_000_000L);
        m.put("num_envs", 32);
        m.put("num_steps", 128);
        m.put("update_epochs", 4);
        m.put("num_minibatches", 8);
        m.put("learning_rate", 3e-4);
        m.put("critic_hidden", List.of(256, 256));
        m.put("eval_every", 250_000L);
        m.put("eval_episodes", 10);
        m.put("env_threads", 2);
        return m;
    }

    /**
     * GoRL as the paper states it (docs/method.md §3.4): the paper's PPO on the latent (entropy bonus on the
     * latent Gaussian), 4 stages of 60M / 60M / 30M / 30M RL steps, 512,000-step data sets per
     * refinement (counted on top: 180M + 3 x 512,000 steps in all), decoder 4 x 64 and the other
     * decoder settings at their knob defaults (Adam 3e-4, batch 8192, 50 epochs, patience 20, 10 %
     * validation, K = 10, 8 noise samples).
     */
    static Map<String, Object> gorlPaper(String task) {
        Map<String, Object> m = paper(task);
        m.putAll(gorlCommon());
        m.put("stage_steps", List.of(60_000_000L, 60_000_000L, 30_000_000L));
        m.put("decoder_data_steps", 512_000L);
        m.put("total_steps", 180_000_000L + 3 * 512_000L);
        return m;
    }

    /**
     * GoRL scaled to 2 cores: the PPO {@code cpu} preset, the paper's stage proportions
     * (1/3, 1/3, 1/6, 1/6) of about 5M RL steps, rounded to whole iterations of 4,096 steps
     * (400, 400, 200 iterations, then the rest), data sets of 32,768 steps (1,024 per copy: about
     * 0.7 % of the run where the paper's are 0.3 %, so the decoder still sees ~29,000 training
     * pairs), decoder minibatches of 1,024 pairs (8,192 examples with 8 noise samples, a
     * 20-30 ms Adam step on this machine instead of 0.2 s for 8,192 pairs), each recorded action
     * paired with the latent noise that produced it ({@code decoder_coupling=latent}), each visited
     * state also recording the latent mean's action with zero noise ({@code decoder_record_mean=true})
     * and each new decoder started from the current one ({@code decoder_warm_start=true}): the fit
     * that kept 0.94-0.99 of the policy at cheetah-run's second boundary on three paired seeds
     * (bench/retention-cheetah-run.md); the critic is kept across a boundary ({@code keep_critic=true}):
     * a re-created one lost half of the kept policy's return within the next 205,000 steps on paired forks.
     * Decoders regress standardised actions ({@code decoder_action_scale=standard}) for 15 epochs: over five
     * paired whole runs on cheetah-run no different from 50 epochs on raw actions (+17.2 [-26.2, +60.5]) at
     * 15/50 of the fit's arithmetic (bench/claim.md, {@code G-fast}).
     */
    static Map<String, Object> gorlCpu(String task) {
        Map<String, Object> m = cpu(task);
        m.putAll(gorlCommon());
        m.put("stage_steps", List.of(1_638_400L, 1_638_400L, 819_200L));
        m.put("decoder_data_steps", 32_768L);
        m.put("decoder_batch", 1024);
        m.put("decoder_coupling", "latent");
        m.put("decoder_warm_start", true);
        m.put("decoder_record_mean", true);
        m.put("keep_critic", true);
        m.put("decoder_action_scale", "standard");
        m.put("decoder_epochs", 15);
        m.put("total_steps", 4_915_200L + 3 * 32_768L);
        return m;
    }

    /**
     * FPO and DPPO (docs/method.md §4) on top of a PPO preset of the same name ({@code auto} takes
     * PPO's {@code auto} on the classic tasks, {@code cpu} elsewhere): tanh actions like every method
     * of the paper, no entropy term, the flow network at its paper defaults (4 x 32, output scale
     * 0.25, 10 Euler steps, knob defaults), and the method's ratio clip (FPO 0.05, DPPO 0.2); the
     * {@code paper} and {@code cpu} presets also take the method's step size 3e-4 (PPO's {@code cpu}
     * already has it; {@code auto} keeps the per-task step size of PPO's {@code auto}). On a
     * {@code cpuScale} base FPO takes the per-sample ratio, elsewhere the paper's mean ratio.
     */
    static Map<String, Object> flowPolicy(String algo, String preset, boolean cpuScale, Map<String, Object> base) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        if (algo.equals("fpo") && cpuScale) {
            // the paper's mean ratio diverged in 6 of 6 DMC runs at this scale (bench/dmc-fpo-dppo-cpu.md)
            m.put("fpo_ratio", "per_sample");
        }
        m.put("action_mode", "tanh");
        m.put("ent_coef", 0.0);
        m.put("clip_coef", algo.equals("fpo") ? 0.05 : 0.2);
        if (!preset.equals("auto")) {
            m.put("learning_rate", 3e-4);
        }
        return m;
    }

    /** What every GoRL preset needs: tanh actions and the entropy bonus on the latent Gaussian. */
    private static Map<String, Object> gorlCommon() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action_mode", "tanh");
        m.put("entropy_mode", "gaussian");
        m.put("state_dependent_std", true);
        return m;
    }

    /**
     * Per-task GoRL defaults: PPO's {@code auto} settings of the task with four short stages and
     * small decoder data sets on the classic tasks (the two one-step bandits share theirs), the
     * {@code cpu} preset elsewhere.
     */
    static Map<String, Object> gorlAuto(String task) {
        Map<String, Object> m;
        switch (task) {
            case "classic/two-modes", "classic/cliff-edge" -> {
                m = auto("ppo", task);
                // fewer, larger minibatches and a constant step size: with 32 minibatches of 32 the
                // latent std collapses within a stage and the update can overflow
                m.put("num_minibatches", 4);
                m.put("update_epochs", 4);
                m.put("anneal_lr", false);
                m.put("stage_steps", List.of(25_600L, 25_600L, 25_600L));
                m.put("decoder_data_steps", 16_384L);
                m.put("decoder_lr", 1e-3);
                m.put("decoder_epochs", 30);
                m.put("total_steps", 102_400L + 3 * 16_384L);
            }
            case "classic/pendulum" -> {
                m = auto("ppo", task);
                m.put("stage_steps", List.of(102_400L, 102_400L));
                m.put("decoder_data_steps", 16_384L);
                m.put("total_steps", 307_200L + 2 * 16_384L);
            }
            default -> {
                return gorlCpu(task);
            }
        }
        m.putAll(gorlCommon());
        m.put("decoder_batch", 1024);
        m.put("ent_coef", 0.01);
        return m;
    }

    /** Per-task defaults for {@code --preset auto}. */
    static Map<String, Object> auto(String algo, String task) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (task) {
            case "classic/pendulum" -> {
                m.put("total_steps", 300_000L);
                m.put("num_envs", 8);
                m.put("num_steps", 256);
                m.put("update_epochs", 10);
                m.put("num_minibatches", 32);
                m.put("learning_rate", 1e-3);
                m.put("gamma", 0.95);
                m.put("gae_lambda", 0.95);
                m.put("action_mode", "tanh");
                m.put("eval_every", 50_000L);
            }
            case "classic/mountain-car-continuous" -> {
                m.put("total_steps", 300_000L);
                m.put("num_envs", 8);
                m.put("num_steps", 256);
                m.put("ent_coef", 0.01);
                m.put("eval_every", 50_000L);
            }
            case "classic/two-modes", "classic/cliff-edge" -> {
                m.put("total_steps", 100_000L);
                m.put("num_envs", 16);
                m.put("num_steps", 64);
                m.put("num_minibatches", 8);
                m.put("gamma", 0.0);
                m.put("action_mode", "tanh");
                m.put("eval_every", 20_000L);
            }
            default -> m.putAll(cleanrl());
        }
        return m;
    }
}
