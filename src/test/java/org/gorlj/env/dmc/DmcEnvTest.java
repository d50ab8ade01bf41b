package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract properties of every DMC environment. */
class DmcEnvTest {

    @ParameterizedTest
    @EnumSource(DmcTask.class)
    void registryBuildsTheTaskWithItsSpaces(DmcTask task) {
        Task registered = TaskRegistry.get(task.taskName());
        assertThat(registered.maxEpisodeSteps()).isEqualTo(1000);
        try (Env env = registered.make()) {
            assertThat(env.observationSpace().dim()).isEqualTo(task.observationSize());
            assertThat(env.actionSpace()).isEqualTo(BoxSpace.uniform(task.actionSize(), -1, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(DmcTask.class)
    void episodeLastsExactly1000StepsWithRewardsInTheUnitInterval(DmcTask task) {
        try (Env env = TaskRegistry.get(task.taskName()).make()) {
            double[] obs = new double[task.observationSize()];
            env.reset(7, obs);
            assertFinite(obs);
            Rng actions = new Rng(99);
            double[] action = new double[task.actionSize()];
            StepResult r = new StepResult(task.observationSize());
            int steps = 0;
            do {
                randomAction(actions, action);
                env.step(action, r);
                steps++;
                assertThat(r.reward).as("reward at step %d", steps).isBetween(0.0, 1.0);
                assertThat(r.terminated).as("terminated at step %d", steps).isFalse();
                assertFinite(r.observation);
            } while (!r.done());
            assertThat(steps).isEqualTo(1000);
            assertThat(r.truncated).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DmcTask.class)
    void sameSeedGivesTheSameEpisodeAndAnotherSeedAnotherStart(DmcTask task) {
        List<double[]> first = rollout(task, 11, 100);
        List<double[]> second = rollout(task, 11, 100);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("record %d", i).containsExactly(first.get(i));
        }
        double[] otherStart = rollout(task, 12, 0).get(0);
        if (task.modelResource().endsWith("/humanoid.xml")) {
            assertThat(otherStart)
                    .as("Playground starts the humanoid in its standing pose whatever the seed")
                    .containsExactly(first.get(0));
        } else {
            assertThat(otherStart).isNotEqualTo(first.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(DmcTask.class)
    void savedStateContinuesExactly(DmcTask task) throws Exception {
        Rng actions = new Rng(5);
        double[] action = new double[task.actionSize()];
        StepResult r = new StepResult(task.observationSize());
        byte[] saved;
        List<double[]> continued = new ArrayList<>();
        double[][] plannedActions = new double[40][];
        try (Env env = TaskRegistry.get(task.taskName()).make()) {
            env.reset(3, new double[task.observationSize()]);
            for (int i = 0; i < 30; i++) {
                randomAction(actions, action);
                env.step(action, r);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            env.saveState(new DataOutputStream(bytes));
            saved = bytes.toByteArray();
            for (int i = 0; i < plannedActions.length; i++) {
                randomAction(actions, action);
                plannedActions[i] = action.clone();
                env.step(action, r);
                continued.add(record(r));
            }
            double[] obs = new double[task.observationSize()];
            env.reset(obs);
            continued.add(obs);
        }
        try (Env restored = TaskRegistry.get(task.taskName()).make()) {
            restored.reset(1234, new double[task.observationSize()]); // a different state, overwritten by the load
            restored.loadState(new DataInputStream(new ByteArrayInputStream(saved)));
            for (int i = 0; i < plannedActions.length; i++) {
                restored.step(plannedActions[i], r);
                assertThat(record(r)).as("step %d after the load", i).containsExactly(continued.get(i));
            }
            double[] obs = new double[task.observationSize()];
            restored.reset(obs);
            assertThat(obs)
                    .as("next episode's start (generator restored)")
                    .containsExactly(continued.get(plannedActions.length));
        }
    }

    /** Observation and reward of each step of a seeded episode with seeded random actions (first entry: reset observation). */
    private static List<double[]> rollout(DmcTask task, long seed, int steps) {
        List<double[]> records = new ArrayList<>();
        try (Env env = TaskRegistry.get(task.taskName()).make()) {
            double[] obs = new double[task.observationSize()];
            env.reset(seed, obs);
            records.add(obs.clone());
            Rng actions = new Rng(seed + 1);
            double[] action = new double[task.actionSize()];
            StepResult r = new StepResult(task.observationSize());
            for (int i = 0; i < steps; i++) {
                randomAction(actions, action);
                env.step(action, r);
                records.add(record(r));
            }
        }
        return records;
    }

    private static double[] record(StepResult r) {
        double[] rec = Arrays.copyOf(r.observation, r.observation.length + 3);
        rec[r.observation.length] = r.reward;
        rec[r.observation.length + 1] = r.terminated ? 1 : 0;
        rec[r.observation.length + 2] = r.truncated ? 1 : 0;
        return rec;
    }

    static void randomAction(Rng rng, double[] action) {
        for (int i = 0; i < action.length; i++) {
            action[i] = rng.uniform(-1, 1);
        }
    }

    private static void assertFinite(double[] x) {
        for (double v : x) {
            assertThat(Double.isFinite(v))
                    .as("finite observation %s", Arrays.toString(x))
                    .isTrue();
        }
    }
}
