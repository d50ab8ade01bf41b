package org.gorlj.algo.gorl;

import java.util.List;
import java.util.Map;
import org.gorlj.algo.Actor;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.algo.sac.PreSquashMap;
import org.gorlj.algo.sac.SacAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.policy.ActionMap;
import org.gorlj.run.CheckpointData;
import org.gorlj.util.Rng;

/**
 * GoRL-SAC's latent learner (docs/method.md §4, the paper's v3 appendix): {@link SacAlgorithm} whose actor
 * is the encoder. The latent eps is the actor's Gaussian sample u; the decoder receives eps (and the
 * observation as the environment gives it, SAC does not normalise), the environment executes
 * tanh(g(s, eps)); replay buffer, twin critics and log-probabilities work on x = tanh(eps), a
 * bijection of eps, so that SAC's entropy is that of a bounded variable as in plain SAC. With the
 * identity decoder, stage 0 is SAC's tanh-Gaussian policy (warm-up aside: it draws eps from N(0, I),
 * the decoder's prior, instead of uniform actions). A collection row covers {@code iteration_steps}
 * environment steps, as an RL row.
 *
 * <p>At a stage boundary the replay buffer is emptied and learning waits {@code learning_starts}
 * steps again: every stored latent was decoded by the previous decoder, so (s, x, r, s') no longer
 * describes what x does (see docs/sac.md, "GoRL-SAC").
 */
public final class SacLatentLearner implements LatentLearner {
    /** The knobs of {@code gorl-sac}: SAC's, the scheduler's and the decoder family. */
    public static final List<Knob> KNOBS = PpoAlgorithm.concat(
            SacAlgorithm.KNOBS,
            GorlConfig.KNOBS,
            List.of(Knob.choice(
                    "decoder",
                    "flow",
                    List.of("flow", "diffusion"),
                    "decoder family: flow matching (Euler) or diffusion (DDIM)")));

    private final SacAlgorithm sac;
    private final GorlConfig gcfg;
    private final int collectChunk;

    /** SAC on {@code task} with a validated config holding SAC's and GoRL's knobs. */
    public SacLatentLearner(Config config, Task task) {
        this.gcfg = GorlConfig.forSac(config);
        this.sac = new SacAlgorithm(config, task, null);
        this.collectChunk = Math.max(1, config.getInt("iteration_steps") / config.getInt("num_envs"));
    }

    @Override
    public GorlConfig gorlConfig() {
        return gcfg;
    }

    @Override
    public int collectChunk() {
        return collectChunk;
    }

    /** The SAC algorithm underneath (learner, replay buffer). */
    public SacAlgorithm sac() {
        return sac;
    }

    @Override
    public Map<String, Object> iterate() {
        return sac.iterate();
    }

    @Override
    public long globalStep() {
        return sac.globalStep();
    }

    @Override
    public List<String> metricColumns() {
        return SacAlgorithm.COLUMNS;
    }

    @Override
    public List<VecEnv.Episode> drainEpisodes() {
        return sac.drainEpisodes();
    }

    @Override
    public Actor actor() {
        return sac.actor();
    }

    @Override
    public Map<String, Double> timing() {
        return sac.timing();
    }

    @Override
    public VecEnv envs() {
        return sac.envs();
    }

    @Override
    public Rng rng() {
        return sac.rng();
    }

    /**
     * The decoder receives the unsquashed u; warm-up draws u from N(0, I), the prior the decoder was
     * fitted to. SAC's input is the raw observation, so both kinds of decoder read the same.
     */
    @Override
    public void setLatentMap(ActionMap map, boolean rawObservations) {
        sac.setPreSquashMap(new PreSquashMap() {
            @Override
            public void apply(float[] obs, float[] u, int rows, double[] actions) {
                map.apply(obs, u, rows, actions);
            }

            @Override
            public void drawWarmUp(Rng rng, float[] u) {
                for (int i = 0; i < u.length; i++) {
                    u[i] = (float) rng.nextGaussian();
                }
            }
        });
    }

    @Override
    public void setStepBudget(long steps) {
        sac.setTotalSteps(steps);
    }

    @Override
    public void learnerObservations(float[] out) {
        sac.observations(out);
    }

    @Override
    public void sampleLatents(float[] learnerObs, int rows, float[] eps) {
        sac.sampleU(learnerObs, rows, eps);
    }

    @Override
    public void latentMeanStd(float[] learnerObs, int rows, float[] mean, float[] std) {
        sac.meanStdU(learnerObs, rows, mean, std);
    }

    @Override
    public Map<String, float[]> exportEncoder() {
        return sac.exportActor();
    }

    @Override
    public void importEncoder(Map<String, float[]> weights) {
        sac.importActor(weights);
    }

    @Override
    public void reinitialise(boolean keepCritic, double initStd) {
        sac.reinitialiseLearner(keepCritic);
        if (initStd > 0) {
            sac.setInitialStd(initStd);
        }
    }

    @Override
    public void restartEncoderOutput(double std) {
        sac.restartActorOutput(std);
    }

    /** Empties the replay buffer and waits {@code learning_starts} steps before learning again. */
    @Override
    public void startStage(int stage) {
        sac.clearReplay();
    }

    /** Nothing of SAC depends on the stage. */
    @Override
    public void resumeStage(int stage) {}

    @Override
    public void save(CheckpointData out) {
        sac.save(out);
    }

    @Override
    public void load(CheckpointData in) {
        sac.load(in);
    }

    @Override
    public void close() {
        sac.close();
    }
}
