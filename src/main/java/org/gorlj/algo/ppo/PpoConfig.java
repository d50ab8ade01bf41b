package org.gorlj.algo.ppo;

import static org.gorlj.config.Knob.bool;
import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.real;
import static org.gorlj.config.RecordKnobs.field;

import java.util.List;
import java.util.Locale;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.config.RecordKnobs;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;

/**
 * Every setting of PPO: those of CleanRL's continuous-action PPO and those of the Brax PPO the
 * paper runs. The defaults are CleanRL's; the {@code paper} preset sets the paper's values. Each
 * component is declared once more, in {@code FIELDS}, with the knob that fills it: its name,
 * default, range and help text (the component's documentation).
 */
public record PpoConfig(
        int numEnvs,
        int numSteps,
        int epochs,
        int minibatches,
        double learningRate,
        boolean annealLr,
        double adamEps,
        double gamma,
        double gaeLambda,
        double clipCoef,
        boolean clipValueLoss,
        double entCoef,
        double vfCoef,
        double maxGradNorm,
        double targetKl,
        boolean normAdv,
        boolean maskTruncatedValueLoss,
        ActionMode actionMode,
        EntropyMode entropy,
        boolean stateDependentStd,
        double initLogStd,
        double minStd,
        int[] actorHidden,
        int[] criticHidden,
        Activation activation,
        Init init,
        boolean asyncCollection,
        Learner learner) {

    /** How the Gaussian sample x becomes an action ({@code action_mode}). */
    public enum ActionMode {
        /** Clip x to the action bounds (CleanRL). */
        CLIP,
        /** tanh(x) scaled to the bounds (Brax, the paper). */
        TANH;

        /** The knob's word for it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which entropy the bonus is on ({@code entropy_mode}). */
    public enum EntropyMode {
        /** The Gaussian's entropy (CleanRL). */
        GAUSSIAN,
        /** Brax's one-sample estimate of the tanh-squashed action's entropy. */
        SQUASHED;

        /** The knob's word for it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What computes the update's gradients and Adam steps ({@code learner}). */
    public enum Learner {
        /** DJL over libtorch, with autograd (the results of every earlier run). */
        TORCH,
        /** Plain Java ({@link org.gorlj.nn.JavaMlp}): the same loss and optimiser, other float rounding. */
        JAVA;

        /** The knob's word for it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The knobs, with CleanRL's defaults, and the components they fill. */
    private static final List<RecordKnobs.Field> FIELDS = List.of(
            field("numEnvs", integer("num_envs", 1, 1, 1 << 16, "parallel environment copies")),
            field("numSteps", integer("num_steps", 2048, 1, 1 << 20, "steps per copy per rollout")),
            field("epochs", integer("update_epochs", 10, 1, 1000, "passes over each rollout")),
            field("minibatches", integer("num_minibatches", 32, 1, 1 << 20, "minibatches per pass")),
            field("learningRate", real("learning_rate", 3e-4, 0, 1, "Adam step size")),
            field("annealLr", bool("anneal_lr", true, "decay the step size linearly to 0 over the run")),
            field("adamEps", real("adam_eps", 1e-5, 0, 1, "Adam epsilon")),
            field("gamma", real("gamma", 0.99, 0, 1, "discount factor")),
            field("gaeLambda", real("gae_lambda", 0.95, 0, 1, "GAE lambda")),
            field("clipCoef", real("clip_coef", 0.2, 0, 10, "PPO ratio clip")),
            field("clipValueLoss", bool("clip_vloss", true, "clip the value update around the old value (CleanRL)")),
            field("entCoef", real("ent_coef", 0.0, 0, 10, "entropy bonus coefficient")),
            field(
                    "vfCoef",
                    real("vf_coef", 0.5, 0, 100, "value loss coefficient (value loss = vf_coef * 0.5 * mean(err^2))")),
            field("maxGradNorm", real("max_grad_norm", 0.5, 0, 1e9, "global gradient-norm clip, 0 for none")),
            field(
                    "targetKl",
                    real(
                            "target_kl",
                            0.0,
                            0,
                            1e9,
                            "end an update early after an epoch whose last minibatch's approximate KL exceeds this (CleanRL), "
                                    + "0 for none")),
            field("normAdv", bool("norm_adv", true, "normalise advantages per minibatch")),
            field(
                    "maskTruncatedValueLoss",
                    bool("mask_truncated_value_loss", false, "leave truncated steps out of the value loss (Brax)")),
            field(
                    "actionMode",
                    choice(
                            "action_mode",
                            "clip",
                            List.of("clip", "tanh"),
                            "Gaussian sample to action: clip to bounds, or tanh then scale")),
            field(
                    "entropy",
                    choice(
                            "entropy_mode",
                            "gaussian",
                            List.of("gaussian", "squashed"),
                            "entropy bonus on the Gaussian, or Brax's one-sample estimate for the tanh-squashed action")),
            field(
                    "stateDependentStd",
                    bool(
                            "state_dependent_std",
                            false,
                            "log-std from the network (Brax) instead of a free vector (CleanRL)")),
            field("initLogStd", real("init_log_std", 0.0, -20, 5, "initial log-std of the free vector")),
            field("minStd", real("min_std", 1e-3, 0, 10, "floor added to softplus in the state-dependent std")),
            field("actorHidden", intList("actor_hidden", List.of(64, 64), "policy hidden widths")),
            field("criticHidden", intList("critic_hidden", List.of(64, 64), "critic hidden widths")),
            field("activation", choice("activation", "tanh", List.of("tanh", "silu", "relu"), "hidden activation")),
            field("init", choice("init", "orthogonal", List.of("orthogonal", "lecun_uniform"), "weight initialiser")),
            field(
                    "asyncCollection",
                    bool(
                            "async_collection",
                            false,
                            "collect the next rollout on another thread while the learner updates on this one"
                                    + " (the collecting policy lags one update; same seed, same results)")),
            field(
                    "learner",
                    choice(
                            "learner",
                            "torch",
                            List.of("torch", "java"),
                            "what computes gradients and Adam steps: torch (libtorch autograd) or java (plain-Java"
                                    + " forward, backward and Adam, faster for small networks; every"
                                    + " PPO-based algorithm; same math, other float rounding)")));

    private static final RecordKnobs<PpoConfig> BINDING = new RecordKnobs<>(PpoConfig.class, FIELDS);

    /** The knobs, with CleanRL's defaults. */
    public static final List<Knob> KNOBS = BINDING.knobs();

    /** Reads the PPO settings from a config that contains {@link #KNOBS}. */
    public static PpoConfig from(Config c) {
        PpoConfig p = BINDING.read(c);
        if (p.batchSize() % p.minibatches != 0) {
            throw new ConfigException("num_envs * num_steps (" + p.batchSize()
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

    /** True when {@code target_kl} may end an update before {@code update_epochs} epochs. */
    public boolean earlyStop() {
        return targetKl > 0;
    }

    /** True when actions are tanh-squashed. */
    public boolean tanh() {
        return actionMode == ActionMode.TANH;
    }

    /** The {@code entropy_mode} word as written in the config ({@link #entropy()} as text), which GoRL's settings check. */
    public String entropyMode() {
        return entropy.toString();
    }
}
