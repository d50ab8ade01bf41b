package org.gorlj.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gorlj.algo.gorl.GorlAlgorithm;
import org.gorlj.env.VecEnv;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunConfig;
import org.gorlj.train.Trainer;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every algorithm's exported model, run by ONNX Runtime on 1,000 observations of real episodes,
 * gives the actions of the project's own policy within 1e-5: deterministic, and stochastic with the
 * noise drawn from the same generator. Each run is a few seconds of training on classic/pendulum; the
 * GoRL runs cross a stage boundary, so their decoders are fitted rather than the identity (with
 * observation statistics of their own, and once reading the encoder's normalised input instead).
 */
class OnnxExportTest {
    private static final String TASK = "classic/pendulum";
    private static final List<String> ON_POLICY =
            List.of("num_envs=2", "num_steps=64", "num_minibatches=2", "eval_episodes=1", "total_steps=256");
    private static final List<String> GORL_PPO = List.of(
            "num_envs=2",
            "num_steps=64",
            "num_minibatches=2",
            "eval_episodes=1",
            "stage_steps=128",
            "decoder_data_steps=128",
            "decoder_epochs=2",
            "decoder_batch=32",
            "boundary_eval_episodes=0",
            "total_steps=384");

    @TempDir
    Path tmp;

    static Stream<Arguments> runs() {
        List<String> sac = List.of(
                "num_envs=1",
                "learning_starts=64",
                "batch_size=32",
                "iteration_steps=64",
                "eval_episodes=1",
                "total_steps=192");
        List<String> gorlSac = new ArrayList<>(sac);
        gorlSac.addAll(List.of(
                "stage_steps=128",
                "decoder_data_steps=64",
                "decoder_epochs=2",
                "decoder_batch=32",
                "boundary_eval_episodes=0",
                "decoder=diffusion",
                "total_steps=320"));
        List<String> ppoClip = new ArrayList<>(ON_POLICY);
        ppoClip.addAll(List.of("action_mode=clip", "state_dependent_std=false"));
        List<String> encoderStats = new ArrayList<>(GORL_PPO);
        encoderStats.add("decoder_obs_stats=encoder");
        List<String> actionScale = new ArrayList<>(GORL_PPO);
        actionScale.add("decoder_action_scale=standard");
        return Stream.of(
                Arguments.of("ppo", ON_POLICY),
                Arguments.of("ppo", ppoClip),
                Arguments.of("sac", sac),
                Arguments.of("gorl-fm", GORL_PPO),
                Arguments.of("gorl-diffusion", GORL_PPO),
                Arguments.of("gorl-fm", encoderStats),
                Arguments.of("gorl-diffusion", actionScale),
                Arguments.of("gorl-sac", gorlSac),
                Arguments.of("fpo", ON_POLICY),
                Arguments.of("dppo", ON_POLICY));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void exportedModelActsAsTheProjectsPolicy(String algo, List<String> settings) throws Exception {
        Path run = tmp.resolve(algo);
        Trainer.create(run, RunConfig.resolve(TASK, algo, "auto", settings), null)
                .train();
        if (algo.startsWith("gorl")) {
            int stage = Evaluation.withLoaded(run, "latest", l -> ((GorlAlgorithm) l.algorithm()).stage());
            assertThat(stage)
                    .as("the run has passed a stage boundary: a fitted decoder")
                    .isEqualTo(1);
        }
        Evaluation.LoadedPolicy policy = Evaluation.load(run, "latest");
        int rows = 1000;
        double[] obs = episodeObservations(policy, rows);
        for (boolean stochastic : new boolean[] {false, true}) {
            Path file = tmp.resolve(algo + (stochastic ? "-stochastic" : "") + ".onnx");
            OnnxExport.Report r = OnnxExport.export(run, "latest", stochastic, file);
            assertThat(r.model()).isRegularFile();
            assertThat(Files.size(OnnxExport.weightsFile(file))).isPositive();
            double[] expected = new double[rows];
            double[] actual = new double[rows];
            policy.actor().act(obs, rows, !stochastic, new Rng(77), expected);
            try (OnnxActor onnx = OnnxActor.open(file)) {
                assertThat(onnx.stochastic()).isEqualTo(stochastic);
                onnx.act(obs, rows, !stochastic, new Rng(77), actual);
                assertThat(onnx.metadata()).containsEntry("gorlj.algo", algo);
            }
            double worst = 0;
            for (int i = 0; i < rows; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            System.out.printf(
                    "%s %s %s: largest action difference %.3g%n",
                    algo,
                    settings.contains("action_mode=clip") ? "(clip)" : "",
                    stochastic ? "stochastic" : "deterministic",
                    worst);
            assertThat(worst)
                    .as("%s %s: largest action difference", algo, stochastic ? "stochastic" : "deterministic")
                    .isLessThanOrEqualTo(1e-5);
            if (stochastic) {
                double[] other = new double[rows];
                try (OnnxActor onnx = OnnxActor.open(file)) {
                    onnx.act(obs, rows, false, new Rng(78), other);
                }
                assertThat(differences(other, actual))
                        .as("the stochastic model samples")
                        .isGreaterThan(rows / 2);
            }
        }
    }

    /** Observations of {@code rows / 200} pendulum episodes played by the policy (sampling, so they spread). */
    private static double[] episodeObservations(Evaluation.LoadedPolicy p, int rows) {
        int copies = 5;
        double[] out = new double[rows * 3];
        Rng rng = new Rng(3);
        try (VecEnv env = new VecEnv(p.task(), copies, 1)) {
            env.reset(11);
            double[] actions = new double[copies * env.actionDim()];
            for (int t = 0; t < rows / copies; t++) {
                System.arraycopy(env.observations(), 0, out, t * copies * 3, copies * 3);
                p.actor().act(env.observations(), copies, false, rng, actions);
                env.step(actions);
            }
        }
        return out;
    }

    private static int differences(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-6) {
                n++;
            }
        }
        return n;
    }
}
