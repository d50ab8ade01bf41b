package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status's estimate of the training time left, against a hand computation. */
class BenchTimeLeftTest {
    private static RunSummary at(long steps, double stepsPerSecond) {
        return new RunSummary(steps, 0, 0, 50, 0, 0, steps / stepsPerSecond, stepsPerSecond, Double.NaN);
    }

    private static BenchSpec spec(Path tmp) throws Exception {
        return BenchSpec.read(BenchSpecTest.write(tmp, "left.json", """
                {"tasks": ["classic/pendulum", "classic/two-modes"], "algorithms": ["ppo"], "seeds": 2, "steps": 1000,
                 "out": "%s"}
                """.formatted(tmp.resolve("runs"))));
    }

    @Test
    void partialRunsAtTheirOwnRateNewRunsAtTheirTaskAndMethodsMeanRate(@TempDir Path tmp) throws Exception {
        BenchSpec spec = spec(tmp);
        // runs: pendulum s1 (complete, 200 steps/s), two-modes s1 (500 steps at 250/s), pendulum s2, two-modes s2 (new)
        List<RunStatus> statuses = List.of(RunStatus.COMPLETE, RunStatus.PARTIAL, RunStatus.NEW, RunStatus.NEW);
        List<RunSummary> summaries = Arrays.asList(at(1000, 200), at(500, 250), null, null);
        // 500 / 250 + 1000 / 200 + 1000 / 250
        assertThat(Bench.secondsLeft(spec, statuses, summaries)).isCloseTo(2 + 5 + 4, within(1e-9));
    }

    @Test
    void unknownWhileANewRunHasNoMeasuredRunOfItsTaskAndMethod(@TempDir Path tmp) throws Exception {
        BenchSpec spec = spec(tmp);
        List<RunStatus> statuses = List.of(RunStatus.COMPLETE, RunStatus.NEW, RunStatus.NEW, RunStatus.NEW);
        assertThat(Bench.secondsLeft(spec, statuses, Arrays.asList(at(1000, 200), null, null, null)))
                .isNaN();
        List<RunStatus> done = List.of(RunStatus.COMPLETE, RunStatus.COMPLETE, RunStatus.DIVERGED, RunStatus.COMPLETE);
        assertThat(Bench.secondsLeft(
                        spec, done, Arrays.asList(at(1000, 200), at(1000, 250), at(300, 1), at(1000, 250))))
                .isZero();
    }

    @Test
    void durationsForPeople() {
        assertThat(Bench.duration(40)).isEqualTo("40 s");
        assertThat(Bench.duration(720)).isEqualTo("12 min");
        assertThat(Bench.duration(3.4 * 3600)).isEqualTo("3.4 h");
    }
}
