package org.gorlj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gorlj.train.ModePicture;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gorl modes}: the multimodality picture of a run's policy at one state (docs/method.md §6). */
@Command(
        name = "modes",
        mixinStandardHelpOptions = true,
        description = {
            "Sample actions of a run's policy at one fixed state, project them on their first principal "
                    + "component, draw a Gaussian kernel density (modes.png in the run directory) and report the number of modes.",
            "The state is the first observation of the task's environment copy 0 after a reset with --state-seed "
                    + "(as 'VecEnv.reset(seed)' seeds it), unless --obs gives one.",
            "The kernel's std is --bandwidth times Scott's rule (std of the projections times n^(-1/5)), as seaborn's bw_adjust."
        })
final class ModesCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run directory")
    Path runDir;

    @Option(
            names = "--samples",
            description = "actions to sample, default ${DEFAULT-VALUE}",
            defaultValue = "" + ModePicture.SAMPLES)
    int samples;

    @Option(
            names = "--bandwidth",
            description = "kernel bandwidth as a multiple of Scott's rule, default ${DEFAULT-VALUE}",
            defaultValue = "" + ModePicture.BANDWIDTH)
    double bandwidth;

    @Option(
            names = "--state-seed",
            description = "reset seed of the fixed state, default ${DEFAULT-VALUE}",
            defaultValue = "0")
    long stateSeed;

    @Option(
            names = "--obs",
            description = "the fixed state's raw observation, comma-separated (instead of --state-seed)")
    String obs;

    @Option(names = "--seed", description = "seed of the sampling noise, default ${DEFAULT-VALUE}", defaultValue = "0")
    long seed;

    @Option(names = "--checkpoint", description = "best or latest, default ${DEFAULT-VALUE}", defaultValue = "best")
    String checkpoint;

    @Option(names = "--out", description = "PNG file (default RUN_DIR/modes.png)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (samples < 2) {
            throw Main.bad("--samples must be at least 2, got " + samples);
        }
        if (!(bandwidth > 0 && Double.isFinite(bandwidth))) {
            throw Main.bad("--bandwidth must be a positive number, got " + bandwidth);
        }
        if (!checkpoint.equals("best") && !checkpoint.equals("latest")) {
            throw Main.bad("--checkpoint must be best or latest, got '" + checkpoint + "'");
        }
        double[] state = obs == null ? null : parseObservation(obs);
        Path png = out != null ? out : runDir.resolve("modes.png");
        if (Files.isDirectory(png)) {
            throw Main.bad("--out " + png + " is a directory; give a file name, e.g. " + png.resolve("modes.png"));
        }
        RunDirectory run = new RunDirectory(runDir);
        run.requireNotOwnFile(png, "--out");
        if (!run.contains(png)) {
            return draw(state, png);
        }
        try (RunLock _ = RunLock.acquire(runDir, "modes " + runDir)) {
            return draw(state, png);
        }
    }

    private int draw(double[] state, Path png) throws IOException {
        ModePicture.Drawn drawn = ModePicture.draw(runDir, checkpoint, state, stateSeed, samples, bandwidth, seed, png);
        System.out.println(drawn.summary());
        return 0;
    }

    /** The values of {@code --obs}: finite numbers, comma-separated, no field empty. */
    private static double[] parseObservation(String text) {
        String[] parts = text.split(",", -1); // -1: a trailing empty field is refused, not dropped
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            try {
                v[i] = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                throw Main.bad(
                        part.isEmpty()
                                ? "--obs " + text + " has an empty field (value " + (i + 1) + ")"
                                : "--obs value '" + part + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw Main.bad("--obs value '" + part + "' is not a finite number");
            }
        }
        return v;
    }
}
