package org.gorlj.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.cli.Main;
import org.gorlj.config.Config;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.classic.ClassicTasks;
import org.gorlj.run.MetricsLog;
import org.gorlj.train.AlgorithmType;
import org.gorlj.train.Algorithms;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunConfig;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's task and algorithm, found through this test class path's {@code META-INF/services} files
 * (no jar needed) or registered from code, are seen by the CLI and keep every guarantee of the
 * project's own: training, checkpoints with the task's state, exact resume, evaluation.
 */
class ExtensionRegistryTest {
    private static final List<String> PROJECT_TASKS =
            new ClassicTasks().tasks().stream().map(Task::name).toList();

    @Test
    void serviceLoaderFindsTheTestTaskAndAlgorithmAfterTheProjectsOwn() {
        List<String> tasks = TaskRegistry.all().stream().map(Task::name).toList();
        assertThat(tasks.subList(0, PROJECT_TASKS.size())).isEqualTo(PROJECT_TASKS);
        assertThat(tasks).contains(TestTasks.DRIFT, "gym/hopper", "dmc/hopper-stand");
        assertThat(tasks.indexOf(TestTasks.DRIFT)).isGreaterThan(tasks.indexOf("dmc/hopper-stand"));
        assertThat(TaskRegistry.get(TestTasks.DRIFT).maxEpisodeSteps()).isEqualTo(50);
        List<String> algos = Algorithms.names();
        assertThat(algos.subList(0, 7))
                .containsExactly("ppo", "sac", "gorl-fm", "gorl-diffusion", "gorl-sac", "fpo", "dppo");
        assertThat(algos).contains(TestAlgorithms.TINY_PPO);
    }

    @Test
    void gorlTasksListsTheUsersTask() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("tasks")).isZero();
        } finally {
            System.setOut(before);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .containsPattern("test/drift +test +2 +1 +- +50  a user's task: keep a pushed point near 0");
    }

    @Test
    void aTakenTaskNameIsRefusedNamingBothRegistrantsAndNothingIsAdded() {
        Task clash = new Task("classic/pendulum", "another pendulum", 10, Drift::new);
        assertThatThrownBy(() -> TaskRegistry.register(clash))
                .isInstanceOf(TaskRegistry.DuplicateTaskException.class)
                .hasMessage("task 'classic/pendulum' is registered twice, by org.gorlj.env.classic.ClassicTasks and by "
                        + ExtensionRegistryTest.class.getName() + "; give one of them another name");
        Task fresh = new Task("test/not-added", "", 10, Drift::new);
        TaskProvider half = () -> List.of(fresh, new Task(TestTasks.DRIFT, "", 10, Drift::new));
        assertThatThrownBy(() -> TaskRegistry.register(half))
                .isInstanceOf(TaskRegistry.DuplicateTaskException.class)
                .hasMessageContaining("task 'test/drift' is registered twice, by org.gorlj.extension.TestTasks and by");
        assertThat(TaskRegistry.all()).extracting(Task::name).doesNotContain("test/not-added");
        assertThat(TaskRegistry.get("classic/pendulum").description()).isNotEqualTo("another pendulum");
    }

    @Test
    void aTakenAlgorithmNameIsRefusedNamingBothRegistrants() {
        AlgorithmType clash = new AlgorithmType() {
            @Override
            public String name() {
                return "ppo";
            }

            @Override
            public List<org.gorlj.config.Knob> knobs() {
                return PpoAlgorithm.KNOBS;
            }

            @Override
            public org.gorlj.algo.Algorithm create(Config config, Task task) {
                throw new AssertionError("never built");
            }
        };
        assertThatThrownBy(() -> Algorithms.register(clash))
                .isInstanceOf(Algorithms.DuplicateAlgorithmException.class)
                .hasMessage("algorithm 'ppo' is registered twice, by org.gorlj.train.ProjectAlgorithms and by "
                        + ExtensionRegistryTest.class.getName() + "; give one of them another name");
        assertThat(Algorithms.names().stream().filter("ppo"::equals)).hasSize(1);
    }

    @Test
    void theUsersPresetsAreTheOnlyOnesOfTheirAlgorithm() {
        assertThat(RunConfig.resolve(TestTasks.DRIFT, TestAlgorithms.TINY_PPO, "tiny", List.of())
                        .config()
                        .getInt("num_steps"))
                .isEqualTo(32);
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(err, true), "train", "--task", TestTasks.DRIFT, "--algo", TestAlgorithms.TINY_PPO);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("error: unknown preset 'auto' for test-tiny-ppo; known presets: tiny, tiny-eval");
    }

    @Test
    void theCommandLineTrainsAndEvaluatesTheUsersTaskWithTheUsersAlgorithm(@TempDir Path tmp) {
        String dir = tmp.resolve("run").toString();
        StringWriter err = new StringWriter();
        int trained = Main.run(
                new PrintWriter(err, true),
                "train",
                "--quiet",
                "--task",
                TestTasks.DRIFT,
                "--algo",
                TestAlgorithms.TINY_PPO,
                "--preset",
                "tiny",
                "--out",
                dir);
        assertThat(trained).as(err.toString()).isZero();
        assertThat(Main.run(new PrintWriter(err, true), "eval", dir, "--episodes", "3"))
                .as(err.toString())
                .isZero();
        assertThat(Path.of(dir, "eval.json")).isRegularFile();
    }

    /**
     * The run's checkpoint at step 256 (kept by {@code checkpoint_at_step}) put back as the latest one:
     * resuming from it writes the same rows as the uninterrupted run, so the task's state (position,
     * velocity, generator, the copies' running episodes) went through the checkpoint exactly.
     */
    @Test
    void aRunOnTheUsersTaskResumesExactly(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        RunConfig run = RunConfig.resolve(
                TestTasks.DRIFT, TestAlgorithms.TINY_PPO, "tiny-eval", List.of("checkpoint_at_step=256"));
        Trainer.create(dir, run, null).train();
        RunDirectory d = new RunDirectory(dir);
        List<Map<String, String>> uninterrupted = rows(d.metrics());
        Files.copy(d.stepCheckpoint(256), d.latest(), StandardCopyOption.REPLACE_EXISTING);
        Trainer resumed = Trainer.open(dir, null);
        assertThat(resumed.train().globalStep()).isEqualTo(640);
        assertThat(rows(d.metrics())).isEqualTo(uninterrupted);
        assertThat(uninterrupted).hasSize(10);
        double[] returns = Evaluation.run(dir, "best", 4, true, 0).result().returns();
        assertThat(returns).hasSize(4);
        assertThat(java.util.Arrays.stream(returns).max().orElseThrow()).isNegative();
    }

    /** A task registered from code (no service file) trains and evaluates like a discovered one. */
    @Test
    void aTaskRegisteredFromCodeTrains(@TempDir Path tmp) throws Exception {
        TaskRegistry.register(new Task("test/drift-from-code", "registered from code", 20, Drift::new));
        assertThat(TaskRegistry.all()).last().extracting(Task::name).isEqualTo("test/drift-from-code");
        Path dir = tmp.resolve("run");
        RunConfig run = RunConfig.resolve("test/drift-from-code", TestAlgorithms.TINY_PPO, "tiny", List.of());
        assertThat(Trainer.create(dir, run, null).train().globalStep()).isEqualTo(640);
        assertThat(Evaluation.run(dir, "latest", 2, true, 0).result().lengths()).containsOnly(20);
    }

    private static List<Map<String, String>> rows(Path metrics) throws Exception {
        List<Map<String, String>> rows = MetricsLog.read(metrics);
        rows.forEach(r -> MetricsLog.WALL_CLOCK_COLUMNS.forEach(r::remove));
        return rows;
    }
}
