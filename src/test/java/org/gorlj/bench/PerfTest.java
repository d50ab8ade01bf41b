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
        RunConfig run = RunConfig.resolve("classic/pendulum", "ppo", "auto", List.of("num_envs=2", "num_steps=32",
                "num_minibatches=2", "update_epochs=2", "total_steps=640"));
        Perf.Report r = Perf.measure(run);
        assertThat(r.steps()).isEqualTo(640);
        assertThat(r.iterations()).isEqualTo(10);
        assertThat(r.parts()).containsOnlyKeys("physics", "inference", "learning", "other");
        assertThat(r.parts().values()).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(r.parts().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(r.seconds(), within(1e-9));
        assertThat(r.stepsPerSecond()).isCloseTo(640 / r.seconds(), within(1e-9));
        assertThat(r.stepsPerSecond("physics")).isGreaterThan(r.stepsPerSecond());
        assertThat(r.peakRssMb()).isGreaterThan(50);
    }

    @Test
    void badPerfInputIsOneLineAndExitCodeTwo() {
        StringWriter sw = new StringWriter();
        assertThat(Main.run(new PrintWriter(sw, true), "perf", "--task", "classic/nope")).isEqualTo(2);
        assertThat(sw.toString().strip().lines().count()).isEqualTo(1);
        assertThat(sw.toString()).contains("unknown task 'classic/nope'");
        StringWriter sw2 = new StringWriter();
        assertThat(Main.run(new PrintWriter(sw2, true), "perf", "--steps", "-3")).isEqualTo(2);
        assertThat(sw2.toString()).contains("total_steps=-3 is not valid");
    }
}
