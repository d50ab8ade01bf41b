package org.gorlj.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gorlj.config.ConfigException;
import org.gorlj.train.EarlyStopping;
import org.gorlj.train.Fork;
import org.gorlj.train.ModePicture;
import org.gorlj.train.RunConfig;
import org.gorlj.train.RunLock;
import org.gorlj.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gorl train}: start a run, or resume one. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a policy on a task; writes a run directory (config.json, metrics.csv, checkpoints/, curve.png); "
                        + "--resume continues a run, --fork branches one.")
final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--task",
            description = "task name (see 'gorl tasks'), default ${DEFAULT-VALUE}",
            defaultValue = "classic/pendulum")
    String task;

    @Option(names = "--algo", description = "algorithm, default ${DEFAULT-VALUE}", defaultValue = "ppo")
    String algo;

    @Option(
            names = "--preset",
            description =
                    "auto (per-task defaults), cleanrl, paper or cpu for PPO; auto, sb3 or paper for SAC; default ${DEFAULT-VALUE}",
            defaultValue = "auto")
    String preset;

    @Option(names = "--steps", description = "environment steps (sets total_steps)")
    String steps;

    @Option(names = "--seed", description = "random seed (sets seed)")
    String seed;

    @Option(names = "--set", description = "override a setting: key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", description = "run directory (default runs/<task>-<algo>-<time>)")
    Path out;

    @Option(
            names = "--resume",
            description = "continue the run in this directory from its latest checkpoint, with the "
                    + "settings it started with (no other option but --quiet and the --stop-* ones may come with it)")
    Path resume;

    @Option(
            names = "--fork",
            description = "start a new run (--out) from this run's checkpoint, with the --set changes (and --algo: "
                    + "another algorithm with the same settings, such as gorl-diffusion from gorl-fm)")
    Path fork;

    @Option(
            names = "--checkpoint",
            description = "with --fork: latest, best or step-N (kept by checkpoint_at_step), default ${DEFAULT-VALUE}",
            defaultValue = "latest")
    String checkpoint;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(
            names = "--stop-at-return",
            paramLabel = "X",
            description = "stop after the first evaluation returning at least X (a checkpoint is written; --resume "
                    + "continues the run)")
    Double stopAtReturn;

    @Option(
            names = "--stop-on-plateau",
            paramLabel = "N",
            description = "stop after N evaluations in a row without a new best return (a checkpoint is written; "
                    + "--resume continues the run)")
    Integer stopOnPlateau;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream console = quiet ? null : System.out;
        if (stopAtReturn != null && !Double.isFinite(stopAtReturn)) {
            throw Main.bad("--stop-at-return " + stopAtReturn + " is not valid: expected a finite number");
        }
        if (stopOnPlateau != null && stopOnPlateau < 1) {
            throw Main.bad("--stop-on-plateau " + stopOnPlateau + " is not valid: expected an integer of at least 1");
        }
        if (fork != null && (out == null || resume != null)) {
            throw new ConfigException("--fork needs --out NEW_RUN_DIR (and no --resume)");
        }
        if (resume != null) {
            refuseWith(
                    "--resume",
                    List.of("--task", "--algo", "--preset", "--steps", "--seed", "--set", "--out"),
                    "a resume continues the run with the settings it started with (start a new run with --out to "
                            + "change them)");
            try (RunLock _ = RunLock.acquire(resume, "train --resume " + resume)) {
                return trainAndDraw(Trainer.open(resume, console));
            }
        }
        List<String> overrides = Overrides.combine(
                List.of(
                        new Overrides.Option("--steps", "total_steps", steps),
                        new Overrides.Option("--seed", "seed", seed)),
                sets);
        if (fork != null) { // task and preset are the parent's; --algo, --steps, --seed and --set change the rest
            refuseWith(
                    "--fork",
                    List.of("--task", "--preset"),
                    "a fork keeps its parent's task and settings but for the --set changes");
            String forkAlgo = spec.commandLine().getParseResult().hasMatchedOption("--algo") ? algo : null;
            Fork.Plan plan = Fork.plan(fork, checkpoint, forkAlgo, overrides); // refusals before anything is written
            Files.createDirectories(out);
            try (RunLock _ = RunLock.acquire(out, "train --fork " + fork + " --out " + out)) {
                plan.writeTo(out);
                return trainAndDraw(Trainer.open(out, console));
            }
        }
        RunConfig run = RunConfig.resolve(task, algo, preset, overrides);
        Trainer.requireStartable(run);
        Path dir = out != null
                ? out
                : Path.of(
                        "runs",
                        task.replace('/', '-') + "-" + algo + "-"
                                + LocalDateTime.now(ZoneId.systemDefault())
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.notExists(dir)) {
            Files.createDirectories(dir);
        }
        try (RunLock _ = RunLock.acquire(dir, "train --out " + dir)) {
            return trainAndDraw(Trainer.create(dir, run, console));
        }
    }

    /**
     * Refuses options given with {@code mode} that could not take effect: a resume continues the run
     * exactly as its {@code config.json} and checkpoint say; a fork keeps its parent's task, algorithm
     * and preset. One line, exit 2.
     */
    private void refuseWith(String mode, List<String> options, String why) {
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw Main.bad(o + " cannot be given with " + mode + ": " + why);
            }
        }
    }

    /**
     * Prints the run's start-up warnings (even with --quiet), trains the run, then draws the
     * multimodality picture of its best checkpoint into it.
     */
    private int trainAndDraw(Trainer trainer) throws IOException {
        trainer.runConfig().warnings().forEach(spec.commandLine().getErr()::println);
        if (stopAtReturn != null) {
            trainer.addListener(EarlyStopping.atReturn(stopAtReturn));
        }
        if (stopOnPlateau != null) {
            trainer.addListener(EarlyStopping.onPlateau(stopOnPlateau));
        }
        if ((stopAtReturn != null || stopOnPlateau != null)
                && trainer.runConfig().config().getLong("eval_every") == 0) {
            spec.commandLine()
                    .getErr()
                    .println("warning: eval_every=0: the run evaluates only at its end, so --stop-at-return and "
                            + "--stop-on-plateau cannot stop it early");
        }
        spec.commandLine().getErr().flush();
        trainer.train();
        Path dir = trainer.directory().root();
        ModePicture.Drawn modes = ModePicture.draw(
                dir, "best", null, 0, ModePicture.SAMPLES, ModePicture.BANDWIDTH, 0, dir.resolve("modes.png"));
        if (!quiet) {
            System.out.println(modes.summary() + "   (other states: ./gorl modes " + dir + " --obs ...)");
        }
        return 0;
    }
}
