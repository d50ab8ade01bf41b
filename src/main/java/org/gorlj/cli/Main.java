package org.gorlj.cli;

import org.gorlj.run.DivergenceException;
import java.io.PrintWriter;
import org.gorlj.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gorl} command line: train, eval, tasks, bench, perf (and more as they land). */
@Command(name = "gorl", mixinStandardHelpOptions = true, version = "GoRL-J 0.1.0",
        description = "Online reinforcement learning with generative policies (GoRL) on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, TasksCommand.class, BenchCommand.class, PerfCommand.class,
                ModesCommand.class, ReadmeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code of bad input: unknown names, bad values, missing or corrupt files. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code of a run stopped by a non-finite number. */
    public static final int EXIT_DIVERGED = 3;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (no System.exit). */
    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with errors going to {@code err}; returns the exit code. */
    public static int run(PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter e = cmd.getErr();
            if (ex instanceof IllegalArgumentException) { // ConfigException, unknown task, corrupt checkpoint
                e.println("error: " + ex.getMessage());
                e.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof org.gorlj.run.DivergenceException) {
                e.println("error: training stopped, a number went non-finite: " + ex.getMessage()
                        + " (the latest checkpoint holds the last good state)");
                e.flush();
                return EXIT_DIVERGED;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }

    /** For commands: a one-line bad-input error. */
    static ConfigException bad(String message) {
        return new ConfigException(message);
    }
}
