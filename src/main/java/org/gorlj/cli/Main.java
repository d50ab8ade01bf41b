package org.gorlj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.gorlj.config.ConfigException;
import org.gorlj.run.DivergenceException;
import org.gorlj.util.IoErrors;
import org.gorlj.util.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gorl} command line: train, eval, tasks, bench, perf (and more as they land). */
@Command(
        name = "gorl",
        mixinStandardHelpOptions = true,
        version = "GoRL-J 0.1.0",
        description = "Online reinforcement learning with generative policies (GoRL) on the JVM.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            TasksCommand.class,
            CheckEnvCommand.class,
            BenchCommand.class,
            WorkerCommand.class,
            PerfCommand.class,
            ModesCommand.class,
            ReadmeCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    /** Exit code of bad input (unknown names, bad values, missing, corrupt or busy files) and of failed file operations. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code of a programming error (the message says so and the trace follows). */
    public static final int EXIT_INTERNAL_ERROR = 1;
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
            int code = exitCode(ex, e);
            e.flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr()
                    .println("error: " + ex.getMessage() + " (see '"
                            + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }

    /**
     * Reports an exception a command threw and returns the exit code: bad user input, a failed file
     * operation and a diverged run are one line each; anything else is a programming error, shown
     * with its trace.
     */
    static int exitCode(Exception ex, PrintWriter err) {
        if (ex instanceof UserInputException) { // ConfigException, unknown task, corrupt checkpoint, busy run
            err.println("error: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            err.println("error: "
                    + IoErrors.describe(ex instanceof UncheckedIOException u ? u.getCause() : (IOException) ex));
            return EXIT_BAD_INPUT;
        }
        if (ex instanceof DivergenceException) {
            err.println("error: training stopped, a number went non-finite: " + ex.getMessage());
            return EXIT_DIVERGED;
        }
        err.println("internal error (a bug in GoRL-J, please report it with the trace below): " + ex);
        ex.printStackTrace(err);
        return EXIT_INTERNAL_ERROR;
    }

    /** For commands: a one-line bad-input error. */
    static ConfigException bad(String message) {
        return new ConfigException(message);
    }
}
