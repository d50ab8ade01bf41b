package org.gorlj.algo.gorl;

import static org.gorlj.config.Knob.bool;
import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.longList;
import static org.gorlj.config.Knob.longValue;
import static org.gorlj.config.Knob.real;

import java.util.List;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.algo.sac.SacConfig;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.generative.DecoderTrainer;
import org.gorlj.nn.Activation;

/**
 * The settings GoRL adds to its RL algorithm's (docs/method.md §3). Defaults: the paper's schedule
 * (stages of 60M, 60M, 30M RL steps, then the rest; 512,000-step data sets; the encoder reset to
 * N(0, I) at each boundary) and decoder training, with the released code's decoder width (4 x 64),
 * latent regulariser (moments, 5e-4 then 1e-3) and critic reset; every disagreement offered is a
 * knob (docs/method.md §8).
 *
 * @param stageSteps RL environment steps of each stage but the last (the last runs to total_steps)
 * @param dataSteps environment steps (all copies) of the data set collected at each boundary
 * @param decoderHidden decoder hidden widths
 * @param decoderActivation decoder hidden activation
 * @param decoderSteps K: Euler steps (flow) or diffusion steps T (training and DDIM)
 * @param training decoder training settings
 * @param warmStart start each new decoder from the current one instead of from scratch
 * @param zRegFirst latent regulariser weight in stage 0
 * @param zReg latent regulariser weight in later stages
 * @param klRegulariser regularise by KL(N(mu, sigma) || N(0, I)) instead of mean(mu^2) + mean(sigma^2)
 * @param resetEncoder re-initialise the encoder at each boundary
 * @param keepCritic keep the critic's weights when the encoder is re-initialised
 * @param encoderInitStd latent std of a re-initialised encoder (0: the network's default)
 * @param keepEncoderFeatures at a boundary the encoder keeps its hidden layers and only its output
 *     layer restarts at N(0, encoderInitStd^2 I) ({@code encoder_reset=head}; false: a whole new network)
 * @param boundaryEvalEpisodes deterministic episodes evaluated before and after each refit (0: none)
 * @param frozenDecoderStats decoders read raw observations through statistics of their own, frozen
 *     from their data set at fit time (false: through the learner's input, PPO's running normaliser)
 * @param collectNoise scale of the latent noise of the actions executed while collecting a data set
 *     (1: the stochastic policy; 0: the latent mean), the recorded actions keep the full noise
 * @param actionSamples actions recorded per collected state, each decoded from its own latent draw
 * @param latentCoupling the decoder is fitted with each action paired with the standardised latent
 *     noise that produced it (false: with fresh noise, the paper)
 * @param targetClip the recorded pre-tanh actions are clipped to [-targetClip, targetClip] in the
 *     decoder fit (0: not clipped, the paper)
 * @param recordMean with latent coupling, each collected state also records the latent mean's action,
 *     paired with zero noise
 * @param recordSpread with latent coupling, the recorded stochastic actions are decoded from latents this
 *     many times as far from the latent mean as the noise they are paired with (1: the policy as it is)
 * @param standardActions each decoder is fitted on its data set's actions standardised per dimension
 *     and decodes through that frozen {@link org.gorlj.generative.ActionScale}
 */
public record GorlConfig(
        long[] stageSteps,
        long dataSteps,
        int[] decoderHidden,
        Activation decoderActivation,
        int decoderSteps,
        DecoderTrainer.Settings training,
        boolean warmStart,
        double zRegFirst,
        double zReg,
        boolean klRegulariser,
        boolean resetEncoder,
        boolean keepCritic,
        double encoderInitStd,
        boolean keepEncoderFeatures,
        int boundaryEvalEpisodes,
        boolean frozenDecoderStats,
        double collectNoise,
        int actionSamples,
        boolean latentCoupling,
        double targetClip,
        boolean recordMean,
        double recordSpread,
        boolean standardActions) {

    /** The knobs of the stage scheduler and the decoder (every GoRL variant). */
    public static final List<Knob> KNOBS = List.of(
            longList(
                    "stage_steps",
                    List.of(60_000_000L, 60_000_000L, 30_000_000L),
                    "RL environment steps of each stage but the last, which runs until total_steps; "
                            + "a stage ends after the first RL unit (PPO or SAC iteration) that reaches its length"),
            longValue(
                    "decoder_data_steps",
                    512_000L,
                    1,
                    Long.MAX_VALUE / 4,
                    "environment steps (all copies) of the fresh data set collected at each stage boundary"),
            intList("decoder_hidden", List.of(64, 64, 64, 64), "decoder hidden widths (paper text: 32,32,32,32)"),
            choice("decoder_activation", "silu", List.of("tanh", "silu", "relu"), "decoder hidden activation"),
            integer("decoder_steps", 10, 1, 1000, "K: Euler steps (flow) or diffusion steps T (training and DDIM)"),
            integer("decoder_noise_samples", 8, 1, 1024, "(noise, time) samples per data point per decoder step"),
            real("decoder_lr", 3e-4, 0, 1, "decoder Adam step size"),
            integer("decoder_batch", 8192, 1, 1 << 24, "data points per decoder minibatch"),
            integer("decoder_epochs", 50, 1, 100_000, "maximum decoder epochs per refinement"),
            integer("decoder_patience", 20, 1, 100_000, "stop after this many epochs without a better validation loss"),
            real("decoder_val_fraction", 0.1, 0.001, 0.5, "share of the data set held out for validation"),
            choice(
                    "decoder_lr_schedule",
                    "constant",
                    List.of("constant", "cosine"),
                    "constant decoder step size, or a half-cosine decay to 0 over decoder_epochs"),
            real(
                    "decoder_collect_noise",
                    1,
                    0,
                    1,
                    "scale of the latent noise of the actions executed while collecting a decoder data set: 1 the "
                            + "stochastic policy (paper), 0 the latent mean (the data set's states are the ones the "
                            + "deterministic policy visits); the recorded actions are drawn with the full noise"),
            integer(
                    "decoder_action_samples",
                    1,
                    1,
                    256,
                    "actions recorded per collected state, each decoded from its own latent draw (more pairs for "
                            + "no extra environment steps)"),
            choice(
                    "decoder_coupling",
                    "independent",
                    List.of("independent", "latent"),
                    "independent: each recorded action is paired with fresh noise in every decoder example (paper); "
                            + "latent: with the standardised latent noise (eps - mu) / sigma that produced it, so that "
                            + "the new decoder under a fresh N(0, I) encoder reproduces the stage-end policy, its "
                            + "deterministic action included"),
            integer(
                    "decoder_threads",
                    0,
                    0,
                    256,
                    "intra-op threads of the tensor engine while a decoder is fitted and validated (the environments "
                            + "wait meanwhile), torch_threads again afterwards; 0: torch_threads. Reproducible for a "
                            + "given count; another count may change the fit's last digits (summation order)"),
            bool("decoder_warm_start", false, "start each new decoder from the current one instead of from scratch"),
            bool(
                    "decoder_record_mean",
                    false,
                    "with decoder_coupling=latent, each collected state also records the action of the latent mean, "
                            + "paired with zero noise: the fit is anchored where the deterministic policy acts"),
            real(
                    "decoder_record_spread",
                    1,
                    0.1,
                    10,
                    "with decoder_coupling=latent, the recorded stochastic actions are decoded from latents k times as "
                            + "far from the latent mean as the noise they are paired with: k > 1 fits a decoder whose N(0, I) "
                            + "input spreads k times wider than the stage-end policy (the mean's action and the executed "
                            + "actions unchanged)"),
            real(
                    "decoder_target_clip",
                    0,
                    0,
                    100,
                    "clip the recorded pre-tanh actions to [-c, c] in the decoder fit (0: no clip, paper); beyond "
                            + "c = 3 the executed action tanh(u) moves by less than 0.005, while targets of 10 or more "
                            + "dominate the fit's squared loss"),
            bool(
                    "reset_encoder",
                    true,
                    "re-initialise the encoder at each stage boundary (false: keep the stage's best)"),
            bool("keep_critic", false, "keep the critic's weights when the encoder is re-initialised"),
            real(
                    "encoder_init_std",
                    1.0,
                    0,
                    100,
                    "latent std of a re-initialised encoder, 1 for N(0, I); 0 keeps the network default softplus(0) + min_std"),
            choice(
                    "encoder_reset",
                    "full",
                    List.of("full", "head"),
                    "what reset_encoder re-initialises: the whole encoder network (full), or only its output layer, "
                            + "restarted at exactly N(0, encoder_init_std^2 I) while the hidden layers keep what they learned (head)"),
            integer(
                    "boundary_eval_episodes",
                    10,
                    0,
                    100_000,
                    "deterministic episodes on fixed seeds evaluated right before each decoder refit and right after it "
                            + "(columns boundary_return_before / _after / boundary_retention); 0 for none"),
            choice(
                    "decoder_action_scale",
                    "none",
                    List.of("none", "standard"),
                    "none: the decoder regresses pre-squash actions as they are (paper); standard: it regresses them "
                            + "standardised per dimension with a mean and std frozen from its data set at fit time, "
                            + "and maps its output back (saved with it)"),
            choice(
                    "decoder_obs_stats",
                    "frozen",
                    List.of("frozen", "encoder"),
                    "frozen: each decoder normalises raw observations with statistics frozen from its data set at fit "
                            + "time; encoder: it reads the learner's input (PPO: the running normaliser, which keeps "
                            + "moving after the fit; SAC: raw observations), as before this knob existed"));

    /** The latent regulariser's knobs (GoRL-PPO: an extra term of PPO's loss). */
    public static final List<Knob> PPO_KNOBS = List.of(
            real("z_reg_first", 5e-4, 0, 100, "latent regulariser weight in stage 0"),
            real("z_reg", 1e-3, 0, 100, "latent regulariser weight after stage 0"),
            choice(
                    "latent_reg",
                    "moments",
                    List.of("moments", "kl"),
                    "moments: z_reg (mean(mu^2) + mean(sigma^2)) (released code); kl: z_reg KL(N(mu, sigma) || N(0, I)) (paper v1)"),
            real(
                    "clip_coef_first",
                    -1,
                    -1,
                    10,
                    "PPO ratio clip in stage 0, clip_coef after it; -1: clip_coef throughout (released code: 0.15, then 0.3)"),
            real(
                    "max_grad_norm_first",
                    -1,
                    -1,
                    1e9,
                    "gradient-norm clip in stage 0 (0: none), max_grad_norm after it; -1: max_grad_norm throughout "
                            + "(released code: 0.5, then 1.0)"));

    /** Reads and checks the GoRL-PPO settings (and PPO's) from a config holding both knob sets. */
    public static GorlConfig from(Config c) {
        PpoConfig ppo = PpoConfig.from(c);
        if (!ppo.tanh()) {
            throw new ConfigException("action_mode=" + ppo.actionMode()
                    + " is not valid for GoRL: expected tanh (the decoder learns pre-tanh actions)");
        }
        if (!ppo.entropyMode().equals("gaussian")) {
            throw new ConfigException("entropy_mode=" + ppo.entropyMode()
                    + " is not valid for GoRL: expected gaussian (the entropy bonus is on the latent)");
        }
        boolean perStage = c.getDouble("clip_coef_first") >= 0 || c.getDouble("max_grad_norm_first") >= 0;
        if (perStage && !c.getBool("reset_encoder")) {
            throw new ConfigException("clip_coef_first / max_grad_norm_first need reset_encoder=true (the stage's "
                    + "clips are set when the encoder is re-created)");
        }
        return read(
                c,
                c.getDouble("z_reg_first"),
                c.getDouble("z_reg"),
                c.getChoice("latent_reg").equals("kl"),
                ppo.minStd(),
                ppo.numEnvs());
    }

    /** Reads and checks the GoRL-SAC settings (and SAC's): no latent regulariser (SAC's entropy term shapes the latent). */
    public static GorlConfig forSac(Config c) {
        SacConfig sac = SacConfig.from(c);
        return read(c, 0, 0, false, sac.minStd(), sac.numEnvs());
    }

    private static GorlConfig read(Config c, double zRegFirst, double zReg, boolean kl, double minStd, int numEnvs) {
        GorlConfig g = new GorlConfig(
                c.getLongList("stage_steps"),
                c.getLong("decoder_data_steps"),
                c.getIntList("decoder_hidden"),
                Activation.parse(c.getChoice("decoder_activation")),
                c.getInt("decoder_steps"),
                new DecoderTrainer.Settings(
                        c.getDouble("decoder_lr"),
                        c.getInt("decoder_batch"),
                        c.getInt("decoder_epochs"),
                        c.getInt("decoder_patience"),
                        c.getDouble("decoder_val_fraction"),
                        c.getInt("decoder_noise_samples"),
                        c.getChoice("decoder_lr_schedule").equals("cosine"),
                        c.getInt("decoder_threads")),
                c.getBool("decoder_warm_start"),
                zRegFirst,
                zReg,
                kl,
                c.getBool("reset_encoder"),
                c.getBool("keep_critic"),
                c.getDouble("encoder_init_std"),
                c.getChoice("encoder_reset").equals("head"),
                c.getInt("boundary_eval_episodes"),
                c.getChoice("decoder_obs_stats").equals("frozen"),
                c.getDouble("decoder_collect_noise"),
                c.getInt("decoder_action_samples"),
                c.getChoice("decoder_coupling").equals("latent"),
                c.getDouble("decoder_target_clip"),
                c.getBool("decoder_record_mean"),
                c.getDouble("decoder_record_spread"),
                c.getChoice("decoder_action_scale").equals("standard"));
        if (g.recordSpread != 1 && !g.latentCoupling) {
            throw new ConfigException(
                    "decoder_record_spread=" + g.recordSpread
                            + " is not valid with decoder_coupling=independent: it scales the latent noise each action is paired with");
        }
        if (g.recordMean && !g.latentCoupling) {
            throw new ConfigException("decoder_record_mean=true is not valid with decoder_coupling=independent: "
                    + "a mean action paired with fresh noise would narrow the fitted distribution");
        }
        if (g.encoderInitStd > 0 && g.encoderInitStd <= minStd) {
            throw new ConfigException("encoder_init_std=" + g.encoderInitStd
                    + " is not valid: expected 0 or more than min_std (" + minStd + ")");
        }
        if (g.keepEncoderFeatures && !(g.resetEncoder && g.encoderInitStd > 0)) {
            throw new ConfigException("encoder_reset=head is not valid with reset_encoder=" + g.resetEncoder
                    + " and encoder_init_std=" + g.encoderInitStd
                    + ": it needs reset_encoder=true and encoder_init_std > 0 (the std its output restarts at)");
        }
        if (g.dataSteps < 2L * numEnvs) {
            throw new ConfigException("decoder_data_steps=" + g.dataSteps
                    + " is not valid: expected at least 2 * num_envs (" + 2L * numEnvs + ")");
        }
        return g;
    }

    /** The RL step counts at which stages 0 .. M-2 end (cumulative stage lengths). */
    public long[] boundaries() {
        long[] b = new long[stageSteps.length];
        long sum = 0;
        for (int i = 0; i < b.length; i++) {
            sum += stageSteps[i];
            b[i] = sum;
        }
        return b;
    }
}
