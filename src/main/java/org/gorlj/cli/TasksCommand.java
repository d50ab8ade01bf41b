package org.gorlj.cli;

import java.util.concurrent.Callable;
import org.gorlj.env.Env;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import picocli.CommandLine.Command;

/** {@code gorl tasks}: list the tasks. */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "List every task with its sizes and episode length.")
final class TasksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-34s %5s %5s %8s  %s%n", "task", "obs", "act", "episode", "description");
        for (Task t : TaskRegistry.all()) {
            try (Env e = t.make()) {
                System.out.printf(
                        "%-34s %5d %5d %8d  %s%n",
                        t.name(),
                        e.observationSpace().dim(),
                        e.actionSpace().dim(),
                        t.maxEpisodeSteps(),
                        t.description());
            }
        }
        return 0;
    }
}
