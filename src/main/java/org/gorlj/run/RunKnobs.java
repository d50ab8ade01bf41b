package org.gorlj.run;

import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;

/** Settings of a run that every algorithm shares: budget, seed, evaluation, threads, checkpoints. */
public final class RunKnobs {
    private RunKnobs() {}

    /** The knobs. */
    public static final List<Knob> KNOBS = List.of(
            Knob.longValue(
                    "total_steps", 1_000_000L, 1, Long.MAX_VALUE / 4, "environment steps to train for (all copies)"),
            Knob.longValue("seed", 1L, 0, Long.MAX_VALUE, "random seed of the run"),
            Knob.longValue(
                    "eval_every",
                    0L,
                    0,
                    Long.MAX_VALUE / 4,
                    "evaluate the deterministic policy every this many env steps (0: only at the end)"),
            Knob.integer("eval_episodes", 10, 1, 100_000, "episodes per evaluation"),
            Knob.integer(
                    "final_eval_episodes", 0, 0, 100_000, "episodes of the run's last evaluation (0: eval_episodes)"),
            Knob.integer("env_threads", 1, 1, 256, "threads stepping the environment copies"),
            Knob.integer("torch_threads", 1, 1, 256, "intra-op threads of the tensor engine"),
            Knob.integer("checkpoint_every", 1, 1, 1_000_000, "write the latest checkpoint every this many iterations"),
            Knob.longValue(
                    "checkpoint_at_step",
                    0L,
                    0,
                    Long.MAX_VALUE / 4,
                    "also keep the checkpoint of the first iteration that reaches this step as checkpoints/step-<its step>.ckpt,"
                            + " a point to fork from (0: none)"),
            Knob.bool(
                    "tensorboard",
                    true,
                    "also write the metrics rows and the settings as TensorBoard event files under tb/"));

    /** The episodes of a run's last evaluation: {@code final_eval_episodes}, or {@code eval_episodes} when that is 0. */
    public static int finalEvalEpisodes(Config c) {
        int n = c.getInt("final_eval_episodes");
        return n > 0 ? n : c.getInt("eval_episodes");
    }
}
