package org.gorlj.algo.sac;

import static org.gorlj.config.Knob.bool;
import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.longValue;
import static org.gorlj.config.Knob.real;

import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.nn.Activation;

/**
 * Every setting of SAC. The defaults are Stable-Baselines3's SAC (lr 3e-4, buffer 1M, batch 256,
 * tau 0.005, gamma 0.99, 100 learning starts, one gradient step per environment step, automatic
 * entropy coefficient starting at 1 with target entropy -dim, 256x256 ReLU networks).
 *
 * @param numEnvs parallel environment copies used for collection
 * @param bufferSize replay capacity in transitions (the oldest are overwritten)
 * @param batchSize transitions per gradient step
 * @param learningStarts environment steps taken with uniform random x before learning begins
 * @param utdRatio gradient steps per environment step (update-to-data ratio)
 * @param learningRate Adam step size of actor, critics and temperature
 * @param gamma discount
 * @param tau Polyak coefficient of the target critics
 * @param autoEntropy learn the entropy coefficient (otherwise it stays at {@code initEntCoef})
 * @param initEntCoef initial (or fixed) entropy coefficient alpha
 * @param targetEntropyPerDim target entropy per dimension of x (SB3: -1)
 * @param minStd floor added to softplus in the actor's state-dependent std
 * @param actorHidden actor hidden widths
 * @param criticHidden critic hidden widths
 * @param activation hidden activation
 * @param iterationSteps environment steps per metrics row (and per checkpoint unit)
 */
public record SacConfig(int numEnvs, int bufferSize, int batchSize, long learningStarts, double utdRatio,
                        double learningRate, double gamma, double tau, boolean autoEntropy, double initEntCoef,
                        double targetEntropyPerDim, double minStd, int[] actorHidden, int[] criticHidden,
                        Activation activation, int iterationSteps) {

    /** The knobs, with Stable-Baselines3's defaults. */
    public static final List<Knob> KNOBS = List.of(
            integer("num_envs", 1, 1, 1 << 12, "parallel environment copies used for collection"),
            integer("buffer_size", 1_000_000, 1, 100_000_000, "replay capacity in transitions"),
            integer("batch_size", 256, 1, 1 << 20, "transitions per gradient step"),
            longValue("learning_starts", 100L, 0, Long.MAX_VALUE / 4, "environment steps with uniform random actions before learning"),
            real("utd_ratio", 1.0, 1e-3, 1000, "gradient steps per environment step (update-to-data ratio)"),
            real("learning_rate", 3e-4, 0, 1, "Adam step size of actor, critics and temperature"),
            real("gamma", 0.99, 0, 1, "discount factor"),
            real("tau", 0.005, 0, 1, "Polyak coefficient of the target critics"),
            bool("ent_coef_auto", true, "learn the entropy coefficient toward the target entropy"),
            real("init_ent_coef", 1.0, 1e-8, 1e6, "initial (or, without ent_coef_auto, fixed) entropy coefficient"),
            real("target_entropy_per_dim", -1.0, -100, 100, "target entropy per action dimension (SB3: -1)"),
            real("min_std", 1e-3, 0, 10, "floor added to softplus in the actor's standard deviation"),
            intList("actor_hidden", List.of(256, 256), "actor hidden widths"),
            intList("critic_hidden", List.of(256, 256), "critic hidden widths"),
            choice("activation", "relu", List.of("relu", "tanh", "silu"), "hidden activation"),
            integer("iteration_steps", 1000, 1, 1 << 24, "environment steps per metrics row and checkpoint unit"));

    /** Reads the SAC settings from a config that contains {@link #KNOBS}. */
    public static SacConfig from(Config c) {
        return new SacConfig(c.getInt("num_envs"), c.getInt("buffer_size"), c.getInt("batch_size"),
                c.getLong("learning_starts"), c.getDouble("utd_ratio"), c.getDouble("learning_rate"),
                c.getDouble("gamma"), c.getDouble("tau"), c.getBool("ent_coef_auto"), c.getDouble("init_ent_coef"),
                c.getDouble("target_entropy_per_dim"), c.getDouble("min_std"), c.getIntList("actor_hidden"),
                c.getIntList("critic_hidden"), Activation.parse(c.getChoice("activation")), c.getInt("iteration_steps"));
    }
}
