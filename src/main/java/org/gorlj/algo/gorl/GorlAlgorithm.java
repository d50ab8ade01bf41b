package org.gorlj.algo.gorl;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.Function;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.algo.ppo.PpoLearner;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.generative.Decoder;
import org.gorlj.policy.GaussianPolicy;

/**
 * GoRL-PPO ({@code gorl-fm}, {@code gorl-diffusion}): the {@link StageScheduler} driving a
 * {@link PpoLatentLearner}. PPO trains the Gaussian encoder over eps with the decoder as its action
 * map (decoders see normalised observations); a collection row covers {@code num_steps} vector steps.
 * With the identity decoder and {@code z_reg_first=0}, stage 0 is exactly the same computation as PPO
 * with tanh squashing, state-dependent std and the Gaussian entropy bonus.
 */
public final class GorlAlgorithm extends StageScheduler {
    /** All knobs: PPO's and GoRL's. */
    public static final List<Knob> KNOBS = PpoAlgorithm.concat(PpoAlgorithm.KNOBS, GorlConfig.KNOBS,
            GorlConfig.PPO_KNOBS);

    private final PpoLatentLearner ppo;

    /** GoRL-PPO with a decoder of the given kind on {@code task}. */
    public GorlAlgorithm(Config config, Task task, Decoder.Kind kind) {
        this(config, new PpoLatentLearner(config, task), kind);
    }

    private GorlAlgorithm(Config config, PpoLatentLearner ppo, Decoder.Kind kind) {
        super(ppo, GorlConfig.from(config), kind, config.getLong("seed"), config.getLong("total_steps"),
                ppo.ppoConfig().numSteps());
        this.ppo = ppo;
    }

    /** The PPO learner (encoder, critic, optimiser). */
    public PpoLearner learner() {
        return ppo.learner();
    }

    /** The latent regulariser added to PPO's loss. */
    Function<GaussianPolicy.Dist, NDArray> extraLoss() {
        return ppo.latentRegulariser();
    }
}
