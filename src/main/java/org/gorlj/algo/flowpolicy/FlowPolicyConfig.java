package org.gorlj.algo.flowpolicy;

import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.real;

import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.nn.Activation;

/**
 * The settings of the flow policies of FPO and DPPO (docs/method.md §4), on top of PPO's.
 * Defaults are the paper's values.
 *
 * @param hidden hidden widths of the flow network (paper: 4 x 32)
 * @param activation hidden activation
 * @param steps Euler steps from noise to action (K)
 * @param outputScale factor on the network's output (the velocity is {@code outputScale * mlp(...)})
 * @param evalStart where a deterministic evaluation starts the flow: {@code noise} (a fresh N(0, I)
 *     sample, as the released FPO code evaluates) or {@code zero}
 * @param fpoSamples (eps, t) pairs per transition for FPO's ratio
 * @param fpoRatio {@code mean}: one ratio exp(mean old loss - mean new loss) per transition; {@code
 *     per_sample}: one ratio per pair, exp(clip(old - new, -c, c)), surrogate averaged over pairs
 * @param fpoLogRatioClip c of the per-sample variant
 * @param fpoLoss {@code eps}: predict the velocity but supervise the implied noise; {@code velocity}:
 *     plain conditional flow matching on the velocity
 * @param dppoSigma DPPO's fixed noise standard deviation added at each Euler step
 * @param dppoRatio {@code per_step}: one ratio per denoising step (the released code), surrogate
 *     averaged over steps; {@code chain}: one ratio per transition from the summed chain log-likelihood
 */
public record FlowPolicyConfig(int[] hidden, Activation activation, int steps, double outputScale, String evalStart,
                               int fpoSamples, String fpoRatio, double fpoLogRatioClip, String fpoLoss,
                               double dppoSigma, String dppoRatio) {

    /** Knobs shared by FPO and DPPO. */
    public static final List<Knob> COMMON_KNOBS = List.of(
            intList("flow_hidden", List.of(32, 32, 32, 32), "hidden widths of the flow policy network"),
            choice("flow_activation", "silu", List.of("silu", "tanh", "relu"), "hidden activation of the flow network"),
            integer("flow_steps", 10, 1, 1000, "Euler steps from noise to action"),
            real("flow_output_scale", 0.25, 1e-6, 1e6, "factor on the flow network's output (velocity = scale * mlp)"),
            choice("flow_eval_start", "noise", List.of("noise", "zero"),
                    "deterministic evaluation starts the flow from fresh noise (released FPO code) or from zero"));

    /** FPO's own knobs. */
    public static final List<Knob> FPO_KNOBS = List.of(
            integer("fpo_samples", 8, 1, 1024, "(eps, t) pairs stored per transition for the ratio"),
            choice("fpo_ratio", "mean", List.of("mean", "per_sample"),
                    "ratio exp(mean old CFM loss - mean new), or one ratio per pair with the log-difference clipped"),
            real("fpo_log_ratio_clip", 3.0, 0, 100, "clip of the per-pair log-ratio in the per_sample variant"),
            choice("fpo_loss", "eps", List.of("eps", "velocity"),
                    "CFM loss: predict the velocity but supervise as eps (paper), or on the velocity"));

    /** DPPO's own knobs. */
    public static final List<Knob> DPPO_KNOBS = List.of(
            real("dppo_sigma", 0.05, 1e-6, 10, "fixed noise std added at each Euler step while sampling"),
            choice("dppo_ratio", "per_step", List.of("per_step", "chain"),
                    "one PPO ratio per denoising step (released code) or one per transition (whole chain)"));

    /** Reads the settings; knobs of the other method take their defaults. */
    public static FlowPolicyConfig from(Config c) {
        boolean fpo = c.asMap().containsKey("fpo_samples");
        boolean dppo = c.asMap().containsKey("dppo_sigma");
        FlowPolicyConfig f = new FlowPolicyConfig(c.getIntList("flow_hidden"), Activation.parse(c.getChoice("flow_activation")),
                c.getInt("flow_steps"), c.getDouble("flow_output_scale"), c.getChoice("flow_eval_start"),
                fpo ? c.getInt("fpo_samples") : 8, fpo ? c.getChoice("fpo_ratio") : "mean",
                fpo ? c.getDouble("fpo_log_ratio_clip") : 3.0, fpo ? c.getChoice("fpo_loss") : "eps",
                dppo ? c.getDouble("dppo_sigma") : 0.05, dppo ? c.getChoice("dppo_ratio") : "per_step");
        if (f.hidden.length == 0) {
            throw new ConfigException("flow_hidden needs at least one hidden layer");
        }
        return f;
    }
}
