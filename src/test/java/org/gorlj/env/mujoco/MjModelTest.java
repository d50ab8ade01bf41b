package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MjModelTest {
    private static final String PENDULUM = """
            <mujoco>
              <option timestep="0.005"/>
              <worldbody>
                <body name="arm">
                  <joint name="swing" type="hinge" axis="0 1 0"/>
                  <geom name="bob" type="sphere" pos="0 0 -1" size="0.05" mass="2"/>
                  <site name="tip" pos="0 0 -1"/>
                </body>
              </worldbody>
              <actuator><motor name="torque" joint="swing" ctrllimited="true" ctrlrange="-2 2"/></actuator>
              <sensor><framepos name="tip_pos" objtype="site" objname="tip"/></sensor>
            </mujoco>
            """;

    @Test
    void malformedXmlGivesMujocosParserMessage() {
        assertThatThrownBy(() -> MjModel.fromXml("<mujoco><worldbody><body>"))
                .isInstanceOf(MujocoException.class)
                .hasMessageStartingWith("cannot load MuJoCo model from an XML string: ")
                .hasMessageContaining("XML parse error")
                .hasMessageContaining("XML_ERROR_MISMATCHED_ELEMENT");
    }

    @Test
    void aCompileErrorGivesMujocosCompilerMessage() {
        String rangeWithoutLimited = "<mujoco><worldbody><body><joint type='hinge' range='0 1'/>"
                + "<geom size='0.1'/></body></worldbody></mujoco>";
        assertThatThrownBy(() -> MjModel.fromXml(rangeWithoutLimited))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("joint has `range` but not `limited`");
        assertThatThrownBy(() -> MjModel.fromXml("<mujoco><option ls_iterations='5'/></mujoco>"))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("unrecognized attribute");
    }

    @Test
    void missingFilesAndResourcesAreReportedByName(@TempDir Path dir) {
        assertThatThrownBy(() -> MjModel.load(dir.resolve("absent.xml")))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("absent.xml");
        assertThatThrownBy(() -> MjModel.loadResource("models/absent.xml"))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("models/absent.xml");
        assertThatThrownBy(() -> MjModel.fromXml("  "))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void loadsFromAFileAndFromAStringAlike(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pendulum.xml");
        Files.writeString(file, PENDULUM);
        try (MjModel fromFile = MjModel.load(file);
                MjModel fromString = MjModel.fromXml(PENDULUM)) {
            for (MjModel m : new MjModel[] {fromFile, fromString}) {
                assertThat(new int[] {
                            m.nq(),
                            m.nv(),
                            m.nu(),
                            m.na(),
                            m.nbody(),
                            m.njnt(),
                            m.ngeom(),
                            m.nsite(),
                            m.nsensor(),
                            m.nsensordata(),
                            m.nmocap()
                        })
                        .containsExactly(1, 1, 1, 0, 2, 1, 1, 1, 1, 3, 0);
                assertThat(m.timestep()).isEqualTo(0.005);
                assertThat(m.gravity().toArray()).containsExactly(0, 0, -9.81);
                assertThat(m.bodyMass().get(1)).isEqualTo(2.0);
                assertThat(m.actuatorCtrlLimited(0)).isTrue();
                assertThat(m.actuatorCtrlRange().row(0)).containsExactly(-2, 2);
                assertThat(m.actuatorGear().get(0, 0)).isEqualTo(1.0);
                assertThat(m.geomSize().get(0, 0)).isEqualTo(0.05);
                assertThat(m.geomPos().row(0)).containsExactly(0, 0, -1);
                assertThat(m.sitePos().row(0)).containsExactly(0, 0, -1);
            }
        }
    }

    @Test
    void namesAndIdsRoundTrip() {
        try (MjModel m = MjModel.fromXml(PENDULUM)) {
            assertThat(m.bodyId("arm")).isEqualTo(1);
            assertThat(m.jointId("swing")).isZero();
            assertThat(m.geomId("bob")).isZero();
            assertThat(m.siteId("tip")).isZero();
            assertThat(m.sensorId("tip_pos")).isZero();
            assertThat(m.actuatorId("torque")).isZero();
            assertThat(m.name(MjObject.BODY, 1)).isEqualTo("arm");
            assertThat(m.name(MjObject.SENSOR, 0)).isEqualTo("tip_pos");
            assertThat(m.findId(MjObject.GEOM, "nothing")).isEqualTo(-1);
            assertThatThrownBy(() -> m.jointId("nothing"))
                    .isInstanceOf(MujocoException.class)
                    .hasMessageContaining("no joint named 'nothing'");
            assertThat(m.bodyParent(1)).isZero();
            assertThat(m.geomBody(0)).isEqualTo(1);
            assertThat(m.siteBody(0)).isEqualTo(1);
            assertThat(m.jointType(0)).isEqualTo(3);
            assertThat(m.jointQposAddress(0)).isZero();
            assertThat(m.jointDofAddress(0)).isZero();
            assertThat(m.sensorDim(0)).isEqualTo(3);
            assertThat(m.sensorAddress(0)).isZero();
        }
    }

    @Test
    void modelArraysCanBeEditedAndTheEditChangesThePhysics() {
        try (MjModel m = MjModel.fromXml(PENDULUM);
                MjData d = m.makeData()) {
            m.setTimestep(0.001);
            assertThat(m.timestep()).isEqualTo(0.001);
            m.gravity().set(2, 0.0);
            d.qpos().set(0, 0.3);
            for (int i = 0; i < 100; i++) {
                d.step();
            }
            assertThat(d.qpos().get(0)).as("no gravity: the pendulum stays put").isEqualTo(0.3);
            assertThat(d.time()).isCloseTo(0.1, within(1e-12));
        }
    }

    @Test
    void closedModelsAndDataRefuseUseInsteadOfCrashing() {
        MjModel m = MjModel.fromXml(PENDULUM);
        MjData d = m.makeData();
        MjArray qpos = d.qpos();
        MjArray mass = m.bodyMass();
        d.close();
        d.close();
        assertThatThrownBy(d::step).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> qpos.get(0)).isInstanceOf(IllegalStateException.class);
        MjData other = m.makeData();
        m.close();
        assertThatThrownBy(() -> mass.get(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(other::step).as("a data whose model was closed").isInstanceOf(IllegalStateException.class);
        other.close();
        assertThat(m.isClosed()).isTrue();
    }
}
