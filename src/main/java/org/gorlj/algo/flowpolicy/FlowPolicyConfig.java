package org.gorlj.algo.flowpolicy;

import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.real;
import static org.gorlj.config.RecordKnobs.field;

import java.util.List;
import java.util.stream.Stream;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.config.RecordKnobs;
import org.gorlj.nn.Activation;

/**
 * The settings of the flow policies of FPO and DPPO (docs/method.md §4), on top of PPO's.
 * Defaults are the paper's values. Each component is declared once more, with the knob that fills
 * it (its name, default, range and help text); the ratio and loss variants are described in
 * {@link FpoLearner} and {@link DppoLearner}.
 */
public record FlowPolicyConfig(
        int[] hidden,
        Activation activation,
        int steps,
        double outputScale,
        EvalStart evalStart,
        int fpoSamples,
        FpoRatio fpoRatio,
        double fpoLogRatioClip,
        FpoLoss fpoLoss,
        double dppoSigma,
        DppoRatio dppoRatio) {

    /** Where a deterministic evaluation starts the flow ({@code flow_eval_start}). */
    public enum EvalStart {
        /** A fresh N(0, I) sample, as the released FPO code evaluates. */
        NOISE,
        /** Zero. */
        ZERO
    }

    /** FPO's ratio ({@code fpo_ratio}). */
    public enum FpoRatio {
        /** One ratio per transition, exp(mean old CFM loss - mean new CFM loss). */
        MEAN,
        /** One ratio per pair, exp(clip(old - new, -c, c)), the surrogate averaged over pairs. */
        PER_SAMPLE
    }

    /** FPO's conditional flow-matching loss ({@code fpo_loss}). */
    public enum FpoLoss {
        /** Predict the velocity but supervise the implied noise (the paper). */
        EPS,
        /** Plain conditional flow matching on the velocity. */
        VELOCITY
    }

    /** DPPO's ratio ({@code dppo_ratio}). */
    public enum DppoRatio {
        /** One ratio per denoising step (the released code), the surrogate averaged over steps. */
        PER_STEP,
        /** One ratio per transition from the summed chain log-likelihood. */
        CHAIN
    }

    private static final List<RecordKnobs.Field> COMMON = List.of(
            field(
                    "hidden",
                    intList("flow_hidden", List.of(32, 32, 32, 32), "hidden widths of the flow policy network")),
            field(
                    "activation",
                    choice(
                            "flow_activation",
                            "silu",
                            List.of("silu", "tanh", "relu"),
                            "hidden activation of the flow network")),
            field("steps", integer("flow_steps", 10, 1, 1000, "Euler steps from noise to action")),
            field(
                    "outputScale",
                    real(
                            "flow_output_scale",
                            0.25,
                            1e-6,
                            1e6,
                            "factor on the flow network's output (velocity = scale * mlp)")),
            field(
                    "evalStart",
                    choice(
                            "flow_eval_start",
                            "noise",
                            List.of("noise", "zero"),
                            "deterministic evaluation starts the flow from fresh noise (released FPO code) or from zero")));

    private static final List<RecordKnobs.Field> FPO = List.of(
            field(
                    "fpoSamples",
                    integer("fpo_samples", 8, 1, 1024, "(eps, t) pairs stored per transition for the ratio")),
            field(
                    "fpoRatio",
                    choice(
                            "fpo_ratio",
                            "mean",
                            List.of("mean", "per_sample"),
                            "ratio exp(mean old CFM loss - mean new), or one ratio per pair with the log-difference clipped")),
            field(
                    "fpoLogRatioClip",
                    real(
                            "fpo_log_ratio_clip",
                            3.0,
                            0,
                            100,
                            "clip of the per-pair log-ratio in the per_sample variant")),
            field(
                    "fpoLoss",
                    choice(
                            "fpo_loss",
                            "eps",
                            List.of("eps", "velocity"),
                            "CFM loss: predict the velocity but supervise as eps (paper), or on the velocity")));

    private static final List<RecordKnobs.Field> DPPO = List.of(
            field(
                    "dppoSigma",
                    real("dppo_sigma", 0.05, 1e-6, 10, "fixed noise std added at each Euler step while sampling")),
            field(
                    "dppoRatio",
                    choice(
                            "dppo_ratio",
                            "per_step",
                            List.of("per_step", "chain"),
                            "one PPO ratio per denoising step (released code) or one per transition (whole chain)")));

    /** Knobs shared by FPO and DPPO. */
    public static final List<Knob> COMMON_KNOBS = RecordKnobs.knobs(COMMON);

    /** FPO's own knobs. */
    public static final List<Knob> FPO_KNOBS = RecordKnobs.knobs(FPO);

    /** DPPO's own knobs. */
    public static final List<Knob> DPPO_KNOBS = RecordKnobs.knobs(DPPO);

    private static final RecordKnobs<FlowPolicyConfig> BINDING = new RecordKnobs<>(
            FlowPolicyConfig.class,
            Stream.of(COMMON, FPO, DPPO).flatMap(List::stream).toList());

    /** Reads the settings; knobs of the other method take their defaults. */
    public static FlowPolicyConfig from(Config c) {
        FlowPolicyConfig f = BINDING.read(
                c, Stream.concat(FPO_KNOBS.stream(), DPPO_KNOBS.stream()).toList());
        if (f.hidden.length == 0) {
            throw new ConfigException("flow_hidden needs at least one hidden layer");
        }
        return f;
    }
}
