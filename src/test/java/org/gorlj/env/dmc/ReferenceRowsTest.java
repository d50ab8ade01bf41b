package org.gorlj.env.dmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.gorlj.env.StepResult;
import org.gorlj.env.mujoco.MjData;
import org.gorlj.env.mujoco.MjModel;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The reference trajectories (docs/tasks.md §5) reproduced through the Java binding: with the DMC
 * settings switched back (as MJCF edits) the models match the C harness, and the reference where it
 * was computed with DMC's settings; the DMC environments, stepping as the project runs them (substeps,
 * explicit damping), match the harness's "project" runs, and the reference where it was computed with
 * the project's settings.
 */
class ReferenceRowsTest {
    /** Java and C run the same double-precision computation. */
    private static final double SAME_COMPUTATION = 1e-9;

    private static final Map<String, DmcTask> TASK_OF_MODEL = Map.ofEntries(
            Map.entry("hopper", DmcTask.HOPPER_STAND),
            Map.entry("cheetah", DmcTask.CHEETAH_RUN),
            Map.entry("walker", DmcTask.WALKER_WALK),
            Map.entry("finger", DmcTask.FINGER_TURN_EASY),
            Map.entry("fish", DmcTask.FISH_SWIM),
            Map.entry("cartpole", DmcTask.CARTPOLE_BALANCE),
            Map.entry("pendulum", DmcTask.PENDULUM_SWINGUP),
            Map.entry("acrobot", DmcTask.ACROBOT_SWINGUP),
            Map.entry("reacher", DmcTask.REACHER_EASY),
            Map.entry("point_mass", DmcTask.POINT_MASS),
            Map.entry("humanoid", DmcTask.HUMANOID_STAND));

    @Test
    void modelsWithDmcSettingsReproduceEveryRowThroughJava() throws Exception {
        List<ValidationHarness.Row> rows = ValidationHarness.rows();
        assertThat(rows).isNotEmpty();
        for (ValidationHarness.Row row : rows) {
            String xml = withSettings(row.field("model"), row.fields().getOrDefault("dmc", ""));
            try (MjModel model = MjModel.fromXml(xml);
                    MjData data = model.makeData()) {
                data.qpos().copyFrom(row.vector("qpos"));
                if (row.fields().containsKey("qvel")) {
                    data.qvel().copyFrom(row.vector("qvel"));
                }
                data.forward();
                data.ctrl().copyFrom(row.vector("ctrl"));
                long steps =
                        Math.round(Integer.parseInt(row.field("steps")) * referenceTimestep(row) / model.timestep());
                for (long i = 0; i < steps; i++) {
                    data.step();
                }
                data.forward();
                double[] qpos = data.qpos().toArray();
                double[] qvel = data.qvel().toArray();
                double qposError = maxError(qpos, row.vector("expect_qpos"));
                double qvelError = maxError(qvel, row.vector("expect_qvel"));
                System.out.printf("Java row %s: qpos error %.3e, qvel error %.3e%n", row.id(), qposError, qvelError);
                if (row.mode().equals("dmc")) {
                    assertWithinTolerance(row, qposError, qvelError);
                } else {
                    System.out.printf(
                            "  not compared with the reference: row %s was computed with the project's settings"
                                    + " (checked in environmentsStepAsTheHarnessProjectRuns)%n",
                            row.id());
                }
                double[][] c = ValidationHarness.finalState(row.id(), "dmc");
                assertThat(qpos).as(row.id() + " qpos, Java vs C").containsExactly(c[0], within(SAME_COMPUTATION));
                assertThat(qvel).as(row.id() + " qvel, Java vs C").containsExactly(c[1], within(SAME_COMPUTATION));
            }
        }
    }

    @Test
    void environmentsStepAsTheHarnessProjectRuns() throws Exception {
        for (ValidationHarness.Row row : ValidationHarness.rows()) {
            DmcTask task = TASK_OF_MODEL.get(row.field("model"));
            long physicsSteps =
                    Math.round(Integer.parseInt(row.field("steps")) * referenceTimestep(row) / task.physicsTimestep());
            assertThat(physicsSteps % task.substeps())
                    .as(row.id() + ": whole control steps")
                    .isZero();
            try (DmcEnv env = (DmcEnv) DmcTasks.create(task)) {
                double[] qvel = row.fields().containsKey("qvel")
                        ? row.vector("qvel")
                        : new double[env.model().nv()];
                env.setState(row.vector("qpos"), qvel);
                StepResult result = new StepResult(task.observationSize());
                for (long i = 0; i < physicsSteps / task.substeps(); i++) {
                    env.step(row.vector("ctrl"), result);
                }
                double[] finalQpos = env.data().qpos().toArray();
                double[] finalQvel = env.data().qvel().toArray();
                double[][] c = ValidationHarness.finalState(row.id(), "project");
                assertThat(finalQpos)
                        .as(row.id() + " qpos, env vs C project run")
                        .containsExactly(c[0], within(SAME_COMPUTATION));
                assertThat(finalQvel)
                        .as(row.id() + " qvel, env vs C project run")
                        .containsExactly(c[1], within(SAME_COMPUTATION));
                double qposError = maxError(finalQpos, row.vector("expect_qpos"));
                double qvelError = maxError(finalQvel, row.vector("expect_qvel"));
                System.out.printf("Env row %s: qpos error %.3e, qvel error %.3e%n", row.id(), qposError, qvelError);
                if (row.mode().equals("project")) {
                    assertWithinTolerance(row, qposError, qvelError);
                } else {
                    System.out.printf(
                            "  not compared with the reference: row %s was computed with the settings dmc=%s, not with"
                                    + " those %s runs (the model's own%s); the run settings are checked by %s%n",
                            row.id(),
                            row.fields().getOrDefault("dmc", "(none)"),
                            task.taskName(),
                            row.fields().containsKey("project") ? " and explicit damping" : "",
                            projectRowsOf(row.field("model")));
                }
            }
        }
    }

    /** Time step the row's reference was computed with: after the dmc= settings, or the model's own in project mode. */
    private static double referenceTimestep(ValidationHarness.Row row) throws Exception {
        String settings = row.mode().equals("dmc") ? row.fields().getOrDefault("dmc", "") : "";
        try (MjModel reference = MjModel.fromXml(withSettings(row.field("model"), settings))) {
            return reference.timestep();
        }
    }

    private static void assertWithinTolerance(ValidationHarness.Row row, double qposError, double qvelError) {
        double tol = Double.parseDouble(row.field("tol"));
        double qvelTol = Double.parseDouble(row.fields().getOrDefault("qvel_tol", row.field("tol")));
        assertThat(qposError).as(row.id() + " qpos").isLessThanOrEqualTo(tol);
        assertThat(qvelError).as(row.id() + " qvel").isLessThanOrEqualTo(qvelTol);
    }

    /** The project-mode rows of a model (its rows computed with the settings its tasks run with). */
    static List<String> projectRowsOf(String model) throws Exception {
        return ValidationHarness.rows().stream()
                .filter(r -> r.mode().equals("project") && r.field("model").equals(model))
                .map(ValidationHarness.Row::id)
                .toList();
    }

    /**
     * The model's MJCF with the harness's settings applied as edits: timestep, integrator, iterations,
     * cone, collide:GEOM, solid_box:BODY:HX:HY:HZ (the body's mass-carrying geom becomes a box).
     */
    static String withSettings(String modelName, String settings) throws Exception {
        Document doc;
        try (InputStream in = ReferenceRowsTest.class.getResourceAsStream("/models/dmc/" + modelName + ".xml")) {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Element option = (Element) doc.getElementsByTagName("option").item(0);
        for (String setting : settings.isEmpty() ? new String[0] : settings.split(",")) {
            String[] p = setting.split(":");
            switch (p[0]) {
                case "timestep", "iterations", "cone" -> option.setAttribute(p[0], p[1]);
                case "integrator" -> option.setAttribute("integrator", p[1].equals("rk4") ? "RK4" : "Euler");
                case "collide" -> {
                    Element geom = named(doc, "geom", p[1]);
                    geom.setAttribute("contype", "1");
                    geom.setAttribute("conaffinity", "1");
                }
                case "solid_box" -> {
                    Element body = named(doc, "body", p[1]);
                    Element massive = null;
                    for (var n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element g
                                && g.getTagName().equals("geom")
                                && !"0".equals(g.getAttribute("mass"))) {
                            assertThat(massive)
                                    .as("one mass-carrying geom in " + p[1])
                                    .isNull();
                            massive = g;
                        }
                    }
                    assertThat(massive).as("mass-carrying geom in " + p[1]).isNotNull();
                    massive.setAttribute("type", "box");
                    massive.setAttribute("size", p[2] + " " + p[3] + " " + p[4]);
                }
                default -> throw new IllegalArgumentException("setting not expressible in MJCF: " + setting);
            }
        }
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    private static Element named(Document doc, String tag, String name) {
        NodeList list = doc.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no " + tag + " named " + name);
    }

    private static double maxError(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double e = 0;
        for (int i = 0; i < actual.length; i++) {
            e = Math.max(e, Math.abs(actual[i] - expected[i]));
        }
        return e;
    }
}
