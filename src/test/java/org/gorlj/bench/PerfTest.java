package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.gorlj.cli.Main;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;

/** A perf measurement covers the requested steps and splits all of its time into parts. */
class PerfTest {
    @Test
    void partsAddUpToTheWallClockAndTheStepsAreTaken() {
        RunConfig run = RunConfig.resolve(
                "classic/pendulum",
                "ppo",
                "auto",
                List.of("num_envs=2", "num_steps=32", "num_minibatches=2", "update_epochs=2", "total_steps=640"));
        Perf.Report r = Perf.measure(run);
        assertThat(r.steps()).isEqualTo(640);
        assertThat(r.iterations()).isEqualTo(10);
        assertThat(r.parts()).containsOnlyKeys("physics", "inference", "learning", "other");
        assertThat(r.parts().values()).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(r.parts().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(r.seconds(), within(1e-9));
        assertThat(r.stepsPerSecond()).isCloseTo(640 / r.seconds(), within(1e-9));
        assertThat(r.stepsPerSecond("physics")).isGreaterThan(r.stepsPerSecond());
        assertThat(r.peakRssMb()).isGreaterThan(50);
    }

    @Test
    void thePhysicsLimitIsMeasuredOnTheRunsEnvironmentCopiesAndComparedToTheTraining() {
        RunConfig run = RunConfig.resolve(
                "classic/pendulum",
                "ppo",
                "auto",
                List.of("num_envs=3", "num_steps=32", "num_minibatches=2", "update_epochs=2", "total_steps=960"));
        Perf.Report r = Perf.measure(run);
        // whole vector steps of the run's 3 copies covering the 960 training steps, for at least a second
        assertThat(r.physics().steps()).isGreaterThanOrEqualTo(960);
        assertThat(r.physics().steps() % 3).isZero();
        assertThat(r.physics().seconds()).isGreaterThanOrEqualTo(Perf.MIN_PHYSICS_SECONDS);
        // physics alone does a subset of the training's work, so it cannot be slower than the whole
        assertThat(r.physics().stepsPerSecond()).isGreaterThan(r.stepsPerSecond());
        assertThat(r.physicsRatio())
                .isCloseTo(r.stepsPerSecond() / r.physics().stepsPerSecond(), within(1e-12))
                .isStrictlyBetween(0.0, 1.0);
        // a single-threaded loop keeps at most about one core busy, plus the JVM's own threads
        assertThat(r.physics().cores()).isPositive().isLessThan(2.5);
        assertThat(r.cores()).isPositive();
        assertThat(r.cpuSeconds()).isPositive();
    }

    @Test
    void physicsStepsAreWholeVectorStepsCoveringTheRequestedCount() {
        Perf.Physics p = Perf.measurePhysics(org.gorlj.env.TaskRegistry.get("classic/pendulum"), 4, 2, 10, 7);
        assertThat(p.steps()).isGreaterThanOrEqualTo(12);
        assertThat(p.steps() % 4).isZero();
        assertThat(p.seconds()).isGreaterThanOrEqualTo(Perf.MIN_PHYSICS_SECONDS);
        assertThat(p.stepsPerSecond()).isCloseTo(p.steps() / p.seconds(), within(1e-9));
    }

    @Test
    void jsonCarriesTheRatesTheRatioAndTheCores() throws Exception {
        StringWriter sw = new StringWriter();
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(
                    new PrintWriter(sw, true),
                    "perf",
                    "--task",
                    "classic/pendulum",
                    "--steps",
                    "256",
                    "--json",
                    "--set",
                    "num_envs=2",
                    "--set",
                    "num_steps=32",
                    "--set",
                    "num_minibatches=2",
                    "--set",
                    "update_epochs=1");
        } finally {
            System.setOut(old);
        }
        assertThat(code).as(sw.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        double e2e = j.get("env_steps_per_s").asDouble();
        double phys = j.get("physics_env_steps_per_s").asDouble();
        assertThat(e2e).isEqualTo(j.get("steps_per_second").asDouble()).isPositive();
        assertThat(j.get("physics_ratio").asDouble()).isCloseTo(e2e / phys, within(1e-9));
        assertThat(j.get("cores").asDouble()).isPositive();
        assertThat(j.get("physics_cores").asDouble()).isPositive();
        assertThat(j.get("physics_steps").asLong()).isGreaterThanOrEqualTo(256);
    }

    @Test
    void badPerfInputIsOneLineAndExitCodeTwo() {
        StringWriter sw = new StringWriter();
        assertThat(Main.run(new PrintWriter(sw, true), "perf", "--task", "classic/nope"))
                .isEqualTo(2);
        assertThat(sw.toString().strip().lines().count()).isEqualTo(1);
        assertThat(sw.toString()).contains("unknown task 'classic/nope'");
        StringWriter sw2 = new StringWriter();
        assertThat(Main.run(new PrintWriter(sw2, true), "perf", "--steps", "-3"))
                .isEqualTo(2);
        assertThat(sw2.toString()).contains("total_steps=-3 is not valid");
    }
}
