package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.sac.SacAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** One stage scheduler, two latent learners: the same boundaries for PPO and SAC, and SAC's replay buffer at a boundary. */
class LatentLearnersTest {
    static final Task TASK = TaskRegistry.get("classic/pendulum");
    /** Stage 0 ends at 128 RL steps, stage 1 after 192 more; data sets of 128 steps; 3 decoder epochs. */
    static final List<String> STAGES = List.of(
            "stage_steps=128,192",
            "decoder_data_steps=128",
            "decoder_epochs=3",
            "decoder_patience=3",
            "decoder_batch=32",
            "num_envs=4",
            "total_steps=100000",
            "seed=5");
    /** PPO: 4 copies x 16 steps = 64 RL steps per iteration, collection in chunks of 16 vector steps. */
    static final List<String> PPO = List.of("num_steps=16", "num_minibatches=2", "update_epochs=2");
    /** SAC: 64 steps per iteration (16 vector steps of 4 copies), collection in chunks of 64 steps. */
    static final List<String> SAC = List.of(
            "iteration_steps=64",
            "learning_starts=32",
            "batch_size=16",
            "utd_ratio=0.25",
            "actor_hidden=16,16",
            "critic_hidden=16,16");

    static GorlAlgorithm create(String algo, String... extra) {
        List<String> o = new ArrayList<>(STAGES);
        o.addAll(algo.equals("gorl-sac") ? SAC : PPO);
        o.addAll(List.of(extra));
        Config c = RunConfig.resolve(TASK.name(), algo, "auto", o).config();
        return (GorlAlgorithm) Algorithms.create(algo, c, TASK);
    }

    /** {@code encoder_reset=head} in both learners: after the first boundary the encoder is exactly N(0, I) everywhere. */
    @Test
    void encoderResetHeadGivesExactlyUnitLatentsInBothLearners() {
        float[] obs = new float[3 * 8];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) Math.sin(1.7 * i);
        }
        for (String algo : List.of("gorl-fm", "gorl-sac")) {
            try (GorlAlgorithm g = create(algo, "encoder_reset=head")) {
                Map<String, float[]> before = Map.of();
                while (g.stage() == 0) {
                    before = g.latentLearner().exportEncoder();
                    g.iterate();
                }
                Map<String, float[]> last = before;
                Map<String, float[]> after = g.latentLearner().exportEncoder();
                assertThat(after.keySet().stream().filter(n -> java.util.Arrays.equals(after.get(n), last.get(n))))
                        .as("%s: hidden layers kept", algo)
                        .isNotEmpty();
                float[] mean = new float[8];
                float[] std = new float[8];
                if (g.latentLearner() instanceof PpoLatentLearner p) {
                    p.learner().policy().snapshot().meanStd(obs, 8, mean, std);
                } else {
                    ((SacLatentLearner) g.latentLearner()).sac().meanStdU(obs, 8, mean, std);
                }
                assertThat(mean).as("%s: latent mean", algo).containsOnly(0f);
                for (float v : std) {
                    assertThat((double) v).as("%s: latent std", algo).isCloseTo(1.0, within(1e-6));
                }
            }
        }
    }

    @Test
    void theSchedulerDrivesPpoAndSacThroughTheSameBoundaries() {
        try (GorlAlgorithm ppo = create("gorl-fm");
                GorlAlgorithm sac = create("gorl-sac")) {
            assertThat(ppo.latentLearner()).isInstanceOf(PpoLatentLearner.class);
            assertThat(sac.latentLearner()).isInstanceOf(SacLatentLearner.class);
            List<String> expected = GorlAlgorithmTest.SMALL_STAGES_TRACE;
            assertThat(GorlAlgorithmTest.trace(ppo, 17)).containsExactlyElementsOf(expected);
            assertThat(GorlAlgorithmTest.trace(sac, 17)).containsExactlyElementsOf(expected);
            assertThat(ppo.stage()).isEqualTo(2);
            assertThat(sac.stage()).isEqualTo(2);
            assertThat(sac.metricColumns())
                    .startsWith(SacAlgorithm.COLUMNS.toArray(String[]::new))
                    .endsWith(GorlAlgorithm.STAGE_COLUMNS.toArray(String[]::new));
        }
    }

    /**
     * With the identity decoder and no warm-up, GoRL-SAC's stage 0 is plain SAC: the same draws, the
     * same stored x; executed actions differ only by rounding (tanh of u in double, then the box map,
     * instead of x = tanh(u) rounded to float first), so the losses agree to several digits.
     */
    @Test
    void stageZeroWithTheIdentityDecoderIsSacUpToRounding() {
        List<String> o = new ArrayList<>(SAC);
        o.addAll(List.of("learning_starts=0", "num_envs=4", "total_steps=100000", "seed=5"));
        Config sacConfig = RunConfig.resolve(TASK.name(), "sac", "auto", o).config();
        try (var sac = Algorithms.create("sac", sacConfig, TASK);
                GorlAlgorithm gorl = create("gorl-sac", "learning_starts=0")) {
            for (int i = 0; i < 2; i++) {
                Map<String, Object> expected = sac.iterate();
                Map<String, Object> actual = gorl.iterate();
                for (String column : List.of("critic_loss", "actor_loss", "ent_coef", "entropy", "q_mean")) {
                    double e = (Double) expected.get(column);
                    assertThat((Double) actual.get(column))
                            .as("%s at iteration %d", column, i)
                            .isCloseTo(e, within(1e-4 * Math.max(1, Math.abs(e))));
                }
                assertThat(actual.get("gradient_steps")).isEqualTo(expected.get("gradient_steps"));
            }
            double[] obs = {0.3, -0.2, 0.5, 1, 0, -1};
            double[] a = new double[2];
            double[] b = new double[2];
            sac.actor().act(obs, 2, true, new Rng(1), a);
            gorl.actor().act(obs, 2, true, new Rng(1), b);
            assertThat(b[0]).isCloseTo(a[0], within(1e-4));
            assertThat(b[1]).isCloseTo(a[1], within(1e-4));
        }
    }

    static double[] actorStd(GaussianPolicy actor, int rows) {
        Rng r = new Rng(3);
        float[] o = new float[rows * 3];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) r.uniform(-1, 1);
        }
        float[] mean = new float[rows];
        float[] std = new float[rows];
        actor.snapshot().meanStd(o, rows, mean, std);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = std[i];
        }
        return out;
    }

    /**
     * At a boundary GoRL-SAC empties its replay buffer (the stored latents were decoded by the old
     * decoder), re-initialises actor and critics, and acts from the N(0, I) prior without learning for
     * learning_starts steps again.
     */
    @Test
    void atABoundarySacForgetsItsReplayAndRestartsLearningFromTheNewDecodersPrior() {
        try (GorlAlgorithm g = create("gorl-sac")) {
            SacAlgorithm sac = ((SacLatentLearner) g.latentLearner()).sac();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rows.add(g.iterate());
            }
            assertThat(sac.replayBuffer().size()).isEqualTo(128);
            long gradientSteps = (Long) rows.get(1).get("gradient_steps");
            // one gradient step per vector step from the one that reaches learning_starts (32) to 128
            assertThat(gradientSteps).isEqualTo((128 - 32) / 4 + 1);
            Map<String, float[]> actorBefore = sac.exportActor();
            Map<String, float[]> criticBefore = sac.learner().criticStore().export();
            for (int i = 0; i < 5; i++) {
                g.iterate(); // collect, collect, 3 decoder epochs: the boundary
            }
            assertThat(g.stage()).isEqualTo(1);
            assertThat(sac.replayBuffer().size())
                    .as("replay emptied at the boundary")
                    .isZero();
            assertThat(sac.learningStartsAt()).isEqualTo(128 + 32);
            assertThat(sac.globalStep()).as("collection steps are not SAC's").isEqualTo(128);
            Map<String, float[]> actorAfter = sac.exportActor();
            actorBefore.forEach((k, v) -> assertThat(actorAfter.get(k)).as(k).isNotEqualTo(v));
            Map<String, float[]> criticAfter = sac.learner().criticStore().export();
            criticBefore.forEach((k, v) -> assertThat(criticAfter.get(k)).as(k).isNotEqualTo(v));
            for (double s : actorStd(sac.learner().actor(), 20)) {
                assertThat(s).as("the re-initialised encoder's latent std").isCloseTo(1.0, within(0.3));
            }

            Map<String, Object> first = g.iterate();
            assertThat(first.get("buffer_size"))
                    .as("only the new stage's transitions")
                    .isEqualTo(64);
            assertThat(first.get("gradient_steps"))
                    .as("no learning in the stage's first 28 steps, then one per vector step")
                    .isEqualTo(gradientSteps + (64 - 32) / 4 + 1);
            assertThat(first.get("phase")).isEqualTo("rl");
        }
    }

    @Test
    void gorlSacKeepsItsCriticsWhenAskedButStillForgetsItsReplay() {
        try (GorlAlgorithm g = create("gorl-sac", "keep_critic=true")) {
            SacAlgorithm sac = ((SacLatentLearner) g.latentLearner()).sac();
            GorlAlgorithmTest.trace(g, 2);
            Map<String, float[]> criticBefore = sac.learner().criticStore().export();
            GorlAlgorithmTest.trace(g, 5);
            assertThat(g.stage()).isEqualTo(1);
            assertThat(sac.replayBuffer().size()).isZero();
            criticBefore.forEach(
                    (k, v) -> assertThat(sac.learner().criticStore().export().get(k))
                            .as(k)
                            .isEqualTo(v));
        }
    }

    @Test
    void gorlSacExecutesTanhOfTheDecodedLatentAndEvaluatesTheLatentMean() {
        try (GorlAlgorithm g = create("gorl-sac", "decoder=diffusion")) {
            GorlAlgorithmTest.trace(g, 7);
            assertThat(g.stage()).isEqualTo(1);
            SacLatentLearner l = (SacLatentLearner) g.latentLearner();
            double[] obs = {0.3, -0.2, 0.5};
            float[] o = {0.3f, -0.2f, 0.5f};
            float[] mean = new float[1];
            float[] std = new float[1];
            l.sac().learner().actor().snapshot().meanStd(o, 1, mean, std);
            float[] u = new float[1];
            g.decoder().observationSampler().decode(o, mean, 1, u);
            double[] action = new double[1];
            g.actor().act(obs, 1, true, new Rng(1), action);
            double expected = 2 * StrictMath.tanh(u[0]); // pendulum torque in [-2, 2]
            assertThat(action[0]).isCloseTo(expected, within(1e-5));
        }
    }
}
