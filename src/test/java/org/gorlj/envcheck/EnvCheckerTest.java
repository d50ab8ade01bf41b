package org.gorlj.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.cli.Main;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every task of {@code gorl tasks} passes every check; an environment with one deliberate defect fails
 * exactly the check of that defect, with a message that says what to fix; the command line prints one
 * line per check and exits 0, 1 or 2.
 */
class EnvCheckerTest {
    private static final EnvChecker.Options QUICK = new EnvChecker.Options(30, 0, 2.0);

    /** The message's part that says what went wrong and what to fix, per defect. */
    private static final Map<FaultyDrift.Defect, List<String>> MESSAGES = Map.of(
            FaultyDrift.Defect.SPACES,
            List.of("observation[0] = ", "lies outside observationSpace()'s [-0.25, 0.25]", "declare the bounds"),
            FaultyDrift.Defect.FINITE,
            List.of("the reward is NaN at step 5 of an episode", "rewards must be finite numbers"),
            FaultyDrift.Defect.RESET_DETERMINISM,
            List.of("two environments reset with seed 0 differ at observation[0]", "draw every random number"),
            FaultyDrift.Defect.SAVE_RESTORE,
            List.of("loaded from a state saved after 15 steps differs", "saveState must write every field"),
            FaultyDrift.Defect.TERMINATION,
            List.of("the episode terminated at step 20, the task's time limit", "is a truncation"),
            FaultyDrift.Defect.AUTORESET,
            List.of("reset(observation), which starts the next episode after one ends, left observation[0] unwritten"),
            FaultyDrift.Defect.ACTION_BOUNDS,
            List.of("the action at the bounds (low: [-1.0]) gives the reward -Infinity", "bounds included"),
            FaultyDrift.Defect.STEP_TIME,
            List.of("above the limit of 2.000 ms", "make step cheaper"));

    @Test
    void everyTaskOfGorlTasksPasses() {
        List<String> failures = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Task task : TaskRegistry.all()) {
            if (task.name().startsWith("test/broken-")) {
                continue; // registered by the command-line test below
            }
            EnvCheckReport report = EnvChecker.check(task, new EnvChecker.Options(20, 0, 10.0));
            report.failures().forEach(f -> failures.add(task.name() + ": " + f.line()));
            checked.add(task.name());
        }
        assertThat(failures).isEmpty();
        assertThat(checked).contains("classic/two-modes", "gym/walker2d", "dmc/fish-swim", "test/drift");
    }

    @Test
    void theEnvironmentWithoutDefectPassesEveryCheck() {
        EnvCheckReport report = EnvChecker.check(FaultyDrift.task(FaultyDrift.Defect.NONE), QUICK);
        assertThat(report.failures()).isEmpty();
        assertThat(report.results()).extracting(CheckResult::check).isEqualTo(EnvChecker.CHECKS);
    }

    @ParameterizedTest
    @EnumSource(
            value = FaultyDrift.Defect.class,
            names = {"NONE", "SAVE_UNSUPPORTED"},
            mode = EnumSource.Mode.EXCLUDE)
    void eachDefectFailsItsOwnCheckOnlyWithAMessageSayingWhatToFix(FaultyDrift.Defect defect) {
        EnvCheckReport report = EnvChecker.check(FaultyDrift.task(defect), QUICK);
        String check = defect.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        assertThat(report.failures()).extracting(CheckResult::check).containsExactly(check);
        assertThat(report.get(check).message()).contains(MESSAGES.get(defect));
    }

    @Test
    void anEnvironmentThatThrowsFailsTheCheckNamingTheException() {
        EnvCheckReport report = EnvChecker.check(FaultyDrift.task(FaultyDrift.Defect.SAVE_UNSUPPORTED), QUICK);
        assertThat(report.failures()).extracting(CheckResult::check).containsExactly("save-restore");
        assertThat(report.get("save-restore").message())
                .startsWith("the environment threw java.lang.UnsupportedOperationException: saveState is not written"
                        + " yet at org.gorlj.envcheck.FaultyDrift.saveState(");
    }

    @Test
    void theCommandLinePrintsOneLinePerCheckAndExitsByTheOutcome() {
        Out pendulum = cli("check-env", "classic/pendulum", "--steps", "20");
        assertThat(pendulum.code()).isZero();
        List<String> lines = pendulum.out().lines().toList();
        assertThat(lines).hasSize(EnvChecker.CHECKS.size() + 1);
        for (int i = 0; i < EnvChecker.CHECKS.size(); i++) {
            assertThat(lines.get(i)).startsWith("PASS  " + EnvChecker.CHECKS.get(i) + " ");
        }
        assertThat(lines.getLast()).isEqualTo("classic/pendulum: 8 of 8 checks passed");

        Task broken = FaultyDrift.task(FaultyDrift.Defect.TERMINATION);
        TaskRegistry.register(broken);
        Out failed = cli("check-env", broken.name(), "--steps", "20");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("FAIL  termination ", "PASS  save-restore ", broken.name() + ": 7 of 8");

        Out unknown = cli("check-env", "classic/nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .startsWith("error: unknown task 'classic/nope'")
                .doesNotContain("\n");
        assertThat(cli("check-env", "classic/pendulum", "--steps", "1").err().strip())
                .isEqualTo("error: --steps 1 is not valid: expected an integer of at least 2");
    }

    private record Out(int code, String out, String err) {}

    private static Out cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream before = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(new PrintWriter(err, true), args);
            return new Out(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(before);
        }
    }
}
