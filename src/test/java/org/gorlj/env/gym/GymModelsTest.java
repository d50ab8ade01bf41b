package org.gorlj.env.gym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.gorlj.env.mujoco.MjArray;
import org.gorlj.env.mujoco.MjData;
import org.gorlj.env.mujoco.MjModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written MJCF models against the reference numbers of docs/tasks.md §3 and §5 (MuJoCo 2.2.2),
 * computed on Gymnasium's own model files. The tasks run on these models exactly as compiled (no
 * setting is switched for a task), so the rows also hold for what is trained on.
 */
class GymModelsTest {
    /** Reference values are rounded to 6 decimals. */
    private static final Offset<Double> REFERENCE = within(1e-5);

    record Reference(String model, int steps, double[] qpos, double[] ctrl, double[] finalQpos, double[] finalQvel) {
        @Override
        public String toString() {
            return model;
        }
    }

    static Stream<Reference> section11Rows() {
        return Stream.of(
                new Reference(
                        Hopper.MODEL,
                        50,
                        new double[] {0, 1.75, 0.1, -0.2, -0.3, 0.1},
                        new double[] {0.5, -0.5, 0.5},
                        new double[] {-0.027209, 1.678420, 0.117029, 0.038053, -0.735505, 0.548595},
                        new double[] {-0.856458, -1.658193, -3.987209, -0.783989, -7.980871, 8.808111}),
                new Reference(
                        Walker2d.MODEL,
                        50,
                        new double[] {0, 1.75, 0.1, -0.2, -0.3, 0.1, -0.1, -0.2, 0.1},
                        new double[] {0.5, -0.5, 0.5, -0.5, 0.5, -0.5},
                        new double[] {
                            -0.134112, 1.622225, -0.374783, 0.038884, -1.911812, 0.892209, -0.668396, 0.040165,
                            -0.919311
                        },
                        new double[] {
                            -2.297858,
                            -3.174643,
                            -9.684704,
                            -1.267436,
                            -20.694567,
                            -3.042274,
                            -10.217619,
                            -0.981354,
                            3.682168
                        }),
                new Reference(
                        HalfCheetah.MODEL,
                        20,
                        new double[] {0, 0.5, 0, 0, 0, 0, 0, 0, 0},
                        new double[] {0.5, -0.5, 0.5, -0.5, 0.5, -0.5},
                        new double[] {
                            -0.000055, 0.301771, 0.010720, 0.308714, -0.189580, 0.253379, -0.409210, 0.163998, -0.296730
                        },
                        new double[] {
                            -0.001182, -1.977026, 0.020016, -0.125243, 0.169823, -0.322030, 0.260551, -0.848135,
                            0.816219
                        }),
                new Reference(
                        InvertedPendulum.MODEL,
                        25,
                        new double[] {0, 0.05},
                        new double[] {0.5},
                        new double[] {0.490909, -1.128569},
                        new double[] {1.807362, -5.394443}));
    }

    /** Rows of the v5 suite's further models without contact (docs/tasks.md §5). */
    static Stream<Reference> suiteRows() {
        return Stream.of(
                new Reference(
                        Swimmer.MODEL,
                        100,
                        new double[] {0, 0, 0, 0.3, -0.2},
                        new double[] {0.5, -0.5},
                        new double[] {-0.293759, 0.531281, -0.439306, 1.746029, -1.746037},
                        new double[] {-0.159426, -0.078209, 0.236185, -0.000004, 0.000004}),
                new Reference(
                        Reacher.MODEL,
                        50,
                        new double[] {0.3, -0.5, 0.1, -0.1},
                        new double[] {0.5, -0.5},
                        new double[] {10.950314, -3.002007, 0.1, -0.1},
                        new double[] {39.339407, 0.000375, 0, 0}),
                new Reference(
                        InvertedDoublePendulum.MODEL,
                        25,
                        new double[] {0, 0.05, -0.05},
                        new double[] {0.2},
                        new double[] {0.262172, -0.491371, 0.609734},
                        new double[] {2.080551, -4.540669, 5.225481}),
                new Reference(
                        Ant.MODEL,
                        20,
                        new double[] {0, 0, 1.5, 1, 0, 0, 0, 0.2, 0.5, -0.2, -0.5, 0.1, -0.5, -0.1, 0.5},
                        new double[] {0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5},
                        new double[] {
                            -0.008784, 0.001747, 1.325780, 0.987144, -0.008547, 0.058773, -0.148388, 0.527606, 0.522097,
                            0.553404, -1.252027, 0.532136, -1.252005, 0.544549, 0.522098
                        },
                        new double[] {
                            0.020706, -0.001290, -1.980083, 0.037810, -0.114109, 0.239093, -0.102261, 0.000414,
                            -0.921095, 0.938281, -0.275422, 0.937389, -0.685777, 0.000412
                        }),
                new Reference(
                        Humanoid.MODEL,
                        30,
                        new double[] {
                            0, 0, 1.5, 1, 0, 0, 0, 0.1, -0.1, 0.1, -0.1, 0.1, -0.2, -0.3, 0.1, -0.1, -0.2, -0.3, 0.2,
                            -0.2, -0.3, -0.2, 0.2, -0.3
                        },
                        humanoidControl(),
                        new double[] {
                            0.035211, 0.006780, 1.438102, 0.997451, -0.047664, -0.035158, 0.039782, -0.134479, 0.447256,
                            0.249891, -0.427623, 0.367575, -0.820483, 0.034118, -0.164216, 0.220152, -0.692570,
                            0.029878, 0.127015, -0.225099, -0.532386, -0.069613, 0.114398, -0.047385
                        },
                        new double[] {
                            0.345729, 0.071415, -1.456677, -1.742889, 1.905855, 1.535057, -2.741500, 3.040857, 3.019765,
                            -5.050764, 1.036938, -9.322611, -1.394700, -5.973846, 1.977028, -7.496589, -1.402261,
                            -3.072654, 2.477673, -4.607012, 4.612983, -5.145583, 3.488111
                        }));
    }

    /** Rows with contacts (the robots on the floor, the pusher's object on the table). */
    static Stream<Reference> contactRows() {
        double[] humanoidStart = new double[24];
        humanoidStart[2] = 1.4;
        humanoidStart[3] = 1;
        double[] standupStart = humanoidStart.clone();
        standupStart[2] = 0.105;
        return Stream.of(
                new Reference(
                        Pusher.MODEL,
                        50,
                        new double[] {0.2, 0.3, -0.2, -0.5, 0.1, -0.3, 0.2, -0.2, 0.1, 0, 0},
                        new double[] {0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5},
                        new double[] {
                            0.344499, 0.263170, 0.621929, -1.095918, 1.122732, -1.095750, 1.234216, -0.2, 0.1, 0, 0
                        },
                        new double[] {0.541955, -0.377736, 2.549832, -2.250193, 3.486850, 0.051775, 3.455220, 0, 0, 0, 0
                        }),
                new Reference(
                        Ant.MODEL,
                        50,
                        new double[] {0, 0, 0.75, 1, 0, 0, 0, 0.2, 0.5, -0.2, -0.5, 0.1, -0.5, -0.1, 0.5},
                        new double[] {0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5},
                        new double[] {
                            0.048760, 0.021024, 0.512037, 0.984212, -0.023856, 0.098087, -0.145387, 0.525072, 0.522106,
                            0.525077, -1.223200, 0.525074, -1.223225, 0.525066, 0.522076
                        },
                        new double[] {
                            -0.000280, -0.000454, -0.000143, 0.000928, -0.000231, 0.000157, -0.000004, 0.000005,
                            -0.000009, 0.000015, 0, 0.000003, 0.000007, -0.000013
                        }),
                new Reference(
                        Humanoid.MODEL,
                        100,
                        humanoidStart,
                        humanoidControl(),
                        new double[] {
                            0.056914, -0.038189, 0.932957, 0.895910, 0.125444, 0.304111, 0.298539, -0.475534, 0.490771,
                            0.617832, -0.437580, -0.165823, -1.884930, -0.020121, -0.437737, 0.026017, -1.812722,
                            -0.020647, -1.512641, 0.431783, -1.457812, 0.933274, -0.852951, 0.783527
                        },
                        new double[] {
                            -0.237815, -0.271495, -2.062631, 3.451528, 1.072316, 4.299747, -1.162474, 0.654399,
                            -0.220636, 0.024231, -3.407778, -5.479641, 0.019997, 0.027263, -2.113955, -5.931667,
                            0.046906, -0.979304, 2.913655, -7.072954, 1.132152, -0.506627, -1.039890
                        }),
                new Reference(
                        HumanoidStandup.MODEL,
                        100,
                        standupStart,
                        humanoidControl(),
                        new double[] {
                            0.165704, -0.089755, 0.296772, 0.948531, -0.088004, 0.244740, 0.180685, -0.292540, 0.530422,
                            0.392923, -0.214082, -0.019415, -0.991834, -0.024664, 0.016920, -0.198755, -0.974584,
                            -0.024392, -0.365279, 0.382668, -1.408036, 0.536798, -0.403288, 0.889557
                        },
                        new double[] {
                            0.932228, -0.519959, 0.688402, 0.301302, 2.652200, 2.396005, -0.982350, -0.012571,
                            1.146446, 0.896992, 0.737810, -2.676591, 0.018850, 1.089911, 0.722151, -3.102708,
                            0.027923, -2.202830, 1.925316, -6.023428, 1.597997, -1.641678, -0.481813
                        }));
    }

    /** 0.2, -0.2, 0.2, ... for the 17 humanoid actuators. */
    private static double[] humanoidControl() {
        double[] ctrl = new double[17];
        for (int i = 0; i < ctrl.length; i++) {
            ctrl[i] = i % 2 == 0 ? 0.2 : -0.2;
        }
        return ctrl;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"section11Rows", "suiteRows"})
    void reproducesTheReferenceTrajectory(Reference row) {
        assertThat(run(row)).as("a reference row without contact").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contactRows")
    void reproducesTheReferenceTrajectoryWithContacts(Reference row) {
        assertThat(run(row)).as("a row that exercises contacts").isPositive();
    }

    /** Plays the row, checks its final state, and returns the largest contact count seen. */
    private static int run(Reference row) {
        int contacts = 0;
        try (MjModel m = MjModel.loadResource(row.model());
                MjData d = m.makeData()) {
            d.qpos().copyFrom(row.qpos());
            d.forward();
            d.ctrl().copyFrom(row.ctrl());
            for (int i = 0; i < row.steps(); i++) {
                d.step();
                contacts = Math.max(contacts, d.contactCount());
            }
            d.forward();
            assertThat(d.qpos().toArray()).containsExactly(row.finalQpos(), REFERENCE);
            assertThat(d.qvel().toArray()).containsExactly(row.finalQvel(), REFERENCE);
        }
        return contacts;
    }

    @Test
    void compiledSizesMatchSection11() {
        assertSizes(Hopper.MODEL, 6, 6, 3, 5);
        assertSizes(Walker2d.MODEL, 9, 9, 6, 8);
        assertSizes(HalfCheetah.MODEL, 9, 9, 6, 8);
        assertSizes(InvertedPendulum.MODEL, 2, 2, 1, 3);
        assertSizes(InvertedDoublePendulum.MODEL, 3, 3, 1, 4);
        assertSizes(Reacher.MODEL, 4, 4, 2, 5);
        assertSizes(Pusher.MODEL, 11, 11, 7, 13);
        assertSizes(Swimmer.MODEL, 5, 5, 2, 4);
        assertSizes(Ant.MODEL, 15, 14, 8, 14);
        assertSizes(Humanoid.MODEL, 24, 23, 17, 14);
        assertSizes(HumanoidStandup.MODEL, 24, 23, 17, 14);
    }

    @Test
    void bodyMassesMatchSection9() {
        assertMasses(Hopper.MODEL, 15.82, 3.66519, 4.05789, 2.78136, 5.31557);
        assertMasses(Walker2d.MODEL, 23.6771, 3.66519, 4.05789, 2.78136, 3.16673, 4.05789, 2.78136, 3.16673);
        assertMasses(HalfCheetah.MODEL, 14.0, 6.25021, 1.54351, 1.58745, 1.0954, 1.43808, 1.20084, 0.884519);
        assertMasses(InvertedPendulum.MODEL, 15.4906, 10.472, 5.01859);
        assertMasses(InvertedDoublePendulum.MODEL, 18.8695, 10.472, 4.19874, 4.19874);
        assertMasses(Reacher.MODEL, 0.0784519, 0.0356047, 0.0356047, 0.00418879, 0.00305363);
        assertMasses(
                Pusher.MODEL,
                13.673,
                7.29352,
                3.14159,
                0.0854513,
                1.6286,
                0.40715,
                0.0854513,
                0.842732,
                0.00502655,
                0.180956,
                0.00251327,
                7.85398e-06,
                4.02124e-10);
        assertMasses(Swimmer.MODEL, 106.814, 35.6047, 35.6047, 35.6047);
        double leg = 0.0391578;
        double foot = 0.0675922;
        assertMasses(Ant.MODEL, 0.91088, 0.327249, leg, leg, foot, leg, leg, foot, leg, leg, foot, leg, leg, foot);
        double[] humanoid = {
            8.90746, 2.26195, 6.61619, 4.75175, 2.7557, 1.76715, 4.75175, 2.7557, 1.76715, 1.66108, 1.22954, 1.66108,
            1.22954
        };
        assertMasses(Humanoid.MODEL, 42.116, humanoid);
        assertMasses(HumanoidStandup.MODEL, 42.116, humanoid);
    }

    @Test
    void optionsJointsAndFrictionMatchSection9() {
        try (MjModel m = MjModel.loadResource(Hopper.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.002);
            assertThat(m.qpos0().toArray()).containsExactly(0, 1.25, 0, 0, 0, 0);
            assertThat(m.jointRange().row(m.jointId("thigh_joint")))
                    .containsExactly(new double[] {-150 * Math.PI / 180, 0}, within(1e-12));
            assertThat(m.jointRange().row(m.jointId("foot_joint")))
                    .containsExactly(new double[] {-Math.PI / 4, Math.PI / 4}, within(1e-12));
            assertThat(m.dofArmature().toArray()).containsExactly(0, 0, 0, 1, 1, 1);
            assertThat(m.dofDamping().toArray()).containsExactly(0, 0, 0, 1, 1, 1);
            assertThat(m.geomFriction().get(m.geomId("foot_geom"), 0)).isEqualTo(2.0);
            assertThat(m.geomFriction().get(m.geomId("thigh_geom"), 0)).isEqualTo(0.9);
            assertThat(column(m.actuatorGear(), 0)).containsExactly(200, 200, 200);
        }
        try (MjModel m = MjModel.loadResource(Walker2d.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.002);
            assertThat(m.qpos0().get(1)).isEqualTo(1.25);
            assertThat(m.geomFriction().get(m.geomId("foot_geom"), 0)).isEqualTo(1.9);
            assertThat(m.geomFriction().get(m.geomId("foot_left_geom"), 0)).isEqualTo(1.9);
            assertThat(column(m.actuatorGear(), 0)).containsExactly(100, 100, 100, 100, 100, 100);
        }
        try (MjModel m = MjModel.loadResource(HalfCheetah.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.01);
            assertThat(m.jointRange().row(m.jointId("bfoot"))).containsExactly(-0.4, 0.785);
            assertThat(m.jointRange().row(m.jointId("fthigh"))).containsExactly(-1, 0.7);
            assertThat(m.dofDamping().toArray()).containsExactly(0, 0, 0, 6, 4.5, 3, 4.5, 3, 1.5);
            assertThat(column(m.actuatorGear(), 0)).containsExactly(120, 90, 60, 120, 60, 30);
            assertThat(column(m.geomFriction(), 0)).containsOnly(0.4);
        }
        try (MjModel m = MjModel.loadResource(InvertedPendulum.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.02);
            assertThat(m.jointRange().row(0)).containsExactly(-1, 1);
            assertThat(m.actuatorCtrlRange().row(0)).containsExactly(-3, 3);
            assertThat(m.actuatorGear().get(0, 0)).isEqualTo(100);
        }
    }

    @Test
    void optionsJointsAndActuatorsOfTheSuiteModels() {
        double deg = Math.PI / 180;
        try (MjModel m = MjModel.loadResource(Ant.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.01);
            assertThat(m.qpos0().toArray()).containsExactly(0, 0, 0.75, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            assertThat(m.jointRange().row(m.jointId("ankle_1")))
                    .containsExactly(new double[] {30 * deg, 70 * deg}, within(1e-12));
            assertThat(m.jointRange().row(m.jointId("ankle_2")))
                    .containsExactly(new double[] {-70 * deg, -30 * deg}, within(1e-12));
            assertThat(column(m.actuatorGear(), 0)).containsOnly(150);
            assertThat(m.actuatorId("hip_4"))
                    .as("actuator order starts with the back right leg")
                    .isZero();
            assertThat(m.geomFriction().row(m.geomId("torso_geom"))).containsExactly(1, 0.5, 0.5);
        }
        try (MjModel m = MjModel.loadResource(Humanoid.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.003);
            assertThat(m.qpos0().get(2)).isEqualTo(1.4);
            assertThat(column(m.actuatorGear(), 0))
                    .containsExactly(100, 100, 100, 100, 100, 300, 200, 100, 100, 300, 200, 25, 25, 25, 25, 25, 25);
            assertThat(m.actuatorCtrlRange().row(0)).containsExactly(-0.4, 0.4);
            assertThat(m.dofArmature().get(m.jointDofAddress(m.jointId("right_hip_y"))))
                    .isEqualTo(0.008);
            assertThat(m.dofArmature().get(m.jointDofAddress(m.jointId("left_hip_y"))))
                    .isEqualTo(0.01);
            assertThat(m.dofDamping().get(m.jointDofAddress(m.jointId("right_knee"))))
                    .isEqualTo(1);
            assertThat(m.jointRange().row(m.jointId("left_hip_y")))
                    .containsExactly(new double[] {-110 * deg, 20 * deg}, within(1e-12));
            assertThat(m.geomFriction().get(m.geomId("floor"), 0)).isEqualTo(1);
        }
        try (MjModel m = MjModel.loadResource(HumanoidStandup.MODEL)) {
            assertThat(m.qpos0().get(2)).isEqualTo(0.105);
            assertThat(m.jointRange().row(m.jointId("left_hip_y")))
                    .containsExactly(new double[] {-120 * deg, 20 * deg}, within(1e-12));
        }
        try (MjModel m = MjModel.loadResource(Swimmer.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.01);
            assertThat(m.dofArmature().toArray()).containsOnly(0.1);
            assertThat(column(m.actuatorGear(), 0)).containsExactly(150, 150);
        }
        try (MjModel m = MjModel.loadResource(Reacher.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.01);
            assertThat(m.qpos0().toArray()).containsExactly(0, 0, 0.1, -0.1);
            assertThat(m.dofArmature().toArray()).containsExactly(1, 1, 0, 0);
            assertThat(column(m.actuatorGear(), 0)).containsExactly(200, 200);
        }
        try (MjModel m = MjModel.loadResource(InvertedDoublePendulum.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.01);
            assertThat(m.gravity().toArray()).containsExactly(1e-5, 0, -9.81);
            assertThat(m.dofDamping().toArray()).containsOnly(0.05);
            assertThat(m.actuatorGear().get(0, 0)).isEqualTo(500);
        }
        try (MjModel m = MjModel.loadResource(Pusher.MODEL)) {
            assertThat(m.timestep()).isEqualTo(0.01);
            assertThat(m.gravity().toArray()).containsOnly(0);
            assertThat(m.actuatorCtrlRange().row(6)).containsExactly(-2, 2);
            assertThat(column(m.actuatorGear(), 0)).containsOnly(1);
            assertThat(m.jointRange().row(m.jointId("r_shoulder_pan_joint"))).containsExactly(-2.2854, 1.714602);
            assertThat(m.jointQposAddress(m.jointId("obj_slidey"))).isEqualTo(Pusher.OBJECT_QPOS);
        }
    }

    private static double[] column(MjArray array, int col) {
        double[] out = new double[array.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i, col);
        }
        return out;
    }

    private static void assertSizes(String model, int nq, int nv, int nu, int nbody) {
        try (MjModel m = MjModel.loadResource(model)) {
            assertThat(new int[] {m.nq(), m.nv(), m.nu(), m.nbody()}).as(model).containsExactly(nq, nv, nu, nbody);
        }
    }

    private static void assertMasses(String model, double total, double... bodies) {
        try (MjModel m = MjModel.loadResource(model)) {
            assertThat(m.bodyMass().get(0)).as("world").isZero();
            for (int b = 0; b < bodies.length; b++) {
                assertThat(m.bodyMass().get(b + 1))
                        .as("%s body %d", model, b + 1)
                        .isCloseTo(bodies[b], within(bodies[b] * 1e-5));
            }
            assertThat(m.bodySubtreeMass().get(0)).as("%s total", model).isCloseTo(total, within(total * 1e-5));
        }
    }
}
