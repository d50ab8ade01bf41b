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

/** The hand-written MJCF models against the reference numbers of docs/tasks.md §3 and §5 (MuJoCo 2.2.2). */
class GymModelsTest {
    /** Reference values are rounded to 6 decimals; these rows have no contact. */
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("section11Rows")
    void reproducesTheReferenceTrajectory(Reference row) {
        try (MjModel m = MjModel.loadResource(row.model());
                MjData d = m.makeData()) {
            d.qpos().copyFrom(row.qpos());
            d.forward();
            d.ctrl().copyFrom(row.ctrl());
            for (int i = 0; i < row.steps(); i++) {
                d.step();
                assertThat(d.contactCount())
                        .as("a reference row without contact")
                        .isZero();
            }
            d.forward();
            assertThat(d.qpos().toArray()).containsExactly(row.finalQpos(), REFERENCE);
            assertThat(d.qvel().toArray()).containsExactly(row.finalQvel(), REFERENCE);
        }
    }

    @Test
    void compiledSizesMatchSection11() {
        assertSizes(Hopper.MODEL, 6, 6, 3, 5);
        assertSizes(Walker2d.MODEL, 9, 9, 6, 8);
        assertSizes(HalfCheetah.MODEL, 9, 9, 6, 8);
        assertSizes(InvertedPendulum.MODEL, 2, 2, 1, 3);
    }

    @Test
    void bodyMassesMatchSection9() {
        assertMasses(Hopper.MODEL, 15.82, 3.66519, 4.05789, 2.78136, 5.31557);
        assertMasses(Walker2d.MODEL, 23.6771, 3.66519, 4.05789, 2.78136, 3.16673, 4.05789, 2.78136, 3.16673);
        assertMasses(HalfCheetah.MODEL, 14.0, 6.25021, 1.54351, 1.58745, 1.0954, 1.43808, 1.20084, 0.884519);
        assertMasses(InvertedPendulum.MODEL, 15.4906, 10.472, 5.01859);
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
