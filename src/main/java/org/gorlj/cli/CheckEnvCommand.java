package org.gorlj.cli;

import java.util.concurrent.Callable;
import org.gorlj.env.TaskRegistry;
import org.gorlj.envcheck.CheckResult;
import org.gorlj.envcheck.EnvCheckReport;
import org.gorlj.envcheck.EnvChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gorl check-env TASK}: run a task's environment through the contract checks, one line per check. */
@Command(
        name = "check-env",
        mixinStandardHelpOptions = true,
        description = "Check a task's environment against the contract training relies on (spaces, finite values,"
                + " seeded determinism, save/restore, termination vs truncation, autoreset, action bounds, step"
                + " time); exit code 0 when every check passes, 1 when one fails.")
final class CheckEnvCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "task name (see 'gorl tasks')")
    String task;

    @Option(
            names = "--steps",
            description = "environment steps per rollout, default ${DEFAULT-VALUE}",
            defaultValue = "200")
    int steps;

    @Option(
            names = "--seed",
            description = "seed of the environments and the random actions, default ${DEFAULT-VALUE}",
            defaultValue = "0")
    long seed;

    @Option(
            names = "--max-step-ms",
            description = "mean step time above which step-time fails, default ${DEFAULT-VALUE}",
            defaultValue = "10")
    double maxStepMillis;

    @Override
    public Integer call() {
        if (steps < 2) {
            throw Main.bad("--steps " + steps + " is not valid: expected an integer of at least 2");
        }
        if (!(maxStepMillis > 0) || Double.isInfinite(maxStepMillis)) {
            throw Main.bad("--max-step-ms " + maxStepMillis + " is not valid: expected a positive number");
        }
        EnvCheckReport report =
                EnvChecker.check(TaskRegistry.get(task), new EnvChecker.Options(steps, seed, maxStepMillis));
        for (CheckResult r : report.results()) {
            System.out.println(r.line());
        }
        int failed = report.failures().size();
        System.out.printf(
                "%s: %d of %d checks passed%n",
                task, report.results().size() - failed, report.results().size());
        return failed == 0 ? 0 : 1;
    }
}
