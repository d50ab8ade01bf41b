package org.gorlj.algo.gorl;

import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.env.VecEnv;
import org.gorlj.policy.ActionMap;
import org.gorlj.util.Rng;

/**
 * The fast-timescale half of GoRL: an RL algorithm that trains a Gaussian encoder over the latent
 * eps and executes whatever the {@link GorlAlgorithm} decodes from it. As an {@link Algorithm} it
 * runs one unit of RL work per {@link #iterate()} (PPO: a rollout and an update; SAC:
 * {@code iteration_steps} environment steps with their gradient steps), counts its own environment
 * steps in {@link #globalStep()}, evaluates through {@link #actor()} (latent mean, then decoder) and
 * saves everything it owns (networks, optimisers, environments, its generator, replay buffer).
 *
 * <p>A latent learner wraps its RL algorithm ({@link org.gorlj.algo.ppo.PpoAlgorithm} or
 * {@link org.gorlj.algo.sac.SacAlgorithm}, which know nothing of GoRL beyond the hook that lets
 * the action map receive their raw samples) and adds what GoRL needs of it. The scheduler knows
 * nothing of the RL algorithm: it reads and steps the learner's
 * environments to collect decoder data, draws from the learner's generator, and at a stage
 * boundary swaps the action map and asks the learner to re-initialise and to forget experience
 * gathered under the previous decoder. Two implementations: {@link PpoLatentLearner} (GoRL-PPO,
 * {@code gorl-fm}, {@code gorl-diffusion}) and {@link SacLatentLearner} ({@code gorl-sac}).
 */
public interface LatentLearner extends Algorithm {

    /** GoRL's settings as this learner's algorithm reads them (GoRL-SAC has no latent regulariser). */
    GorlConfig gorlConfig();

    /** Vector steps of decoder-data collection per metrics row (as many as an RL row covers). */
    int collectChunk();

    /** The environments the learner steps (the scheduler steps them too, while collecting decoder data). */
    VecEnv envs();

    /** The run's generator (checkpointed by the learner); the scheduler draws collection noise and decoder seeds from it. */
    Rng rng();

    /**
     * From now on executes {@code map.apply(obs, eps)}: the latent decoded by the current decoder,
     * then squashed into the action box. {@code obs} are the raw observations (as floats) when
     * {@code rawObservations}, else the learner's own input ({@link #learnerObservations}).
     */
    void setLatentMap(ActionMap map, boolean rawObservations);

    /**
     * Caps the learner's own environment steps (the run's {@code total_steps} minus the steps spent
     * collecting decoder data), set before each unit of RL work: SAC cuts its last iteration short;
     * PPO's iterations are whole rollouts and ignore it.
     */
    void setStepBudget(long steps);

    /**
     * The encoder's input for the environments' current observations ({@code numEnvs * obsDim}):
     * PPO's normalised observations, SAC's raw ones; decoders without statistics of their own read it too.
     */
    void learnerObservations(float[] out);

    /** The environments' current raw observations as floats ({@code numEnvs * obsDim}). */
    default void rawObservations(float[] out) {
        double[] obs = envs().observations();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) obs[i];
        }
    }

    /** Draws latents eps stochastically from the current encoder for {@code rows} learner observations. */
    void sampleLatents(float[] learnerObs, int rows, float[] eps);

    /**
     * The encoder's latent mean (its deterministic latent) and standard deviation for {@code rows}
     * learner observations; draws nothing.
     */
    void latentMeanStd(float[] learnerObs, int rows, float[] mean, float[] std);

    /** A copy of the encoder's weights (the scheduler keeps the stage's best-evaluated one). */
    Map<String, float[]> exportEncoder();

    /** Loads weights from {@link #exportEncoder()} into the encoder. */
    void importEncoder(Map<String, float[]> weights);

    /**
     * A fresh encoder (and critic unless {@code keepCritic}) with fresh optimisers, drawn from the
     * run's generator; {@code initStd > 0} sets its latent std to that value (N(0, I) for 1).
     */
    void reinitialise(boolean keepCritic, double initStd);

    /**
     * Makes the encoder emit exactly N(0, std^2 I) for every observation, keeping its hidden layers
     * (output layer weights and mean offset zero), for {@code encoder_reset=head}.
     */
    void restartEncoderOutput(double std);

    /**
     * The decoder has changed at a stage boundary, the new stage is {@code stage}: the meaning of
     * every latent stored so far has changed with it (SAC clears its replay buffer and collects
     * {@code learning_starts} steps again; PPO's rollouts are on-policy, nothing is stored, but its
     * latent regulariser weight depends on the stage).
     */
    void startStage(int stage);

    /**
     * The run resumes from a checkpoint in stage {@code stage} (the scheduler stores the stage, the
     * learner does not); called before {@link #load}: sets what depends on the stage, forgets nothing.
     */
    void resumeStage(int stage);
}
