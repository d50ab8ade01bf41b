package org.gorlj.algo.ppo;

import static org.gorlj.config.Knob.bool;
import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.real;

import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;

/**
 * Every setting of PPO: those of CleanRL's continuous-action PPO and those of the Brax PPO the
 * paper runs. The defaults are CleanRL's; the {@code paper} preset sets the paper's values.
 *
 * @param numEnvs parallel environment copies
 * @param numSteps steps per copy per rollout (rollout size = numEnvs * numSteps)
 * @param epochs passes over each rollout
 * @param minibatches minibatches per pass
 * @param learningRate Adam step size
 * @param annealLr decay the step size linearly to 0 over the run
 * @param adamEps Adam epsilon
 * @param gamma discount
 * @param gaeLambda GAE lambda
 * @param clipCoef ratio clip
 * @param clipValueLoss clip the value update around the old value by clipCoef (CleanRL)
 * @param entCoef entropy bonus coefficient
 * @param vfCoef value loss coefficient; the value loss is vfCoef * 0.5 * mean(err^2)
 * @param maxGradNorm global gradient-norm clip (0 = none)
 * @param normAdv normalise advantages per minibatch
 * @param maskTruncatedValueLoss drop truncated steps from the value loss (Brax)
 * @param actionMode how the Gaussian sample becomes an action: clip to the bounds, or tanh
 * @param entropyMode entropy of the Gaussian, or Brax's estimate for the tanh-squashed action
 * @param stateDependentStd log-std from the network (Brax) or a free vector (CleanRL)
 * @param initLogStd initial log-std of the free vector
 * @param minStd floor added to softplus in the state-dependent variant
 * @param actorHidden policy hidden widths
 * @param criticHidden critic hidden widths
 * @param activation hidden activation
 * @param init initialiser
 */
public record PpoConfig(int numEnvs, int numSteps, int epochs, int minibatches, double learningRate, boolean annealLr,
                        double adamEps, double gamma, double gaeLambda, double clipCoef, boolean clipValueLoss,
                        double entCoef, double vfCoef, double maxGradNorm, boolean normAdv,
                        boolean maskTruncatedValueLoss, String actionMode, String entropyMode,
                        boolean stateDependentStd, double initLogStd, double minStd, int[] actorHidden,
                        int[] criticHidden, Activation activation, Init init) {

    /** The knobs, with CleanRL's defaults. */
    public static final List<Knob> KNOBS = List.of(
            integer("num_envs", 1, 1, 1 << 16, "parallel environment copies"),
            integer("num_steps", 2048, 1, 1 << 20, "steps per copy per rollout"),
            integer("update_epochs", 10, 1, 1000, "passes over each rollout"),
            integer("num_minibatches", 32, 1, 1 << 20, "minibatches per pass"),
            real("learning_rate", 3e-4, 0, 1, "Adam step size"),
            bool("anneal_lr", true, "decay the step size linearly to 0 over the run"),
            real("adam_eps", 1e-5, 0, 1, "Adam epsilon"),
            real("gamma", 0.99, 0, 1, "discount factor"),
            real("gae_lambda", 0.95, 0, 1, "GAE lambda"),
            real("clip_coef", 0.2, 0, 10, "PPO ratio clip"),
            bool("clip_vloss", true, "clip the value update around the old value (CleanRL)"),
            real("ent_coef", 0.0, 0, 10, "entropy bonus coefficient"),
            real("vf_coef", 0.5, 0, 100, "value loss coefficient (value loss = vf_coef * 0.5 * mean(err^2))"),
            real("max_grad_norm", 0.5, 0, 1e9, "global gradient-norm clip, 0 for none"),
            bool("norm_adv", true, "normalise advantages per minibatch"),
            bool("mask_truncated_value_loss", false, "leave truncated steps out of the value loss (Brax)"),
            choice("action_mode", "clip", List.of("clip", "tanh"), "Gaussian sample to action: clip to bounds, or tanh then scale"),
            choice("entropy_mode", "gaussian", List.of("gaussian", "squashed"),
                    "entropy bonus on the Gaussian, or Brax's one-sample estimate for the tanh-squashed action"),
            bool("state_dependent_std", false, "log-std from the network (Brax) instead of a free vector (CleanRL)"),
            real("init_log_std", 0.0, -20, 5, "initial log-std of the free vector"),
            real("min_std", 1e-3, 0, 10, "floor added to softplus in the state-dependent std"),
            intList("actor_hidden", List.of(64, 64), "policy hidden widths"),
            intList("critic_hidden", List.of(64, 64), "critic hidden widths"),
            choice("activation", "tanh", List.of("tanh", "silu", "relu"), "hidden activation"),
            choice("init", "orthogonal", List.of("orthogonal", "lecun_uniform"), "weight initialiser"));

    /** Reads the PPO settings from a config that contains {@link #KNOBS}. */
    public static PpoConfig from(Config c) {
        PpoConfig p = new PpoConfig(c.getInt("num_envs"), c.getInt("num_steps"), c.getInt("update_epochs"),
                c.getInt("num_minibatches"), c.getDouble("learning_rate"), c.getBool("anneal_lr"),
                c.getDouble("adam_eps"), c.getDouble("gamma"), c.getDouble("gae_lambda"), c.getDouble("clip_coef"),
                c.getBool("clip_vloss"), c.getDouble("ent_coef"), c.getDouble("vf_coef"), c.getDouble("max_grad_norm"),
                c.getBool("norm_adv"), c.getBool("mask_truncated_value_loss"), c.getChoice("action_mode"),
                c.getChoice("entropy_mode"), c.getBool("state_dependent_std"), c.getDouble("init_log_std"),
                c.getDouble("min_std"), c.getIntList("actor_hidden"), c.getIntList("critic_hidden"),
                Activation.parse(c.getChoice("activation")), Init.valueOf(c.getChoice("init").toUpperCase(java.util.Locale.ROOT)));
        if (p.batchSize() % p.minibatches != 0) {
            throw new org.gorlj.config.ConfigException("num_envs * num_steps (" + p.batchSize()
                    + ") must be divisible by num_minibatches (" + p.minibatches + ")");
        }
        return p;
    }

    /** Transitions per rollout. */
    public int batchSize() {
        return numEnvs * numSteps;
    }

    /** Transitions per minibatch. */
    public int minibatchSize() {
        return batchSize() / minibatches;
    }

    /**
     * The step size of iteration {@code iteration} (0-based) of a run of {@code totalIterations}:
     * with {@code anneal_lr}, CleanRL's linear decay from {@code learning_rate} at the first
     * iteration towards 0 after the last; otherwise {@code learning_rate}.
     */
    public double learningRateAt(long iteration, long totalIterations) {
        return annealLr ? learningRate * (1.0 - (double) iteration / totalIterations) : learningRate;
    }

    /** True when actions are tanh-squashed. */
    public boolean tanh() {
        return actionMode.equals("tanh");
    }
}
