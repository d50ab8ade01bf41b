package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The constants of the task logic agree with the MJCF files they describe. */
class ModelFilesTest {

    @ParameterizedTest
    @EnumSource(DmcTask.class)
    void modelTimestepTimesSubstepsIsTheControlTimestep(DmcTask task) throws Exception {
        Document model = load(task);
        double timestep = Double.parseDouble(single(model, "option").getAttribute("timestep"));
        assertThat(timestep).isCloseTo(task.physicsTimestep(), within(1e-12));
        assertThat(timestep * task.substeps()).isCloseTo(task.controlTimestep(), within(1e-12));
        assertThat(task.controlTimestep() * DmcTask.EPISODE_STEPS)
                .as("episode duration (s)")
                .isCloseTo(
                        switch (task) {
                            case CHEETAH_RUN, CARTPOLE_BALANCE, CARTPOLE_SWINGUP, ACROBOT_SWINGUP -> 10.0;
                            case WALKER_STAND, WALKER_WALK, WALKER_RUN, HUMANOID_STAND, HUMANOID_WALK, HUMANOID_RUN ->
                                25.0;
                            case FISH_SWIM -> 40.0;
                            default -> 20.0;
                        },
                        within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(DmcTask.class)
    void actionSizeIsTheNumberOfActuators(DmcTask task) throws Exception {
        Element actuators = single(load(task), "actuator");
        int count = 0;
        for (var n = actuators.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                count++;
            }
        }
        assertThat(count).isEqualTo(task.actionSize());
    }

    @Test
    void taskNamesAreUniqueAndPrefixed() {
        assertThat(java.util.Arrays.stream(DmcTask.values())
                        .map(DmcTask::taskName)
                        .distinct()
                        .count())
                .isEqualTo(DmcTask.values().length);
        assertThat(DmcTask.HOPPER_STAND.taskName()).isEqualTo("dmc/hopper-stand");
    }

    @Test
    void jointRangesMatchTheModels() throws Exception {
        assertRanges("hopper", new String[] {"waist", "hip", "knee", "ankle"}, Hopper.LIMITED_RANGES);
        assertRanges(
                "cheetah",
                new String[] {"bthigh", "bshin", "bfoot", "fthigh", "fshin", "ffoot"},
                Cheetah.LIMITED_RANGES);
        assertRanges("walker", new String[] {"right_hip", "right_knee", "right_ankle"}, Walker.LEG_RANGES);
        assertRanges("walker", new String[] {"left_hip", "left_knee", "left_ankle"}, Walker.LEG_RANGES);
        double[] finger = {-Finger.JOINT_LIMIT, Finger.JOINT_LIMIT};
        assertRanges("finger", new String[] {"proximal", "distal"}, new double[][] {finger, finger});
        assertRanges("reacher", new String[] {"wrist"}, new double[][] {{-Reacher.WRIST_LIMIT, Reacher.WRIST_LIMIT}});
        double[] slide = rangeValues(single(load("point_mass"), "default")
                .getElementsByTagName("joint")
                .item(0));
        assertThat(slide).containsExactly(-PointMass.LIMIT, PointMass.LIMIT);
    }

    @Test
    void targetAndContactGeometryMatchTheModels() throws Exception {
        Document finger = load("finger");
        assertThat(size(named(finger, "site", "target"))[0]).isEqualTo(Finger.HARD_TARGET_RADIUS);
        double[] spinner = doubles(named(finger, "body", "spinner").getAttribute("pos"));
        assertThat(spinner).containsExactly(Finger.HINGE_X, 0, Finger.HINGE_Z);
        double[] cap = size(named(finger, "geom", "cap1"));
        assertThat(cap[0] + cap[1]).as("lobe radius + half-length").isCloseTo(Finger.TARGET_ORBIT, within(1e-12));
        assertThat(sensorDimensions(finger)).isEqualTo(Finger.SENSORDATA_SIZE);

        Document fish = load("fish");
        double reach = size(named(fish, "geom", "mouth"))[0] + size(named(fish, "geom", "target"))[0];
        assertThat(reach).isCloseTo(Fish.REACH_RADIUS, within(1e-12));

        Document reacher = load("reacher");
        assertThat(size(named(reacher, "geom", "target"))[0]).isEqualTo(Reacher.EASY_TARGET_RADIUS);
        assertThat(size(named(reacher, "geom", "finger"))[0]).isEqualTo(Reacher.FINGER_RADIUS);

        assertThat(size(named(load("point_mass"), "geom", "target"))[0]).isEqualTo(PointMass.TARGET_RADIUS);
        assertThat(size(named(load("acrobot"), "site", "target"))[0]).isEqualTo(Acrobot.TARGET_RADIUS);
        assertThat(doubles(named(load("acrobot"), "site", "target").getAttribute("pos")))
                .containsExactly(0, 0, 4);
    }

    @Test
    void humanoidHasAFreeRootAndOneMotorPerHinge() throws Exception {
        Document humanoid = load("humanoid");
        NodeList joints = humanoid.getElementsByTagName("joint");
        int hinges = 0;
        for (int i = 0; i < joints.getLength(); i++) {
            if (((Element) joints.item(i)).hasAttribute("name")) {
                hinges++; // the unnamed ones are defaults
            }
        }
        assertThat(humanoid.getElementsByTagName("freejoint").getLength()).isEqualTo(1);
        assertThat(hinges).isEqualTo(Humanoid.ACTIONS);
        assertThat(Humanoid.NQ).isEqualTo(7 + hinges);
        assertThat(Humanoid.NV).isEqualTo(6 + hinges);
        NodeList motors = humanoid.getElementsByTagName("motor");
        for (int i = 0; i < motors.getLength(); i++) {
            Element motor = (Element) motors.item(i);
            if (motor.hasAttribute("joint")) {
                assertThat(named(humanoid, "joint", motor.getAttribute("joint")))
                        .isNotNull();
            }
        }
        assertThat(motors.getLength() - 1).as("motors besides the default").isEqualTo(Humanoid.ACTIONS);
    }

    private static void assertRanges(String model, String[] joints, double[][] expected) throws Exception {
        Document doc = load(model);
        for (int j = 0; j < joints.length; j++) {
            double[] degrees = rangeValues(named(doc, "joint", joints[j]));
            assertThat(Math.toRadians(degrees[0])).as(joints[j]).isCloseTo(expected[j][0], within(1e-12));
            assertThat(Math.toRadians(degrees[1])).as(joints[j]).isCloseTo(expected[j][1], within(1e-12));
        }
    }

    private static double[] rangeValues(org.w3c.dom.Node joint) {
        return doubles(((Element) joint).getAttribute("range"));
    }

    private static int sensorDimensions(Document doc) {
        int total = 0;
        for (var n = single(doc, "sensor").getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                total += e.getTagName().equals("framepos") ? 3 : 1;
            }
        }
        return total;
    }

    private static double[] size(Element e) {
        return doubles(e.getAttribute("size"));
    }

    private static double[] doubles(String text) {
        String[] parts = text.trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    private static Element named(Document doc, String tag, String name) {
        NodeList list = doc.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + tag + " named " + name);
    }

    private static Element single(Document doc, String tag) {
        NodeList list = doc.getElementsByTagName(tag);
        assertThat(list.getLength()).as("number of <%s> elements", tag).isGreaterThanOrEqualTo(1);
        return (Element) list.item(0);
    }

    private static Document load(DmcTask task) throws Exception {
        return parse(task.modelResource());
    }

    private static Document load(String model) throws Exception {
        return parse("/models/dmc/" + model + ".xml");
    }

    private static Document parse(String resource) throws Exception {
        try (InputStream in = ModelFilesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
