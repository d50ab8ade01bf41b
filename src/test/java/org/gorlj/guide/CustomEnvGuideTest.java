package org.gorlj.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gorlj.env.Env;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.VecEnv;
import org.gorlj.envcheck.EnvCheckReport;
import org.gorlj.envcheck.EnvChecker;
import org.gorlj.export.OnnxActor;
import org.gorlj.export.OnnxExport;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunConfig;
import org.gorlj.train.Trainer;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the code of docs/custom-env.md (a pure-Java task and a MuJoCo task of the user's own: registered,
 * checked, trained with PPO and GoRL, evaluated, exported to ONNX) and checks that the guide shows exactly this code: its
 * Java blocks are this class's marked regions and the task classes from their imports on, its MJCF block
 * the model file.
 */
@Tag("slow") // four short trainings
class CustomEnvGuideTest {
    private static final Path GUIDE = Path.of("docs/custom-env.md");
    private static final Path SOURCES = Path.of("src/test/java/org/gorlj/guide");

    /** The guide's walk-through; returns the directory of its runs. */
    static Path guide() throws IOException {
        // --- guide: register ---
        TaskRegistry.register(new MyTasks());
        // --- guide: check ---
        for (String task : List.of("my/thermostat", "my/point-reach")) {
            EnvCheckReport check = EnvChecker.check(TaskRegistry.get(task));
            check.results().forEach(r -> System.out.println(r.line()));
            if (!check.passed()) {
                throw new IllegalStateException(task + " breaks the environment contract: " + check.failures());
            }
        }
        // --- guide: train ---
        Path runs = Files.createTempDirectory("my-runs");
        List<String> small = List.of(
                "num_envs=4",
                "num_steps=128",
                "num_minibatches=4",
                "eval_every=1024",
                "eval_episodes=5",
                "total_steps=4096");
        List<String> gorlStages =
                List.of("stage_steps=2048", "decoder_data_steps=1024", "decoder_epochs=5", "decoder_batch=256");
        for (String task : List.of("my/thermostat", "my/point-reach")) {
            RunConfig ppo = RunConfig.resolve(task, "ppo", "auto", small);
            Trainer.create(runs.resolve(task + "/ppo"), ppo, System.out).train();
            List<String> gorlSettings = new ArrayList<>(small);
            gorlSettings.addAll(gorlStages);
            RunConfig gorl = RunConfig.resolve(task, "gorl-fm", "auto", gorlSettings);
            Trainer.create(runs.resolve(task + "/gorl-fm"), gorl, System.out).train();
        }
        // --- guide: evaluate ---
        for (String task : List.of("my/thermostat", "my/point-reach")) {
            for (String algo : List.of("ppo", "gorl-fm")) {
                Evaluation.Report report = Evaluation.run(runs.resolve(task + "/" + algo), "best", 10, true, 0);
                System.out.printf(
                        "%s %s: %.1f +- %.1f%n",
                        task, algo, report.result().mean(), report.result().std());
            }
        }
        // --- guide: export ---
        for (String task : List.of("my/thermostat", "my/point-reach")) {
            double[] obs;
            try (Env env = TaskRegistry.get(task).make()) {
                obs = new double[env.observationSpace().dim()];
                env.reset(7, obs); // the task's first observation for seed 7
            }
            for (String algo : List.of("ppo", "gorl-fm")) {
                Path run = runs.resolve(task + "/" + algo);
                Path model = run.resolve("policy.onnx"); // where `gorl export` writes it too
                OnnxExport.export(run, "best", false, model);
                try (OnnxActor policy = OnnxActor.open(model)) {
                    double[] action = new double[policy.actDim()];
                    policy.act(obs, 1, true, new Rng(0), action);
                    System.out.println(task + " " + algo + ": " + Arrays.toString(action));
                }
            }
        }
        // --- end guide ---
        return runs;
    }

    @Test
    void theGuidesCodeRegistersChecksTrainsEvaluatesAndExports() throws Exception {
        Path runs = guide();
        for (String task : List.of("my/thermostat", "my/point-reach")) {
            for (String algo : List.of("ppo", "gorl-fm")) {
                Path dir = runs.resolve(task + "/" + algo);
                assertThat(dir.resolve("checkpoints/best.ckpt")).isRegularFile();
                double[] returns =
                        Evaluation.run(dir, "best", 3, true, 0).result().returns();
                assertThat(returns).hasSize(3);
                for (double r : returns) { // every step's reward is at most 0; the episodes last 96 and 100 steps
                    assertThat(r).isBetween(-100.0 * (task.equals("my/thermostat") ? 40 : 3), 0.0);
                }
            }
        }
        // the exported models act as the runs' own deterministic policies
        for (String task : List.of("my/thermostat", "my/point-reach")) {
            for (String algo : List.of("ppo", "gorl-fm")) {
                Path dir = runs.resolve(task + "/" + algo);
                Evaluation.LoadedPolicy policy = Evaluation.load(dir, "best");
                int rows = 40;
                double[] obs = episodeObservations(policy, rows);
                double[] expected;
                double[] actual;
                try (OnnxActor onnx = OnnxActor.open(dir.resolve("policy.onnx"))) {
                    assertThat(onnx.stochastic()).isFalse();
                    assertThat(onnx.metadata()).containsEntry("gorlj.algo", algo);
                    expected = new double[rows * onnx.actDim()];
                    actual = new double[expected.length];
                    onnx.act(obs, rows, true, new Rng(5), actual);
                }
                policy.actor().act(obs, rows, true, new Rng(5), expected);
                double worst = 0;
                for (int i = 0; i < expected.length; i++) {
                    worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                }
                System.out.printf("%s %s: largest ONNX action difference %.3g%n", task, algo, worst);
                assertThat(worst).as("%s %s", task, algo).isLessThanOrEqualTo(1e-5);
            }
        }
        // the GoRL runs crossed their stage boundary
        String gorlMetrics = Files.readString(runs.resolve("my/thermostat/gorl-fm/metrics.csv"));
        assertThat(gorlMetrics).contains(",decoder,");
    }

    @Test
    void theGuideShowsExactlyTheTestedCode() throws IOException {
        String guide = Files.readString(GUIDE);
        List<String> javaBlocks = blocks(guide, "java");
        List<String> expected = new ArrayList<>(regions().values());
        for (String file : List.of("Thermostat.java", "PointReach.java", "MyTasks.java")) {
            String source = Files.readString(SOURCES.resolve(file));
            expected.add(source.substring(source.indexOf("import ")));
        }
        assertThat(javaBlocks).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(blocks(guide, "xml"))
                .containsExactly(Files.readString(Path.of("src/test/resources/org/gorlj/guide/point_reach.xml")));
    }

    /** Observations of episodes the policy plays (sampling, so they spread), {@code rows} in all. */
    private static double[] episodeObservations(Evaluation.LoadedPolicy policy, int rows) {
        int copies = 4;
        Rng rng = new Rng(3);
        try (VecEnv env = new VecEnv(policy.task(), copies, 1)) {
            int width = copies * env.observationDim();
            double[] out = new double[rows * env.observationDim()];
            double[] actions = new double[copies * env.actionDim()];
            env.reset(11);
            for (int t = 0; t < rows / copies; t++) {
                System.arraycopy(env.observations(), 0, out, t * width, width);
                policy.actor().act(env.observations(), copies, false, rng, actions);
                env.step(actions);
            }
            return out;
        }
    }

    /** This class's guide regions, by name, without their indentation. */
    static Map<String, String> regions() throws IOException {
        String source = Files.readString(SOURCES.resolve("CustomEnvGuideTest.java"));
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^ {8}// --- guide: ([a-z]+) ---\n").matcher(source);
        while (m.find()) {
            int end = source.indexOf("        // --- ", m.end());
            String body = source.substring(m.end(), end);
            regions.put(
                    m.group(1),
                    body.lines().map(l -> l.replaceFirst("^ {8}", "")).reduce("", (a, b) -> a + b + "\n"));
        }
        return regions;
    }

    /** The fenced blocks of a language in a markdown text. */
    static List<String> blocks(String markdown, String language) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)```" + language + "\n(.*?)```").matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
