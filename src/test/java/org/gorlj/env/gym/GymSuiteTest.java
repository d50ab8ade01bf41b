package org.gorlj.env.gym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.TimeLimit;
import org.gorlj.env.mujoco.MjArray;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

/** The seven further Gymnasium v5 tasks against their documented definitions (docs/tasks.md §3.6-§3.12). */
class GymSuiteTest {
    private static final double EPS = 1e-12;

    private record Spec(String name, int obs, int act, double bound, int episode, double dt) {}

    private static final Spec[] SPECS = {
        new Spec("gym/ant", 105, 8, 1, 1000, 0.05),
        new Spec("gym/humanoid", 348, 17, 0.4, 1000, 0.015),
        new Spec("gym/humanoid-standup", 348, 17, 0.4, 1000, 0.015),
        new Spec("gym/swimmer", 8, 2, 1, 1000, 0.04),
        new Spec("gym/reacher", 10, 2, 1, 50, 0.02),
        new Spec("gym/pusher", 23, 7, 2, 100, 0.05),
        new Spec("gym/inverted-double-pendulum", 9, 1, 1, 1000, 0.05),
    };

    @Test
    void registryGivesSizesBoundsEpisodeLengthsAndControlSteps() {
        for (Spec spec : SPECS) {
            Task task = TaskRegistry.get(spec.name());
            assertThat(task.maxEpisodeSteps()).as(spec.name()).isEqualTo(spec.episode());
            try (Env env = task.make()) {
                assertThat(env.observationSpace().dim()).as(spec.name()).isEqualTo(spec.obs());
                assertThat(env.actionSpace().dim()).as(spec.name()).isEqualTo(spec.act());
                for (int i = 0; i < spec.act(); i++) {
                    assertThat(env.actionSpace().low(i)).isEqualTo(-spec.bound());
                    assertThat(env.actionSpace().high(i)).isEqualTo(spec.bound());
                }
                GymMujocoEnv inner = (GymMujocoEnv) ((TimeLimit) env).inner();
                assertThat(inner.dt()).as(spec.name()).isCloseTo(spec.dt(), within(1e-15));
            }
        }
    }

    /**
     * Steps allocate nothing. Resets are left out of the count: the Gaussian reset noise (Ant,
     * InvertedDoublePendulum) draws through {@code Rng.nextGaussian}, whose {@code StrictMath.cos}
     * allocates a small array per call in this JDK; the resets of the four older tasks are covered by
     * {@code GymTasksTest}.
     */
    @Test
    void steppingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (Spec spec : SPECS) {
            // Ant and the humanoids step ~10x slower than the others: fewer steps keep the test short
            boolean heavy = spec.obs() > 100;
            int round = heavy ? 400 : 1_000;
            try (Env env = TaskRegistry.get(spec.name()).make()) {
                double[] action = new double[spec.act()];
                StepResult r = new StepResult(spec.obs());
                Rng rng = new Rng(1);
                env.reset(1, r.observation);
                runRandomSteps(env, action, spec.bound(), r, rng, heavy ? 1_000 : 3_000, threads);
                long least = Long.MAX_VALUE;
                for (int k = 0; k < 3; k++) {
                    least = Math.min(least, runRandomSteps(env, action, spec.bound(), r, rng, round, threads));
                }
                // one small object per step would show as >= 16 bytes x round in every round; a one-off
                // JIT event (deoptimisation) allocates a few kilobytes in one round only
                assertThat(least)
                        .as("%s: bytes allocated by the steps of the least of three rounds of %d", spec.name(), round)
                        .isLessThan(8L * round);
            }
        }
    }

    /** Plays random steps, resetting at episode ends; returns the bytes allocated outside the resets. */
    private static long runRandomSteps(
            Env env,
            double[] action,
            double bound,
            StepResult r,
            Rng rng,
            int steps,
            com.sun.management.ThreadMXBean threads) {
        long resetBytes = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = rng.uniform(-bound, bound);
            }
            r.terminated = false;
            r.truncated = false;
            env.step(action, r);
            if (r.done()) {
                long beforeReset = threads.getCurrentThreadAllocatedBytes();
                env.reset(r.observation);
                resetBytes += threads.getCurrentThreadAllocatedBytes() - beforeReset;
            }
        }
        return threads.getCurrentThreadAllocatedBytes() - before - resetBytes;
    }

    // ------------------------------------------------------------------ Ant

    @Test
    void antObservesPositionsWithoutXyVelocitiesAndClippedContactForcesOfTheBodies() {
        try (Ant env = new Ant()) {
            double[] qpos = {0.3, -0.2, 0.6, 0.5, 0.5, -0.5, 0.5, 0.1, 0.6, -0.1, -0.7, 0.2, -0.8, -0.2, 0.9};
            double[] qvel = new double[14];
            for (int i = 0; i < qvel.length; i++) {
                qvel[i] = 0.1 * (i + 1);
            }
            env.setState(qpos, qvel);
            MjArray forces = env.data().cfrcExt();
            for (int i = 0; i < forces.size(); i++) {
                forces.set(i, i < 6 ? 0 : 0.01 * (i - 40)); // world row 0; others -0.34 ... 0.43, plus clipping below
            }
            forces.set(1, 2, 5.0);
            forces.set(13, 5, -3.0);
            double[] o = new double[105];
            env.observe(o);
            assertThat(Arrays.copyOfRange(o, 0, 13)).containsExactly(Arrays.copyOfRange(qpos, 2, 15));
            assertThat(Arrays.copyOfRange(o, 13, 27)).containsExactly(qvel);
            assertThat(o[27]).as("body 1, entry 0").isEqualTo(0.01 * (6 - 40));
            assertThat(o[27 + 2]).as("clipped to 1").isEqualTo(1.0);
            assertThat(o[104]).as("body 13, entry 5, clipped to -1").isEqualTo(-1.0);
            assertThat(o[27 + 40]).as("body 7, entry 4").isEqualTo(0.01 * (46 - 40), within(EPS));
            double sum = 0;
            for (int i = 6; i < 84; i++) {
                double f = Math.clamp(forces.get(i), -1, 1);
                sum += f * f;
            }
            assertThat(env.contactCost()).isCloseTo(5e-4 * sum, within(EPS));
        }
    }

    @Test
    void antRewardAndHealth() {
        double[] a = {1, -1, 0.5, 0, 0, 0.2, -0.3, 0.1};
        double sq = 1 + 1 + 0.25 + 0.04 + 0.09 + 0.01;
        assertThat(Ant.reward(0.7, a, 0.02, true)).isCloseTo(0.7 + 1 - 0.5 * sq - 0.02, within(EPS));
        assertThat(Ant.reward(0.7, a, 0.02, false)).isCloseTo(0.7 - 0.5 * sq - 0.02, within(EPS));
        assertAntHealth(0.75, 0, true);
        assertAntHealth(0.2, 0, true); // the range is closed
        assertAntHealth(1.0, 0, true);
        assertAntHealth(0.19, 0, false);
        assertAntHealth(1.01, 0, false);
        assertAntHealth(0.75, Double.NaN, false);
    }

    private static void assertAntHealth(double z, double someVelocity, boolean healthy) {
        try (Ant env = new Ant()) {
            double[] qpos = new double[15];
            qpos[2] = z;
            qpos[3] = 1;
            double[] qvel = new double[14];
            qvel[9] = someVelocity;
            env.data().qpos().copyFrom(qpos);
            env.data().qvel().copyFrom(qvel);
            assertThat(env.isHealthy()).as("z %s v %s", z, someVelocity).isEqualTo(healthy);
        }
    }

    @Test
    void antStepsRewardProgressAndFillTheContactForces() {
        try (Ant env = new Ant()) {
            double[] o = new double[105];
            env.reset(3, o);
            assertThat(Arrays.copyOfRange(o, 27, 105))
                    .as("no contact forces computed at a reset")
                    .containsOnly(0);
            StepResult r = new StepResult(105);
            double[] action = new double[8];
            for (int s = 0; s < 20; s++) {
                env.step(action, r);
            }
            assertThat(env.data().cfrcExt().row(0)).as("the world's row").containsOnly(0);
            assertThat(Arrays.copyOfRange(r.observation, 27, 105))
                    .as("the robot rests on the floor after 1 s")
                    .isNotEqualTo(new double[78]);
            // a push along x: the reward is the torso's progress, +1, - contact cost (zero action)
            double[] qpos = env.data().qpos().toArray();
            double[] qvel = new double[14];
            qvel[0] = 1.0;
            env.setState(qpos, qvel);
            double xBefore = env.data().xpos().get(Ant.TORSO, 0);
            env.afterReset(); // as after a reset: the tracked position is the current torso frame
            env.step(action, r);
            double xVelocity = (env.data().xpos().get(Ant.TORSO, 0) - xBefore) / 0.05;
            assertThat(xVelocity).isCloseTo(1.0, within(0.3));
            assertThat(r.reward).isCloseTo(xVelocity + 1 - env.contactCost(), within(EPS));
        }
    }

    @Test
    void aLoadedAntStateSavesAgainToTheSameBytes() throws java.io.IOException {
        // right after a reset the quaternion carries uniform noise; MuJoCo 2.2.2 renormalises it in
        // place on every mj_forward, which must not leak into a save-load-save round trip
        try (Env a = TaskRegistry.get("gym/ant").make();
                Env b = TaskRegistry.get("gym/ant").make()) {
            double[] o = new double[105];
            for (long seed = 0; seed < 10; seed++) {
                a.reset(seed, o);
                byte[] saved = save(a);
                b.loadState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(saved)));
                assertThat(save(b)).as("seed %d", seed).isEqualTo(saved);
            }
        }
    }

    private static byte[] save(Env env) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        env.saveState(new java.io.DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void antResetNoiseIsUniformOnPositionsAndGaussianOnVelocities() {
        try (Ant env = new Ant()) {
            double[] o = new double[105];
            double[] qpos0 = env.model().qpos0().toArray();
            double sumSq = 0;
            int n = 0;
            for (long seed = 0; seed < 40; seed++) {
                env.reset(seed, o);
                assertNoiseWithin(env.data().qpos().toArray(), qpos0, 0.1);
                for (double v : env.data().qvel().toArray()) {
                    sumSq += v * v;
                    n++;
                }
            }
            assertThat(Math.sqrt(sumSq / n)).as("velocity noise sd 0.1").isBetween(0.09, 0.11);
        }
    }

    // ------------------------------------------------------------------ Humanoid and HumanoidStandup

    @Test
    void humanoidObservationIsPositionsVelocitiesThenCinertCvelActuatorAndContactForcesWithoutTheWorld() {
        try (Humanoid env = new Humanoid()) {
            double[] qpos = env.model().qpos0().toArray();
            qpos[0] = 0.5;
            qpos[1] = -0.5;
            qpos[10] = 0.2;
            double[] qvel = new double[23];
            qvel[7] = 0.3;
            env.setState(qpos, qvel);
            FilledQuantities fill = new FilledQuantities(env);
            double[] o = new double[348];
            env.observe(o);
            assertThat(Arrays.copyOfRange(o, 0, 22)).containsExactly(Arrays.copyOfRange(qpos, 2, 24));
            assertThat(Arrays.copyOfRange(o, 22, 45)).containsExactly(qvel);
            assertThat(Arrays.copyOfRange(o, 45, 175)).containsExactly(fill.cinert());
            assertThat(Arrays.copyOfRange(o, 175, 253)).containsExactly(fill.cvel());
            assertThat(Arrays.copyOfRange(o, 253, 270)).containsExactly(fill.actuator());
            assertThat(Arrays.copyOfRange(o, 270, 348)).containsExactly(fill.contact());
        }
    }

    /** Writes distinct values into a humanoid's cinert, cvel, qfrc_actuator and cfrc_ext; returns the observed parts. */
    private record FilledQuantities(double[] cinert, double[] cvel, double[] actuator, double[] contact) {
        FilledQuantities(Humanoid env) {
            this(
                    fill(env.data().cinert(), 1000, 10),
                    fill(env.data().cvel(), 2000, 6),
                    fill(env.data().qfrcActuator(), 3000, 6),
                    fill(env.data().cfrcExt(), 4000, 6));
        }

        private static double[] fill(MjArray array, double base, int skipped) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, base + i);
            }
            return Arrays.copyOfRange(array.toArray(), skipped, array.size());
        }
    }

    @Test
    void humanoidRewardHealthAndCentreOfMass() {
        double[] a = new double[17];
        a[0] = 0.4;
        a[16] = -0.3;
        assertThat(Humanoid.reward(0.8, a, 1e6, true)).isCloseTo(1.25 * 0.8 + 5 - 0.1 * 0.25 - 0.5, within(EPS));
        assertThat(Humanoid.reward(0.8, a, 1e9, false))
                .as("contact cost capped at 10")
                .isCloseTo(1.25 * 0.8 - 0.1 * 0.25 - 10, within(EPS));
        try (Humanoid env = new Humanoid()) {
            double[] qpos = env.model().qpos0().toArray();
            env.setState(qpos, new double[23]);
            assertThat(env.isHealthy()).isTrue();
            assertThat(env.trackedX())
                    .as("the mass-weighted mean of the bodies' com = the whole model's com")
                    .isCloseTo(env.data().subtreeCom().get(0, 0), within(1e-12));
            for (double z : new double[] {1.0, 2.0, 0.5}) {
                qpos[2] = z;
                env.setState(qpos, new double[23]);
                assertThat(env.isHealthy()).as("z %s (bounds excluded)", z).isFalse();
            }
        }
    }

    @Test
    void humanoidFallsAndTerminatesUnderZeroActions() {
        try (Env env = TaskRegistry.get("gym/humanoid").make()) {
            double[] obs = new double[348];
            env.reset(1, obs);
            StepResult r = new StepResult(348);
            int steps = 0;
            do {
                env.step(new double[17], r);
                steps++;
            } while (!r.done());
            assertThat(r.terminated).isTrue();
            assertThat(r.observation[0]).as("torso height at the end").isLessThanOrEqualTo(1.0);
            assertThat(steps)
                    .as("a passive humanoid falls within a second or two")
                    .isBetween(20, 200);
        }
    }

    @Test
    void humanoidStandupRewardAndNoTermination() {
        double[] a = new double[17];
        a[3] = 0.2;
        assertThat(HumanoidStandup.reward(0.3, 0.003, a, 2e6)).isCloseTo(100 - 0.1 * 0.04 - 1 + 1, within(1e-9));
        assertThat(HumanoidStandup.reward(0.3, 0.003, a, 1e12)).isCloseTo(100 - 0.1 * 0.04 - 10 + 1, within(1e-9));
        try (HumanoidStandup env = new HumanoidStandup()) {
            double[] o = new double[348];
            env.reset(2, o);
            assertThat(o[0]).as("lying: torso height near 0.105").isCloseTo(0.105, within(0.011));
            StepResult r = new StepResult(348);
            Rng rng = new Rng(5);
            double[] action = new double[17];
            for (int s = 0; s < 100; s++) {
                for (int i = 0; i < action.length; i++) {
                    action[i] = rng.uniform(-0.4, 0.4);
                }
                env.step(action, r);
                assertThat(r.terminated).isFalse();
                double impact = Math.min(0.5e-6 * HumanoidObservation.squaredContactForces(env.data()), 10);
                assertThat(r.reward)
                        .isCloseTo(
                                env.data().qpos().get(2) / 0.003 - 0.1 * GymMujocoEnv.squaredNorm(action) - impact + 1,
                                within(1e-9));
            }
            assertThat(HumanoidObservation.squaredContactForces(env.data()))
                    .as("lying on the floor")
                    .isPositive();
        }
    }

    @Test
    void humanoidResetNoiseIsUniformOnBoth() {
        try (Humanoid env = new Humanoid()) {
            double[] o = new double[348];
            double[] qpos0 = env.model().qpos0().toArray();
            for (long seed = 0; seed < 20; seed++) {
                env.reset(seed, o);
                assertNoiseWithin(env.data().qpos().toArray(), qpos0, 0.01);
                assertAllWithin(env.data().qvel().toArray(), 0.01);
            }
        }
    }

    // ------------------------------------------------------------------ Swimmer

    @Test
    void swimmerObservesAnglesAndVelocitiesAndRewardsForwardSpeed() {
        try (Swimmer env = new Swimmer()) {
            env.setState(new double[] {0.4, -0.3, 0.2, 0.5, -0.6}, new double[] {1, 2, 3, 4, 5});
            double[] o = new double[8];
            env.observe(o);
            assertThat(o).containsExactly(0.2, 0.5, -0.6, 1, 2, 3, 4, 5);
            double[] a = {1, -0.5};
            assertThat(Swimmer.reward(0.3, a)).isCloseTo(0.3 - 1e-4 * 1.25, within(EPS));
            StepResult r = new StepResult(8);
            env.setState(new double[5], new double[] {0.5, 0, 0, 0, 0});
            env.step(a, r);
            assertThat(r.reward).isCloseTo(env.data().qpos().get(0) / 0.04 - 1e-4 * 1.25, within(EPS));
            assertThat(r.terminated).isFalse();
        }
        try (Swimmer env = new Swimmer()) {
            double[] o = new double[8];
            for (long seed = 0; seed < 20; seed++) {
                env.reset(seed, o);
                assertAllWithin(env.data().qpos().toArray(), 0.1);
                assertAllWithin(env.data().qvel().toArray(), 0.1);
            }
        }
    }

    // ------------------------------------------------------------------ Reacher

    @Test
    void reacherObservationByForwardKinematics() {
        try (Reacher env = new Reacher()) {
            double q0 = 0.7;
            double q1 = -1.1;
            env.setState(new double[] {q0, q1, 0.05, -0.12}, new double[] {0.3, -0.4, 0, 0});
            double[] o = new double[10];
            env.observe(o);
            double tipX = 0.1 * Math.cos(q0) + 0.11 * Math.cos(q0 + q1);
            double tipY = 0.1 * Math.sin(q0) + 0.11 * Math.sin(q0 + q1);
            assertThat(o)
                    .containsExactly(
                            new double[] {
                                Math.cos(q0),
                                Math.cos(q1),
                                Math.sin(q0),
                                Math.sin(q1),
                                0.05,
                                -0.12,
                                0.3,
                                -0.4,
                                tipX - 0.05,
                                tipY + 0.12
                            },
                            within(1e-12));
            assertThat(env.fingertipToTarget()).isCloseTo(Math.hypot(tipX - 0.05, tipY + 0.12), within(1e-12));
            double[] a = {0.5, -1};
            assertThat(Reacher.reward(0.1, a)).isCloseTo(-0.1 - 1.25, within(EPS));
        }
    }

    @Test
    void reacherResetsTheArmNearZeroAndTheTargetInsideTheDisc() {
        try (Reacher env = new Reacher()) {
            double[] o = new double[10];
            double maxRadius = 0;
            for (long seed = 0; seed < 200; seed++) {
                env.reset(seed, o);
                double[] qpos = env.data().qpos().toArray();
                double[] qvel = env.data().qvel().toArray();
                assertThat(qpos[0]).isBetween(-0.1, 0.1);
                assertThat(qpos[1]).isBetween(-0.1, 0.1);
                double radius = Math.hypot(qpos[2], qpos[3]);
                assertThat(radius).isLessThan(0.2);
                maxRadius = Math.max(maxRadius, radius);
                assertThat(qvel[0]).isBetween(-0.005, 0.005);
                assertThat(qvel[1]).isBetween(-0.005, 0.005);
                assertThat(qvel[2]).isZero();
                assertThat(qvel[3]).isZero();
                assertThat(o[4]).isEqualTo(qpos[2]);
            }
            assertThat(maxRadius).as("the whole disc is used").isGreaterThan(0.18);
        }
    }

    // ------------------------------------------------------------------ Pusher

    @Test
    void pusherObservationRewardAndReset() {
        try (Pusher env = new Pusher()) {
            double[] qpos = {0, 0, 0, 0, 0, 0, 0, -0.1, 0.05, 0, 0};
            double[] qvel = {1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0};
            env.setState(qpos, qvel);
            double[] o = new double[23];
            env.observe(o);
            assertThat(Arrays.copyOfRange(o, 0, 14)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7);
            // straight arm: shoulder at (0, -0.6, 0), then 0.1 + 0.4 + 0.321 along x to the wrist
            assertThat(Arrays.copyOfRange(o, 14, 23))
                    .containsExactly(
                            new double[] {0.821, -0.6, 0, 0.45 + 0.05, -0.05 - 0.1, -0.275, 0.45, -0.05, -0.323},
                            within(1e-12));
            double[] a = {1, 0, 0, 0, 0, 0, -2};
            assertThat(Pusher.reward(0.3, 0.2, a)).isCloseTo(-0.15 - 0.2 - 0.5, within(EPS));
            for (long seed = 0; seed < 100; seed++) {
                env.reset(seed, o);
                double[] p = env.data().qpos().toArray();
                double[] v = env.data().qvel().toArray();
                assertThat(Arrays.copyOfRange(p, 0, 7)).containsOnly(0);
                assertThat(p[7]).isBetween(-0.3, 0.0);
                assertThat(p[8]).isBetween(-0.2, 0.2);
                assertThat(Math.hypot(p[7], p[8])).isGreaterThan(0.17);
                assertThat(Arrays.copyOfRange(p, 9, 11)).containsOnly(0);
                assertAllWithin(Arrays.copyOfRange(v, 0, 7), 0.005);
                assertThat(Arrays.copyOfRange(v, 7, 11)).containsOnly(0);
            }
        }
    }

    // ------------------------------------------------------------------ InvertedDoublePendulum

    @Test
    void invertedDoublePendulumObservationRewardAndTermination() {
        try (InvertedDoublePendulum env = new InvertedDoublePendulum()) {
            env.setState(new double[] {0.2, 0.3, -0.4}, new double[] {1, 20, -30});
            env.data().qfrcConstraint().set(0, 15);
            double[] o = new double[9];
            env.observe(o);
            assertThat(o)
                    .containsExactly(0.2, Math.sin(0.3), Math.sin(-0.4), Math.cos(0.3), Math.cos(-0.4), 1, 10, -10, 10);
            // the tip of the second pole, by hand: hinges about +y turn z toward +x
            double tipX = 0.2 + 0.6 * Math.sin(0.3) + 0.6 * Math.sin(-0.1);
            double tipZ = 0.6 * Math.cos(0.3) + 0.6 * Math.cos(-0.1);
            assertThat(env.data().siteXpos().row(InvertedDoublePendulum.TIP))
                    .containsExactly(new double[] {tipX, 0, tipZ}, within(1e-12));
            assertThat(InvertedDoublePendulum.reward(0, 1.2, 0, 0, false)).isCloseTo(10 - 0.64, within(EPS));
            assertThat(InvertedDoublePendulum.reward(1, 0.9, 2, -1, true))
                    .isCloseTo(-(0.01 + 1.21) - (4e-3 + 5e-3), within(EPS));
            StepResult r = new StepResult(9);
            env.setState(new double[] {0, 0.01, 0}, new double[3]);
            env.step(new double[1], r);
            assertThat(r.terminated).isFalse();
            assertThat(r.reward).isGreaterThan(9);
            env.setState(new double[] {0, 1.2, 0.5}, new double[3]);
            env.step(new double[1], r);
            assertThat(r.terminated).as("tip below 1 m").isTrue();
            assertThat(r.reward).isLessThan(0);
        }
    }

    private static void assertAllWithin(double[] values, double bound) {
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as("entry %d", i).isBetween(-bound, bound);
        }
    }

    /**
     * Every qpos entry within +-bound of qpos0, except the free joint's quaternion (qpos[3:7]): MuJoCo
     * 2.2.2's mj_forward normalises it in place, so its noise shows only as a unit quaternion near
     * (1, 0, 0, 0).
     */
    private static void assertNoiseWithin(double[] qpos, double[] qpos0, double bound) {
        for (int i = 0; i < qpos.length; i++) {
            if (i < 3 || i >= 7) {
                assertThat(qpos[i] - qpos0[i]).as("qpos[%d]", i).isBetween(-bound, bound);
            }
        }
        double norm = Math.sqrt(qpos[3] * qpos[3] + qpos[4] * qpos[4] + qpos[5] * qpos[5] + qpos[6] * qpos[6]);
        assertThat(norm).isCloseTo(1.0, within(1e-12));
        assertThat(qpos[3]).isGreaterThan(1 - 2 * bound);
    }
}
