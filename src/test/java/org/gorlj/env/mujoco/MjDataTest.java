package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MjDataTest {
    private static final double G = 9.81;

    @Test
    void freeFallFollowsTheSemiImplicitEulerFormulaExactly() {
        double h = 0.001;
        String xml = """
                <mujoco>
                  <option timestep="0.001" integrator="Euler"/>
                  <worldbody><body pos="0 0 10"><freejoint/><geom size="0.1" mass="2" contype="0" conaffinity="0"/></body></worldbody>
                </mujoco>
                """;
        try (MjModel m = MjModel.fromXml(xml);
                MjData d = m.makeData()) {
            int n = 500;
            for (int i = 0; i < n; i++) {
                d.step();
            }
            // v_k = -g h k and z_k = z_0 + h v_k, so z_n = z_0 - g h^2 n (n + 1) / 2.
            assertThat(d.qvel().get(2)).isCloseTo(-G * h * n, within(1e-12));
            assertThat(d.qpos().get(2)).isCloseTo(10 - G * h * h * n * (n + 1) / 2.0, within(1e-12));
            assertThat(d.qpos().get(0)).isZero();
            assertThat(d.qpos().get(3)).as("orientation quaternion w").isEqualTo(1.0);
            assertThat(d.time()).isCloseTo(n * h, within(1e-12));
            d.forward();
            assertThat(d.xpos().get(1, 2)).isEqualTo(d.qpos().get(2));
            assertThat(d.qacc().get(2)).isCloseTo(-G, within(1e-12));
        }
    }

    @Test
    void smallAnglePendulumPeriodMatchesTwoPiSqrtOfIOverMgl() {
        // Sphere of mass 1, radius 0.05, 1 m below the hinge: I = m l^2 + 2/5 m r^2.
        String xml = """
                <mujoco>
                  <option timestep="0.0005" integrator="RK4"/>
                  <worldbody><body><joint type="hinge" axis="0 1 0"/>
                    <geom type="sphere" pos="0 0 -1" size="0.05" mass="1"/></body></worldbody>
                </mujoco>
                """;
        double inertia = 1.0 + 0.4 * 0.05 * 0.05;
        double expectedPeriod = 2 * Math.PI * Math.sqrt(inertia / (1.0 * G * 1.0));
        try (MjModel m = MjModel.fromXml(xml);
                MjData d = m.makeData()) {
            d.qpos().set(0, 0.01);
            double firstCrossing = Double.NaN;
            double lastCrossing = Double.NaN;
            int crossings = 0;
            double previous = d.qpos().get(0);
            while (crossings < 7) {
                double t0 = d.time();
                d.step();
                double q = d.qpos().get(0);
                if (previous > 0 && q <= 0) { // downward zero crossing, linearly interpolated
                    double t = t0 + (d.time() - t0) * previous / (previous - q);
                    if (crossings == 0) {
                        firstCrossing = t;
                    }
                    lastCrossing = t;
                    crossings++;
                }
                previous = q;
            }
            double measured = (lastCrossing - firstCrossing) / (crossings - 1);
            assertThat(measured / expectedPeriod).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void sensorsSitesAndBodyPosesAgree() {
        String xml = """
                <mujoco>
                  <worldbody><body name="arm"><joint name="swing" type="hinge" axis="0 1 0"/>
                    <geom type="sphere" pos="0 0 -1" size="0.05" mass="1"/><site name="tip" pos="0 0 -1"/></body></worldbody>
                  <sensor><jointpos joint="swing"/><framepos objtype="site" objname="tip"/></sensor>
                </mujoco>
                """;
        try (MjModel m = MjModel.fromXml(xml);
                MjData d = m.makeData()) {
            double angle = 0.4;
            d.qpos().set(0, angle);
            d.forward();
            int framepos = m.sensorAddress(1);
            assertThat(d.sensordata().get(0)).isEqualTo(angle);
            // Rotating (0, 0, -1) by the angle about +y gives (-sin, 0, -cos).
            assertThat(d.siteXpos().row(0))
                    .containsExactly(new double[] {-Math.sin(angle), 0, -Math.cos(angle)}, within(1e-12));
            for (int k = 0; k < 3; k++) {
                assertThat(d.sensordata().get(framepos + k))
                        .isEqualTo(d.siteXpos().get(0, k));
            }
            // Row-major xmat: entry (0, 2) is the world-x component of the body z axis = sin(angle).
            assertThat(d.xmat().get(1, 2)).isCloseTo(Math.sin(angle), within(1e-12));
            assertThat(d.xmat().get(1, 8)).isCloseTo(Math.cos(angle), within(1e-12));
            assertThat(d.xquat().get(1, 0)).isCloseTo(Math.cos(angle / 2), within(1e-12));
            assertThat(d.subtreeCom().row(0)).containsExactly(d.siteXpos().row(0), within(1e-12));
        }
    }

    @Test
    void aRestingBoxHasContactsWhoseForcesCarryItsWeight() {
        String xml = """
                <mujoco>
                  <worldbody>
                    <geom name="floor" type="plane" size="5 5 0.1"/>
                    <body name="box" pos="0 0 0.1"><freejoint/><geom name="box" type="box" size="0.1 0.1 0.1" mass="3"/></body>
                  </worldbody>
                </mujoco>
                """;
        try (MjModel m = MjModel.fromXml(xml);
                MjData d = m.makeData()) {
            for (int i = 0; i < 1000; i++) {
                d.step();
            }
            d.forward();
            int n = d.contactCount();
            assertThat(n).isEqualTo(4);
            double normalForce = 0;
            double[] force = new double[6];
            for (int i = 0; i < n; i++) {
                assertThat(d.contactGeom1(i)).isEqualTo(m.geomId("floor"));
                assertThat(d.contactGeom2(i)).isEqualTo(m.geomId("box"));
                assertThat(d.contactDim(i)).isEqualTo(3);
                assertThat(d.contactExclude(i)).isZero();
                assertThat(d.contactEfcAddress(i)).isNotNegative();
                assertThat(d.contactDist(i)).isBetween(-1e-3, 1e-6);
                assertThat(d.contactPos(i, 2)).isCloseTo(0, within(1e-3));
                assertThat(Math.abs(d.contactPos(i, 0))).isCloseTo(0.1, within(1e-3));
                assertThat(d.contactFrame(i, 2)).as("normal points up").isCloseTo(1, within(1e-9));
                d.contactForce(i, force);
                normalForce += force[0];
            }
            assertThat(normalForce).isCloseTo(3 * G, within(1e-3 * 3 * G));
            assertThat(d.qvel().get(2)).isCloseTo(0, within(1e-6));
            assertThatThrownBy(() -> d.contactDist(n)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void resetRestoresQpos0ZeroVelocityAndTimeZero() {
        String xml = """
                <mujoco><worldbody><body><joint name="j" type="slide" axis="1 0 0" ref="0.25"/><geom size="0.1"/></body></worldbody>
                  <actuator><motor joint="j"/></actuator></mujoco>
                """;
        try (MjModel m = MjModel.fromXml(xml);
                MjData d = m.makeData()) {
            assertThat(m.qpos0().get(0)).isEqualTo(0.25);
            assertThat(d.qpos().get(0)).isEqualTo(0.25);
            d.ctrl().set(0, 1.0);
            for (int i = 0; i < 10; i++) {
                d.step();
            }
            assertThat(d.actuatorForce().get(0)).isEqualTo(1.0);
            assertThat(d.qvel().get(0)).isPositive();
            d.reset();
            assertThat(d.qpos().get(0)).isEqualTo(0.25);
            assertThat(d.qvel().get(0)).isZero();
            assertThat(d.ctrl().get(0)).isZero();
            assertThat(d.time()).isZero();
            assertThat(d.warningCount(MjWarning.BAD_QACC)).isZero();
        }
    }

    @Test
    void aNanControlIsCountedAsABadCtrlWarningAndReportedThroughTheLog() {
        String xml = """
                <mujoco><worldbody><body><joint name="j" type="slide" axis="1 0 0"/><geom size="0.1"/></body></worldbody>
                  <actuator><motor joint="j"/></actuator></mujoco>
                """;
        try (MjModel m = MjModel.fromXml(xml);
                MjData d = m.makeData()) {
            d.ctrl().set(0, Double.NaN);
            d.step();
            assertThat(d.warningCount(MjWarning.BAD_CTRL)).isEqualTo(1);
        }
    }
}
