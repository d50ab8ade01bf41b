package org.gorlj.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.concurrent.Callable;
import org.gorlj.env.Env;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.TimeLimit;
import org.gorlj.env.mujoco.MujocoEnv;
import picocli.CommandLine.Command;

/** {@code gorl tasks}: list the tasks. */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "List every task with its family, sizes, control step and episode length.")
final class TasksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf(
                "%-34s %-8s %5s %5s %9s %8s  %s%n",
                "task", "family", "obs", "act", "step (s)", "episode", "description");
        for (Task t : TaskRegistry.all()) {
            try (Env e = t.make()) {
                System.out.printf(
                        "%-34s %-8s %5d %5d %9s %8d  %s%n",
                        t.name(),
                        family(t.name()),
                        e.observationSpace().dim(),
                        e.actionSpace().dim(),
                        controlStep(e),
                        t.maxEpisodeSteps(),
                        t.description());
            }
        }
        return 0;
    }

    /** The part of a task name before its '/' (classic, gym, dmc...). */
    static String family(String taskName) {
        int slash = taskName.indexOf('/');
        return slash < 0 ? "-" : taskName.substring(0, slash);
    }

    /** Seconds of simulated time per step for MuJoCo tasks (timestep x frame skip, 4 digits), "-" for others. */
    static String controlStep(Env env) {
        Env inner = env instanceof TimeLimit limit ? limit.inner() : env;
        if (!(inner instanceof MujocoEnv mujoco)) {
            return "-";
        }
        return new BigDecimal(mujoco.dt())
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}
