package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Tensors;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** GoRL's stage 0 against PPO, its stage boundaries, and what happens at a boundary. */
class GorlAlgorithmTest {
    static final Task TASK = TaskRegistry.get("classic/pendulum");
    /** PPO settings shared by both algorithms (everything the two presets could set differently). */
    static final List<String> SHARED = List.of(
            "num_envs=4",
            "num_steps=16",
            "num_minibatches=2",
            "update_epochs=2",
            "action_mode=tanh",
            "entropy_mode=gaussian",
            "state_dependent_std=true",
            "ent_coef=0.01",
            "anneal_lr=false",
            "total_steps=100000",
            "seed=5");

    static Config config(String algo, String... extra) {
        List<String> o = new ArrayList<>(SHARED);
        o.addAll(List.of(extra));
        return RunConfig.resolve(TASK.name(), algo, "auto", o).config();
    }

    static double[] observations(int rows, long seed) {
        double[] obs = new double[rows * 3];
        Rng r = new Rng(seed);
        for (int i = 0; i < obs.length; i++) {
            obs[i] = r.uniform(-1, 1);
        }
        return obs;
    }

    static double[] act(Algorithm a, double[] obs, boolean deterministic) {
        int rows = obs.length / 3;
        double[] actions = new double[rows];
        a.actor().act(obs, rows, deterministic, new Rng(99), actions);
        return actions;
    }

    @Test
    void stageZeroWithTheIdentityFlowDecoderIsGaussianPpo() {
        Config ppoConfig = config("ppo");
        Config gorlConfig = config("gorl-fm", "z_reg_first=0");
        for (Knob k : PpoAlgorithm.KNOBS) {
            assertThat(gorlConfig.asMap().get(k.name()))
                    .as(k.name())
                    .isEqualTo(ppoConfig.asMap().get(k.name()));
        }
        try (Algorithm ppo = Algorithms.create("ppo", ppoConfig, TASK);
                Algorithm gorl = Algorithms.create("gorl-fm", gorlConfig, TASK)) {
            double[] obs = observations(50, 1);
            for (int i = 0; i < 4; i++) {
                Map<String, Object> expected = ppo.iterate();
                Map<String, Object> actual = gorl.iterate();
                for (String column : PpoAlgorithm.COLUMNS) {
                    assertThat(actual.get(column))
                            .as("%s at iteration %d", column, i)
                            .isEqualTo(expected.get(column));
                }
                assertThat(actual.get("phase")).isEqualTo("rl");
                assertThat(actual.get("stage")).isEqualTo(0);
                assertThat(gorl.globalStep()).isEqualTo(ppo.globalStep());
                assertThat(act(gorl, obs, false)).isEqualTo(act(ppo, obs, false));
                assertThat(act(gorl, obs, true)).isEqualTo(act(ppo, obs, true));
            }
        }
    }

    static final String[] SMALL_STAGES = {
        "stage_steps=128,192", "decoder_data_steps=128", "decoder_epochs=3", "decoder_patience=3", "decoder_batch=32"
    };

    /** Iterates and returns the rows' (phase, stage, global step). */
    static List<String> trace(GorlAlgorithm g, int units) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            Map<String, Object> row = g.iterate();
            t.add(row.get("phase") + "/" + row.get("stage") + "@" + g.globalStep());
        }
        return t;
    }

    /**
     * What the units of work of {@link #SMALL_STAGES} are (phase/stage@global step): 64 RL steps per
     * iteration; stage 0 ends at 128 RL steps, stage 1 after 192 more; each data set is 128 steps (two
     * chunks of 16 steps of 4 copies), each decoder trains 3 epochs.
     */
    static final List<String> SMALL_STAGES_TRACE = List.of(
            "rl/0@64",
            "rl/0@128",
            "collect/0@192",
            "collect/0@256",
            "decoder/0@256",
            "decoder/0@256",
            "decoder/0@256",
            "rl/1@320",
            "rl/1@384",
            "rl/1@448",
            "collect/1@512",
            "collect/1@576",
            "decoder/1@576",
            "decoder/1@576",
            "decoder/1@576",
            "rl/2@640",
            "rl/2@704");

    @Test
    void stagesEndAtTheConfiguredStepsThenCollectThenTrainTheDecoder() {
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create("gorl-fm", config("gorl-fm", SMALL_STAGES), TASK)) {
            assertThat(trace(g, 17)).containsExactlyElementsOf(SMALL_STAGES_TRACE);
        }
    }

    static PpoLatentLearner ppo(GorlAlgorithm g) {
        return (PpoLatentLearner) g.latentLearner();
    }

    static double[] policyOutputs(GorlAlgorithm g, double[] obs, boolean std) {
        GaussianPolicy.Snapshot p = ppo(g).learner().policy().snapshot();
        int rows = obs.length / 3;
        float[] o = new float[obs.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) obs[i];
        }
        float[] mean = new float[rows];
        float[] s = new float[rows];
        p.meanStd(o, rows, mean, s);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = std ? s[i] : mean[i];
        }
        return out;
    }

    @Test
    void keepCriticCarriesTheValueFunctionAcrossABoundaryWhileTheEncoderStartsAfresh() {
        String[] knobs = java.util.Arrays.copyOf(SMALL_STAGES, SMALL_STAGES.length + 1);
        knobs[SMALL_STAGES.length] = "keep_critic=true";
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create("gorl-fm", config("gorl-fm", knobs), TASK)) {
            Map<String, float[]> encoderBefore = Map.of();
            Map<String, float[]> criticBefore = Map.of();
            while (g.stage() == 0) { // the weights as the last unit of stage 0 left them
                encoderBefore = ppo(g).learner().actorStore().export();
                criticBefore = ppo(g).learner().criticStore().export();
                g.iterate();
            }
            Map<String, float[]> encoderAfter = ppo(g).learner().actorStore().export();
            Map<String, float[]> criticAfter = ppo(g).learner().criticStore().export();
            assertThat(criticAfter.keySet()).isEqualTo(criticBefore.keySet()).isNotEmpty();
            for (Map.Entry<String, float[]> e : criticBefore.entrySet()) {
                assertThat(criticAfter.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            for (Map.Entry<String, float[]> e : encoderBefore.entrySet()) {
                assertThat(encoderAfter.get(e.getKey())).as(e.getKey()).isNotEqualTo(e.getValue());
            }
            for (double s : policyOutputs(g, observations(20, 3), true)) {
                assertThat(s).as("the fresh encoder's latent std").isCloseTo(1.0, within(0.02));
            }
        }
    }

    @Test
    void encoderResetHeadKeepsTheHiddenLayersAndRestartsTheOutputAtExactlyUnitLatents() {
        String[] knobs = java.util.Arrays.copyOf(SMALL_STAGES, SMALL_STAGES.length + 1);
        knobs[SMALL_STAGES.length] = "encoder_reset=head";
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create("gorl-fm", config("gorl-fm", knobs), TASK)) {
            Map<String, float[]> encoderBefore = Map.of();
            while (g.stage() == 0) { // the weights as the last unit of stage 0 left them
                encoderBefore = ppo(g).learner().actorStore().export();
                g.iterate();
            }
            Map<String, float[]> encoderAfter = ppo(g).learner().actorStore().export();
            assertThat(encoderAfter.keySet()).isEqualTo(encoderBefore.keySet());
            String outW = null;
            String outB = null;
            for (String name : encoderBefore.keySet()) { // the output layer is the last w / b of the network
                if (name.matches(".*\\.w\\d+")) {
                    outW = name;
                } else if (name.matches(".*\\.b\\d+")) {
                    outB = name;
                }
            }
            for (Map.Entry<String, float[]> e : encoderBefore.entrySet()) {
                String name = e.getKey();
                if (name.equals(outW) || name.equals(outB)) {
                    assertThat(encoderAfter.get(name)).as(name).isNotEqualTo(e.getValue());
                } else {
                    assertThat(encoderAfter.get(name))
                            .as("hidden layer %s kept", name)
                            .isEqualTo(e.getValue());
                }
            }
            assertThat(encoderAfter.get(outW)).as("output weights").containsOnly(0f);
            double[] obs = observations(20, 3);
            assertThat(policyOutputs(g, obs, false)).as("latent mean").containsOnly(0.0);
            for (double s : policyOutputs(g, obs, true)) {
                assertThat(s).as("latent std").isCloseTo(1.0, within(1e-6));
            }
            assertThat(trace(g, 3)).as("the stage trains on").allMatch(t -> t.startsWith("rl/1@"));
        }
    }

    @Test
    void encoderResetHeadNeedsAResetToAPositiveStd() {
        assertThatThrownBy(() -> GorlConfig.from(config("gorl-fm", "encoder_reset=head", "reset_encoder=false")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("encoder_reset=head");
        assertThatThrownBy(() -> GorlConfig.from(config("gorl-fm", "encoder_reset=head", "encoder_init_std=0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("encoder_init_std > 0");
    }

    @Test
    void atABoundaryTheEncoderAndCriticAreReinitialisedToUnitLatentsAndTheDecoderChanges() {
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create("gorl-fm", config("gorl-fm", SMALL_STAGES), TASK)) {
            trace(g, 2);
            Map<String, float[]> encoderBefore = ppo(g).learner().actorStore().export();
            Map<String, float[]> criticBefore = ppo(g).learner().criticStore().export();
            double[] stdBefore = policyOutputs(g, observations(20, 3), true);
            trace(g, 5);
            assertThat(g.stage()).isEqualTo(1);
            Map<String, float[]> encoderAfter = ppo(g).learner().actorStore().export();
            for (String name : encoderBefore.keySet()) {
                assertThat(encoderAfter.get(name)).as(name).isNotEqualTo(encoderBefore.get(name));
            }
            for (String name : criticBefore.keySet()) {
                assertThat(ppo(g).learner().criticStore().export().get(name))
                        .as(name)
                        .isNotEqualTo(criticBefore.get(name));
            }
            double[] obs = observations(20, 3);
            for (double s : policyOutputs(g, obs, true)) {
                assertThat(s).isCloseTo(1.0, within(0.02));
            }
            for (double m : policyOutputs(g, obs, false)) {
                assertThat(m).isCloseTo(0.0, within(0.05));
            }
            assertThat(stdBefore[0]).as("PPO's initial std differs from 1").isNotCloseTo(1.0, within(0.1));
            float[] eps = {-1f, 0f, 1f};
            float[] o = new float[9];
            float[] decoded = new float[3];
            g.decoder().sampler().decode(o, eps, 3, decoded);
            assertThat(decoded)
                    .as("the refined decoder is no longer the identity")
                    .isNotEqualTo(eps);
        }
    }

    /**
     * The stage is stored once, by the scheduler ({@code gorl.stage}); a checkpoint written when the
     * PPO learner also stored it ({@code latent_stage}) still loads, at its stage, with the stage's
     * regulariser weight.
     */
    @Test
    void theStageIsStoredOnceAndOldCheckpointsWithTheLearnersStageLoad() {
        org.gorlj.run.CheckpointData saved = new org.gorlj.run.CheckpointData();
        long step;
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create("gorl-fm", config("gorl-fm", SMALL_STAGES), TASK)) {
            trace(g, 7);
            assertThat(g.stage()).isEqualTo(1);
            g.save(saved);
            step = g.globalStep();
        }
        assertThat(saved.meta()).containsEntry("gorl.stage", 1).doesNotContainKey("latent_stage");
        saved.meta().put("latent_stage", 1);
        try (GorlAlgorithm g = (GorlAlgorithm) Algorithms.create(
                        "gorl-fm", config("gorl-fm", concat(SMALL_STAGES, "z_reg_first=0", "z_reg=0.5")), TASK);
                NDManager m = ppo(g).learner().actorStore().manager().newSubManager()) {
            var dist = new GaussianPolicy.Dist(
                    Tensors.create(m, new float[] {1f}, new Shape(1, 1)),
                    Tensors.create(m, new float[] {1f}, new Shape(1, 1)));
            assertThat(ppo(g).regulariser().active())
                    .as("stage 0: z_reg_first = 0")
                    .isFalse();
            g.load(saved);
            assertThat(g.stage()).isEqualTo(1);
            assertThat(g.globalStep()).isEqualTo(step);
            assertThat((double) ppo(g).regulariser().loss(dist).getFloat())
                    .as("stage 1: z_reg (1 + 1)")
                    .isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void withoutEncoderResetTheStagesBestEvaluatedEncoderCarriesOn() {
        try (GorlAlgorithm g = (GorlAlgorithm)
                Algorithms.create("gorl-fm", config("gorl-fm", concat(SMALL_STAGES, "reset_encoder=false")), TASK)) {
            trace(g, 1);
            g.onEvaluation(5.0);
            Map<String, float[]> best = ppo(g).learner().actorStore().export();
            trace(g, 1);
            g.onEvaluation(4.0); // worse: not kept
            assertThat(ppo(g).learner().actorStore().export().get("actor.w0")).isNotEqualTo(best.get("actor.w0"));
            trace(g, 5);
            assertThat(g.stage()).isEqualTo(1);
            Map<String, float[]> kept = ppo(g).learner().actorStore().export();
            for (String name : best.keySet()) {
                assertThat(kept.get(name)).as(name).isEqualTo(best.get(name));
            }
        }
    }

    /**
     * GoRL-PPO with {@code learner=java} (the latent regulariser's gradient written out) follows the
     * tensor learner within float rounding over updates of stage 0, where the regulariser is on.
     */
    @Test
    void thePlainJavaLearnerFollowsTheTensorLearnerWithTheRegulariser() {
        for (String form : List.of("moments", "kl")) {
            String[] knobs = {"latent_reg=" + form, "z_reg_first=0.05"};
            try (Algorithm torch = Algorithms.create("gorl-fm", config("gorl-fm", knobs), TASK);
                    Algorithm java =
                            Algorithms.create("gorl-fm", config("gorl-fm", concat(knobs, "learner=java")), TASK)) {
                for (int i = 0; i < 3; i++) {
                    Map<String, Object> expected = torch.iterate();
                    Map<String, Object> actual = java.iterate();
                    for (String column : List.of("policy_loss", "value_loss", "entropy", "grad_norm", "latent_reg")) {
                        double e = ((Number) expected.get(column)).doubleValue();
                        assertThat(((Number) actual.get(column)).doubleValue())
                                .as("%s: %s at iteration %d", form, column, i)
                                .isCloseTo(e, within(1e-4 + 1e-3 * Math.abs(e)));
                    }
                    assertThat(((Number) actual.get("latent_reg")).doubleValue())
                            .as(form)
                            .isPositive();
                }
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }
}
