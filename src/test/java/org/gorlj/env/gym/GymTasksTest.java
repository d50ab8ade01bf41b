package org.gorlj.env.gym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.TimeLimit;
import org.gorlj.env.VecEnv;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GymTasksTest {
    private static final String[] TASKS = {"gym/inverted-pendulum", "gym/hopper", "gym/half-cheetah", "gym/walker2d"};

    @Test
    void registryListsTheFourTasksWithTheirSpacesAndAThousandStepLimit() {
        int[][] dims = {{4, 1}, {11, 3}, {17, 6}, {17, 6}};
        double[] actionBound = {3, 1, 1, 1};
        for (int t = 0; t < TASKS.length; t++) {
            Task task = TaskRegistry.get(TASKS[t]);
            assertThat(task.maxEpisodeSteps()).isEqualTo(1000);
            try (Env env = task.make()) {
                assertThat(env).isInstanceOf(TimeLimit.class);
                assertThat(env.observationSpace().dim()).as(TASKS[t]).isEqualTo(dims[t][0]);
                assertThat(env.actionSpace().dim()).as(TASKS[t]).isEqualTo(dims[t][1]);
                for (int i = 0; i < dims[t][1]; i++) {
                    assertThat(env.actionSpace().low(i)).isEqualTo(-actionBound[t]);
                    assertThat(env.actionSpace().high(i)).isEqualTo(actionBound[t]);
                }
                assertThat(env.observationSpace().low(0)).isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
    }

    @Test
    void stepDurationsAreTimestepTimesFrameSkip() {
        try (Hopper h = new Hopper();
                Walker2d w = new Walker2d();
                HalfCheetah c = new HalfCheetah();
                InvertedPendulum p = new InvertedPendulum()) {
            assertThat(h.dt()).isCloseTo(0.008, within(1e-15));
            assertThat(w.dt()).isCloseTo(0.008, within(1e-15));
            assertThat(c.dt()).isCloseTo(0.05, within(1e-15));
            assertThat(p.dt()).isCloseTo(0.04, within(1e-15));
        }
    }

    @Test
    void observationsArePositionsWithoutXThenClippedVelocities() {
        try (Hopper env = new Hopper()) {
            env.setState(new double[] {0.3, 1.2, 0.05, -0.1, -0.2, 0.3}, new double[] {1, 2, -3, 20, -15, 4});
            double[] o = new double[11];
            env.observe(o);
            assertThat(o).containsExactly(1.2, 0.05, -0.1, -0.2, 0.3, 1, 2, -3, 10, -10, 4);
        }
        try (HalfCheetah env = new HalfCheetah()) {
            double[] qvel = {1, 2, 3, 40, 5, 6, 7, 8, -90};
            env.setState(new double[] {0.5, 0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, qvel);
            double[] o = new double[17];
            env.observe(o);
            assertThat(Arrays.copyOfRange(o, 0, 8)).containsExactly(0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
            assertThat(Arrays.copyOfRange(o, 8, 17)).as("no clipping").containsExactly(qvel);
        }
        try (InvertedPendulum env = new InvertedPendulum()) {
            env.setState(new double[] {0.2, -0.1}, new double[] {0.3, 0.4});
            double[] o = new double[4];
            env.observe(o);
            assertThat(o).containsExactly(0.2, -0.1, 0.3, 0.4);
        }
    }

    @Test
    void rewardsOfHandMadeValues() {
        double[] a3 = {0.5, -1, 0.1};
        assertThat(Hopper.reward(2.0, a3, true)).isCloseTo(2.0 + 1.0 - 1e-3 * 1.26, within(1e-12));
        assertThat(Hopper.reward(2.0, a3, false)).isCloseTo(2.0 - 1e-3 * 1.26, within(1e-12));
        double[] a6 = {1, -1, 0.5, 0, 0.2, -0.3};
        assertThat(Walker2d.reward(-0.5, a6, true)).isCloseTo(-0.5 + 1.0 - 1e-3 * 2.38, within(1e-12));
        assertThat(HalfCheetah.reward(3.0, a6)).isCloseTo(3.0 - 0.1 * 2.38, within(1e-12));
        assertThat(InvertedPendulum.isTerminal(new double[] {0, 0.19, 0, 0})).isFalse();
        assertThat(InvertedPendulum.isTerminal(new double[] {0, -0.21, 0, 0})).isTrue();
        assertThat(InvertedPendulum.isTerminal(new double[] {Double.NaN, 0, 0, 0}))
                .isTrue();
    }

    @Test
    void stepRewardIsForwardVelocityPlusHealthyBonusMinusControlCost() {
        try (Hopper env = new Hopper()) {
            env.setState(new double[] {0, 1.25, 0, 0, 0, 0}, new double[] {1.5, 0, 0, 0, 0, 0});
            double[] action = {0.2, -0.4, 0.6};
            double xBefore = env.data().qpos().get(0);
            StepResult r = new StepResult(11);
            env.step(action, r);
            double xVelocity = (env.data().qpos().get(0) - xBefore) / 0.008;
            assertThat(xVelocity).isCloseTo(1.5, within(0.1));
            assertThat(r.terminated).isFalse();
            assertThat(r.reward).isCloseTo(xVelocity + 1.0 - 1e-3 * (0.04 + 0.16 + 0.36), within(1e-12));
        }
        try (HalfCheetah env = new HalfCheetah()) {
            env.setState(new double[9], new double[] {-2, 0, 0, 0, 0, 0, 0, 0, 0});
            double[] action = {1, 1, 1, 1, 1, 1};
            StepResult r = new StepResult(17);
            env.step(action, r);
            double xVelocity = env.data().qpos().get(0) / 0.05;
            assertThat(r.reward).isCloseTo(xVelocity - 0.6, within(1e-12));
            assertThat(r.terminated).isFalse();
        }
    }

    @Test
    void hopperTerminatesWhenUnhealthy() {
        assertHopperTerminates(new double[] {0, 1.25, 0, 0, 0, 0}, new double[6], false);
        assertHopperTerminates(new double[] {0, 0.6, 0, 0, 0, 0}, new double[6], true); // too low
        assertHopperTerminates(new double[] {0, 1.25, 0.3, 0, 0, 0}, new double[6], true); // pitched forward
        assertHopperTerminates(
                new double[] {0, 1.25, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0, 200}, true); // state out of range
    }

    private static void assertHopperTerminates(double[] qpos, double[] qvel, boolean expected) {
        try (Hopper env = new Hopper()) {
            env.setState(qpos, qvel);
            StepResult r = new StepResult(11);
            env.step(new double[3], r);
            assertThat(r.terminated)
                    .as("qpos %s qvel %s", Arrays.toString(qpos), Arrays.toString(qvel))
                    .isEqualTo(expected);
            assertThat(env.isHealthy()).isEqualTo(!expected);
            double xVelocity = env.data().qpos().get(0) / 0.008;
            assertThat(r.reward)
                    .as("healthy bonus only while healthy")
                    .isCloseTo(xVelocity + (expected ? 0 : 1), within(1e-12));
        }
    }

    @Test
    void walkerTerminatesWhenUnhealthy() {
        assertWalkerTerminates(new double[] {0, 1.25, 0, 0, 0, 0, 0, 0, 0}, false);
        assertWalkerTerminates(new double[] {0, 0.7, 0, 0, 0, 0, 0, 0, 0}, true); // too low
        assertWalkerTerminates(new double[] {0, 2.2, 0, 0, 0, 0, 0, 0, 0}, true); // too high
        assertWalkerTerminates(new double[] {0, 1.25, -1.2, 0, 0, 0, 0, 0, 0}, true); // pitched back
    }

    private static void assertWalkerTerminates(double[] qpos, boolean expected) {
        try (Walker2d env = new Walker2d()) {
            env.setState(qpos, new double[9]);
            StepResult r = new StepResult(17);
            env.step(new double[6], r);
            assertThat(r.terminated).as(Arrays.toString(qpos)).isEqualTo(expected);
        }
    }

    @Test
    void invertedPendulumTerminatesWhenThePoleFalls() {
        try (InvertedPendulum env = new InvertedPendulum()) {
            StepResult r = new StepResult(4);
            env.setState(new double[] {0, 0.01}, new double[2]);
            env.step(new double[1], r);
            assertThat(r.terminated).isFalse();
            assertThat(r.reward).isEqualTo(1.0);
            env.setState(new double[] {0, 0.3}, new double[2]);
            env.step(new double[1], r);
            assertThat(r.terminated).isTrue();
            assertThat(r.reward).isZero();
        }
    }

    @Test
    void resetNoiseStaysWithinTheStatedRanges() {
        try (Hopper env = new Hopper()) {
            double[] o = new double[11];
            for (long seed = 0; seed < 20; seed++) {
                env.reset(seed, o);
                double[] qpos = env.data().qpos().toArray();
                double[] qpos0 = env.model().qpos0().toArray();
                for (int i = 0; i < qpos.length; i++) {
                    assertThat(qpos[i] - qpos0[i]).isBetween(-5e-3, 5e-3);
                }
                for (double v : env.data().qvel().toArray()) {
                    assertThat(v).isBetween(-5e-3, 5e-3);
                }
                assertThat(env.data().time()).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gym/inverted-pendulum",
                "gym/hopper",
                "gym/half-cheetah",
                "gym/walker2d",
                "gym/ant",
                "gym/humanoid",
                "gym/humanoid-standup",
                "gym/swimmer",
                "gym/reacher",
                "gym/pusher",
                "gym/inverted-double-pendulum"
            })
    void theSameSeedGivesTheSameTrajectory(String name) {
        Task task = TaskRegistry.get(name);
        try (Env a = task.make();
                Env b = task.make();
                Env c = task.make()) {
            List<double[]> first = trajectory(a, 42, 7, 200);
            List<double[]> second = trajectory(b, 42, 7, 200);
            assertThat(second).hasSameSizeAs(first);
            for (int i = 0; i < first.size(); i++) {
                assertThat(second.get(i)).as("step %d", i).isEqualTo(first.get(i));
            }
            assertThat(trajectory(c, 43, 7, 1).get(0)).isNotEqualTo(first.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gym/inverted-pendulum",
                "gym/hopper",
                "gym/half-cheetah",
                "gym/walker2d",
                "gym/ant",
                "gym/humanoid",
                "gym/humanoid-standup",
                "gym/swimmer",
                "gym/reacher",
                "gym/pusher",
                "gym/inverted-double-pendulum"
            })
    void savedStateContinuesBitExactly(String name) throws IOException {
        Task task = TaskRegistry.get(name);
        try (Env a = task.make();
                Env b = task.make()) {
            trajectory(a, 5, 11, 120);
            byte[] saved = save(a);
            Rng actions = new Rng(99);
            List<double[]> original = continueTrajectory(a, actions, 150);
            b.reset(1234, new double[a.observationSpace().dim()]);
            b.loadState(new DataInputStream(new ByteArrayInputStream(saved)));
            List<double[]> restored = continueTrajectory(b, new Rng(99), 150);
            a.loadState(new DataInputStream(new ByteArrayInputStream(saved)));
            List<double[]> again = continueTrajectory(a, new Rng(99), 150);
            for (int i = 0; i < original.size(); i++) {
                assertThat(restored.get(i)).as("fresh env, step %d", i).isEqualTo(original.get(i));
                assertThat(again.get(i)).as("same env reloaded, step %d", i).isEqualTo(original.get(i));
            }
            assertThat(save(b)).isEqualTo(save(a));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gym/hopper", "gym/walker2d"})
    void vecEnvResultsDoNotDependOnTheThreadCount(String name) {
        Task task = TaskRegistry.get(name);
        try (VecEnv one = new VecEnv(task, 6, 1);
                VecEnv two = new VecEnv(task, 6, 2)) {
            one.reset(3);
            two.reset(3);
            Rng rng = new Rng(8);
            double[] actions = new double[6 * one.actionDim()];
            for (int step = 0; step < 300; step++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = rng.uniform(-1, 1);
                }
                one.step(actions);
                two.step(actions);
                assertThat(two.observations()).isEqualTo(one.observations());
                assertThat(two.rewards()).isEqualTo(one.rewards());
                assertThat(two.terminated()).isEqualTo(one.terminated());
            }
            assertThat(one.drainFinishedEpisodes())
                    .isEqualTo(two.drainFinishedEpisodes())
                    .isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gym/inverted-pendulum", "gym/hopper", "gym/half-cheetah", "gym/walker2d"})
    void steppingAndResettingAllocateNothing(String name) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Env env = TaskRegistry.get(name).make()) {
            int dim = env.actionSpace().dim();
            double[] action = new double[dim];
            StepResult r = new StepResult(env.observationSpace().dim());
            Rng rng = new Rng(1);
            env.reset(1, r.observation);
            runRandomSteps(env, action, r, rng, 20_000);
            long before = threads.getCurrentThreadAllocatedBytes();
            runRandomSteps(env, action, r, rng, 5_000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // a per-step allocation of even one small object would show as >= 80,000 bytes; a one-off
            // JIT event (recompilation, deoptimisation) may allocate a few kilobytes once
            assertThat(allocated)
                    .as("bytes allocated by 5,000 steps with resets")
                    .isLessThan(16 * 1024);
        }
    }

    private static void runRandomSteps(Env env, double[] action, StepResult r, Rng rng, int steps) {
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = rng.uniform(-1, 1);
            }
            r.terminated = false;
            r.truncated = false;
            env.step(action, r);
            if (r.done()) {
                env.reset(r.observation);
            }
        }
    }

    /** Observation, reward and flags of each step, with random actions and resets at episode ends. */
    private static List<double[]> trajectory(Env env, long seed, long actionSeed, int steps) {
        double[] first = new double[env.observationSpace().dim()];
        env.reset(seed, first);
        List<double[]> out = new ArrayList<>();
        out.add(first);
        out.addAll(continueTrajectory(env, new Rng(actionSeed), steps));
        return out;
    }

    private static List<double[]> continueTrajectory(Env env, Rng rng, int steps) {
        List<double[]> out = new ArrayList<>();
        double[] action = new double[env.actionSpace().dim()];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < action.length; i++) {
                action[i] =
                        rng.uniform(env.actionSpace().low(i), env.actionSpace().high(i));
            }
            StepResult r = new StepResult(env.observationSpace().dim());
            env.step(action, r);
            double[] row = Arrays.copyOf(r.observation, r.observation.length + 3);
            row[r.observation.length] = r.reward;
            row[r.observation.length + 1] = r.terminated ? 1 : 0;
            row[r.observation.length + 2] = r.truncated ? 1 : 0;
            out.add(row);
            if (r.done()) {
                double[] reset = new double[env.observationSpace().dim()];
                env.reset(reset);
                out.add(reset);
            }
        }
        return out;
    }

    private static byte[] save(Env env) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        env.saveState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
