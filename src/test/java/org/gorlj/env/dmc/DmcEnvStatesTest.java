package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gorlj.env.StepResult;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DMC environments in hand-made situations, their initial states, and diverging physics. */
class DmcEnvStatesTest {

    @Test
    void hopperStandingStraightScoresOneAndLyingScoresZero() {
        try (DmcEnv env = env(DmcTask.HOPPER_STAND)) {
            assertThat(stepFrom(env, new double[7], new double[7], new double[4]))
                    .isEqualTo(1.0);
            double[] lying = {0, -0.93, Math.PI / 2, 0, 0, 0.1, 0};
            assertThat(stepFrom(env, lying, new double[7], new double[4])).isEqualTo(0.0);
        }
    }

    @Test
    void hopperHopPaysForwardCentreOfMassSpeed() {
        try (DmcEnv env = env(DmcTask.HOPPER_HOP)) {
            double[] qvel = {3, 0, 0, 0, 0, 0, 0};
            assertThat(stepFrom(env, new double[7], qvel, new double[4])).isEqualTo(1.0);
            qvel[0] = 1;
            assertThat(stepFrom(env, new double[7], qvel, new double[4])).isCloseTo(0.5, within(0.01));
        }
    }

    @Test
    void cheetahRunningAtTwelveMetresPerSecondScoresOne() {
        try (DmcEnv env = env(DmcTask.CHEETAH_RUN)) {
            double[] qpos = new double[9];
            qpos[1] = 0.3; // feet clear of the ground
            double[] qvel = new double[9];
            qvel[0] = 12;
            assertThat(stepFrom(env, qpos, qvel, new double[6])).isEqualTo(1.0);
            qvel[0] = 5;
            assertThat(stepFrom(env, qpos, qvel, new double[6])).isCloseTo(0.5, within(1e-3));
        }
    }

    @Test
    void walkerUprightAtFullHeightScoresOneOnStanding() {
        try (DmcEnv env = env(DmcTask.WALKER_STAND)) {
            double reward = stepFrom(env, new double[9], new double[9], new double[6]);
            assertThat(reward).isCloseTo(1.0, within(1e-9));
            StepResult r = new StepResult(24);
            env.step(new double[6], r);
            assertThat(r.observation[14]).as("torso uprightness").isCloseTo(1, within(1e-6));
            assertThat(r.observation[0]).as("torso xx").isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void fingerSpinningTheHingeFastEnoughIsRewarded() {
        try (DmcEnv env = env(DmcTask.FINGER_SPIN)) {
            double[] qpos = {-1.5, 0, 0}; // finger pointing away from the spinner
            assertThat(stepFrom(env, qpos, new double[] {0, 0, -20}, new double[2]))
                    .isEqualTo(1.0);
            assertThat(stepFrom(env, qpos, new double[] {0, 0, 20}, new double[2]))
                    .isEqualTo(0.0);
            assertThat(stepFrom(env, qpos, new double[] {0, 0, -10}, new double[2]))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void fingerTurnPaysWhenTheTipIsInTheTarget() {
        try (DmcEnv env = env(DmcTask.FINGER_TURN_HARD)) {
            env.reset(1, new double[12]);
            // spinner angle 0: the tip is straight above the hinge at (0.2, 0, 0.53); put the target there
            env.data().mocapPos().copyFrom(new double[] {0.2, 0, 0.53});
            assertThat(stepFrom(env, new double[] {-1.5, 0, 0}, new double[3], new double[2]))
                    .isEqualTo(1.0);
            env.data().mocapPos().copyFrom(new double[] {0.33, 0, 0.4});
            assertThat(stepFrom(env, new double[] {-1.5, 0, 0}, new double[3], new double[2]))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void fishWithItsMouthAtTheTargetScoresNearlyOne() {
        try (DmcEnv env = env(DmcTask.FISH_SWIM)) {
            env.reset(1, new double[24]);
            double[] qpos = new double[14];
            qpos[3] = 1; // upright, facing +y; the mouth is about 0.075 m ahead of the torso origin
            env.data().mocapPos().copyFrom(new double[] {0, 0.075, 0});
            assertThat(stepFrom(env, qpos, new double[13], new double[5])).isCloseTo(1.0, within(1e-9));
            env.data().mocapPos().copyFrom(new double[] {0, -0.5, 0});
            assertThat(stepFrom(env, qpos, new double[13], new double[5])).isLessThan(0.2);
        }
    }

    @Test
    void cartpoleUprightCentredAndStillScoresOne() {
        try (DmcEnv env = env(DmcTask.CARTPOLE_BALANCE)) {
            assertThat(stepFrom(env, new double[2], new double[2], new double[1]))
                    .isCloseTo(1.0, within(1e-6));
            assertThat(stepFrom(env, new double[] {0, Math.PI}, new double[2], new double[1]))
                    .isCloseTo(0.0, within(1e-6));
        }
    }

    @Test
    void pendulumAcrobotAndPointMassAtTheirGoalsScoreOne() {
        try (DmcEnv env = env(DmcTask.PENDULUM_SWINGUP)) {
            assertThat(stepFrom(env, new double[1], new double[1], new double[1]))
                    .isEqualTo(1.0);
            assertThat(stepFrom(env, new double[] {Math.PI}, new double[1], new double[1]))
                    .isEqualTo(0.0);
        }
        try (DmcEnv env = env(DmcTask.ACROBOT_SWINGUP)) {
            assertThat(stepFrom(env, new double[2], new double[2], new double[1]))
                    .isEqualTo(1.0);
            assertThat(stepFrom(env, new double[] {Math.PI, 0}, new double[2], new double[1]))
                    .isLessThan(1e-6);
        }
        try (DmcEnv env = env(DmcTask.POINT_MASS)) {
            assertThat(stepFrom(env, new double[2], new double[2], new double[2]))
                    .isEqualTo(1.0);
            assertThat(stepFrom(env, new double[2], new double[2], new double[] {1, 1}))
                    .isCloseTo(0.8, within(1e-12));
            assertThat(stepFrom(env, new double[] {0.2, 0.2}, new double[2], new double[2]))
                    .isLessThan(1e-6);
        }
    }

    @Test
    void reacherTouchingTheTargetScoresOne() {
        try (DmcEnv env = env(DmcTask.REACHER_HARD)) {
            env.reset(1, new double[6]);
            // both joints at 0: the fingertip is at (0.22, 0, 0.01)
            env.data().mocapPos().copyFrom(new double[] {0.225, 0, 0.01});
            assertThat(stepFrom(env, new double[2], new double[2], new double[2]))
                    .isEqualTo(1.0);
            env.data().mocapPos().copyFrom(new double[] {0.1, 0.1, 0.01});
            assertThat(stepFrom(env, new double[2], new double[2], new double[2]))
                    .isEqualTo(0.0);
        }
    }

    /** After reset(seed), the physics holds exactly the task logic's draws from a generator with that seed. */
    @ParameterizedTest
    @EnumSource(value = DmcTask.class, names = "CHEETAH_RUN", mode = EnumSource.Mode.EXCLUDE)
    void initialStateIsTheTaskLogicsDraw(DmcTask task) {
        for (long seed = 0; seed < 20; seed++) {
            try (DmcEnv env = env(task)) {
                env.reset(seed, new double[task.observationSize()]);
                int nq = env.model().nq();
                int nv = env.model().nv();
                double[] qpos = new double[nq];
                double[] qvel = new double[nv];
                double[] target = new double[3];
                boolean hasTarget = drawInitialState(task, new Rng(seed), qpos, qvel, target);
                assertThat(env.data().qpos().toArray())
                        .as("%s qpos, seed %d", task, seed)
                        .containsExactly(qpos, within(1e-15)); // mj_forward renormalises the fish's quaternion
                assertThat(env.data().qvel().toArray())
                        .as("%s qvel, seed %d", task, seed)
                        .containsExactly(qvel);
                if (hasTarget) {
                    assertThat(env.data().mocapPos().toArray())
                            .as("%s target", task)
                            .containsExactly(target);
                }
                assertThat(env.data().time()).isZero();
            }
        }
    }

    @Test
    void cheetahSettlesFromItsRandomPoseBeforeTheEpisode() {
        int resets = 40;
        double[][] legs = new double[resets][];
        try (DmcEnv env = env(DmcTask.CHEETAH_RUN)) {
            for (int i = 0; i < resets; i++) {
                env.reset(i, new double[17]);
                double[] qpos = env.data().qpos().toArray();
                double[] qvel = env.data().qvel().toArray();
                assertThat(env.data().time()).isZero();
                for (double v : qvel) {
                    assertThat(Math.abs(v)).as("settled velocity").isLessThan(0.5);
                }
                double[] drawn = new double[9];
                Cheetah.initialQpos(new Rng(i), drawn);
                assertThat(qpos)
                        .as("moved away from the drawn pose while settling")
                        .isNotEqualTo(drawn);
                legs[i] = java.util.Arrays.copyOfRange(qpos, 3, 9);
            }
        }
        for (int j = 0; j < 6; j++) {
            double mean = 0;
            for (double[] l : legs) {
                mean += l[j] / resets;
            }
            double var = 0;
            for (double[] l : legs) {
                var += (l[j] - mean) * (l[j] - mean) / (resets - 1);
            }
            assertThat(Math.sqrt(var))
                    .as("spread of leg joint %d across resets", j)
                    .isGreaterThan(0.01); // springs pull every leg joint back near 0
        }
    }

    @Test
    void humanoidStartsStandingAndItsObservationSeesThePose() {
        try (DmcEnv env = env(DmcTask.HUMANOID_STAND)) {
            double[] obs = new double[Humanoid.OBSERVATION_SIZE];
            env.reset(0, obs);
            assertThat(Arrays.copyOfRange(obs, 0, 21)).as("joint angles").containsOnly(0.0);
            assertThat(obs[21]).as("head height: torso 1.5 m + head 0.19 m").isCloseTo(1.69, within(1e-12));
            // arms: shoulder (0, +-0.17, 0.06), elbow +(0.18, +-0.18, -0.18), hand +(0.18, -+0.18, 0.18)
            assertThat(Arrays.copyOfRange(obs, 22, 25))
                    .as("left hand")
                    .containsExactly(new double[] {0.36, 0.17, 0.06}, within(1e-12));
            assertThat(Arrays.copyOfRange(obs, 28, 31))
                    .as("right hand")
                    .containsExactly(new double[] {0.36, -0.17, 0.06}, within(1e-12));
            // feet: 0.26 + 0.165 + 0.04 + 0.403 + 0.39 = 1.258 m below the torso; the waist's slight tilt moves x by
            // ~mm
            assertThat(obs[27]).as("left foot z").isCloseTo(-1.258, within(1e-4));
            assertThat(obs[33]).as("right foot z").isCloseTo(-1.258, within(1e-4));
            assertThat(obs[26]).as("left foot y").isCloseTo(0.09, within(1e-4));
            assertThat(obs[32]).as("right foot y").isCloseTo(-0.09, within(1e-4));
            assertThat(Arrays.copyOfRange(obs, 34, 37))
                    .as("torso vertical")
                    .containsExactly(new double[] {0, 0, 1}, within(1e-12));
            assertThat(Arrays.copyOfRange(obs, 37, 67)).as("velocities").containsOnly(0.0);
            StepResult r = new StepResult(Humanoid.OBSERVATION_SIZE);
            env.step(new double[Humanoid.ACTIONS], r);
            assertThat(r.reward)
                    .as("standing, upright, nearly still, no control")
                    .isGreaterThan(0.99);
        }
    }

    @Test
    void humanoidRewardsFollowHeadHeightAndHorizontalSpeed() {
        double[] standing = new double[Humanoid.NQ];
        standing[2] = 1.5;
        standing[3] = 1;
        double[] qvel = new double[Humanoid.NV];
        double[] noAction = new double[Humanoid.ACTIONS];
        try (DmcEnv walk = env(DmcTask.HUMANOID_WALK);
                DmcEnv run = env(DmcTask.HUMANOID_RUN);
                DmcEnv stand = env(DmcTask.HUMANOID_STAND)) {
            assertThat(stepFrom(walk, standing, qvel, noAction)).as("still").isCloseTo(1.0 / 6, within(1e-3));
            qvel[1] = -1.5; // sideways counts as well
            assertThat(stepFrom(walk, standing, qvel, noAction)).isCloseTo(1.0, within(1e-9));
            qvel[1] = 0;
            qvel[0] = 5;
            assertThat(stepFrom(run, standing, qvel, noAction))
                    .as("half of 10 m/s")
                    .isCloseTo(3.5 / 6, within(0.01));
            // standing pays the mean over x and y of a gaussian around 0: y still gives 1, x at 5 m/s about 0
            assertThat(stepFrom(stand, standing, qvel, noAction))
                    .as("moving while standing")
                    .isCloseTo(0.5, within(1e-3));
            double[] lying = standing.clone();
            lying[2] = 0.2;
            lying[3] = Math.sqrt(0.5); // pitched 90 degrees about y
            lying[5] = Math.sqrt(0.5);
            assertThat(stepFrom(stand, lying, new double[Humanoid.NV], noAction))
                    .as("lying")
                    .isLessThan(1e-6);
        }
    }

    @Test
    void divergedPhysicsEndsTheEpisodeWithoutReward() {
        try (DmcEnv env = env(DmcTask.HOPPER_STAND)) {
            env.reset(1, new double[15]);
            env.data().qvel().set(3, 1e20);
            StepResult r = new StepResult(15);
            env.step(new double[4], r);
            assertThat(r.terminated).isTrue();
            assertThat(r.reward).isZero();
            for (double v : r.observation) {
                assertThat(Double.isFinite(v)).isTrue();
            }
        }
    }

    /** Draws what the task's reset draws, in the same order; returns whether the task has a mocap target. */
    private static boolean drawInitialState(DmcTask task, Rng rng, double[] qpos, double[] qvel, double[] target) {
        switch (task) {
            case HOPPER_STAND, HOPPER_HOP -> Hopper.initialQpos(rng, qpos);
            case WALKER_STAND, WALKER_WALK, WALKER_RUN -> Walker.initialQpos(rng, qpos);
            case FINGER_SPIN -> Finger.initialQpos(rng, qpos);
            case FINGER_TURN_EASY, FINGER_TURN_HARD -> {
                Finger.initialQpos(rng, qpos);
                Finger.initialTarget(rng, target);
                return true;
            }
            case FISH_SWIM -> {
                Fish.initialQpos(rng, qpos);
                Fish.initialTarget(rng, target);
                return true;
            }
            case CARTPOLE_BALANCE -> Cartpole.initialBalanceState(rng, qpos, qvel);
            case CARTPOLE_SWINGUP -> Cartpole.initialSwingupState(rng, qpos, qvel);
            case PENDULUM_SWINGUP -> qpos[0] = PendulumSwingup.initialAngle(rng);
            case ACROBOT_SWINGUP -> Acrobot.initialQpos(rng, qpos);
            case REACHER_EASY, REACHER_HARD -> {
                Reacher.initialQpos(rng, qpos);
                Reacher.initialTarget(rng, target);
                return true;
            }
            case POINT_MASS -> PointMass.initialQpos(rng, qpos);
            case HUMANOID_STAND, HUMANOID_WALK, HUMANOID_RUN -> {
                // Playground: the model's standing pose, torso 1.5 m up, identity orientation; no draw
                qpos[2] = 1.5;
                qpos[3] = 1;
            }
            case CHEETAH_RUN -> throw new IllegalArgumentException("cheetah settles after its draw");
        }
        return false;
    }

    /** Sets the state, takes one step with {@code action}, returns the reward. */
    private static double stepFrom(DmcEnv env, double[] qpos, double[] qvel, double[] action) {
        env.setState(qpos, qvel);
        StepResult r = new StepResult(env.task().observationSize());
        env.step(action, r);
        assertThat(r.terminated).isFalse();
        return r.reward;
    }

    private static DmcEnv env(DmcTask task) {
        return (DmcEnv) DmcTasks.create(task);
    }
}
