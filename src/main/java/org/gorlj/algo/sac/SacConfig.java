package org.gorlj.algo.sac;

import static org.gorlj.config.Knob.bool;
import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.longValue;
import static org.gorlj.config.Knob.real;
import static org.gorlj.config.RecordKnobs.field;

import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.config.RecordKnobs;
import org.gorlj.nn.Activation;

/**
 * Every setting of SAC. The defaults are Stable-Baselines3's SAC (lr 3e-4, buffer 1M, batch 256,
 * tau 0.005, gamma 0.99, 100 learning starts, one gradient step per environment step, automatic
 * entropy coefficient starting at 1 with target entropy -dim, 256x256 ReLU networks).
 * Each component is declared once more, in {@code FIELDS}, with the knob that fills it: its name,
 * default, range and help text (the component's documentation).
 */
public record SacConfig(
        int numEnvs,
        int bufferSize,
        int batchSize,
        long learningStarts,
        double utdRatio,
        double learningRate,
        double gamma,
        double tau,
        boolean autoEntropy,
        double initEntCoef,
        double targetEntropyPerDim,
        double minStd,
        int[] actorHidden,
        int[] criticHidden,
        Activation activation,
        int iterationSteps) {

    /** The knobs, with Stable-Baselines3's defaults, and the components they fill. */
    private static final List<RecordKnobs.Field> FIELDS = List.of(
            field("numEnvs", integer("num_envs", 1, 1, 1 << 12, "parallel environment copies used for collection")),
            field("bufferSize", integer("buffer_size", 1_000_000, 1, 100_000_000, "replay capacity in transitions")),
            field("batchSize", integer("batch_size", 256, 1, 1 << 20, "transitions per gradient step")),
            field(
                    "learningStarts",
                    longValue(
                            "learning_starts",
                            100L,
                            0,
                            Long.MAX_VALUE / 4,
                            "environment steps with uniform random actions before learning")),
            field(
                    "utdRatio",
                    real("utd_ratio", 1.0, 1e-3, 1000, "gradient steps per environment step (update-to-data ratio)")),
            field(
                    "learningRate",
                    real("learning_rate", 3e-4, 0, 1, "Adam step size of actor, critics and temperature")),
            field("gamma", real("gamma", 0.99, 0, 1, "discount factor")),
            field("tau", real("tau", 0.005, 0, 1, "Polyak coefficient of the target critics")),
            field(
                    "autoEntropy",
                    bool("ent_coef_auto", true, "learn the entropy coefficient toward the target entropy")),
            field(
                    "initEntCoef",
                    real(
                            "init_ent_coef",
                            1.0,
                            1e-8,
                            1e6,
                            "initial (or, without ent_coef_auto, fixed) entropy coefficient")),
            field(
                    "targetEntropyPerDim",
                    real("target_entropy_per_dim", -1.0, -100, 100, "target entropy per action dimension (SB3: -1)")),
            field("minStd", real("min_std", 1e-3, 0, 10, "floor added to softplus in the actor's standard deviation")),
            field("actorHidden", intList("actor_hidden", List.of(256, 256), "actor hidden widths")),
            field("criticHidden", intList("critic_hidden", List.of(256, 256), "critic hidden widths")),
            field("activation", choice("activation", "relu", List.of("relu", "tanh", "silu"), "hidden activation")),
            field(
                    "iterationSteps",
                    integer(
                            "iteration_steps",
                            1000,
                            1,
                            1 << 24,
                            "environment steps per metrics row and checkpoint unit")));

    private static final RecordKnobs<SacConfig> BINDING = new RecordKnobs<>(SacConfig.class, FIELDS);

    /** The knobs, with Stable-Baselines3's defaults. */
    public static final List<Knob> KNOBS = BINDING.knobs();

    /** Reads the SAC settings from a config that contains {@link #KNOBS}. */
    public static SacConfig from(Config c) {
        return BINDING.read(c);
    }
}
