package org.gorlj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gorlj.env.VecEnv;
import org.gorlj.report.ModePlot;
import org.gorlj.train.Evaluation;
import org.gorlj.util.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gorl modes}: the multimodality picture of a run's policy at one state (spec/gorl.md section 6). */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"Sample actions of a run's policy at one fixed state, project them on their first principal "
                + "component, draw a Gaussian kernel density (modes.png in the run directory) and report the number of modes.",
            "The state is the first observation of the task's environment copy 0 after a reset with --state-seed "
                + "(as 'VecEnv.reset(seed)' seeds it), unless --obs gives one.",
            "The kernel's std is --bandwidth times Scott's rule (std of the projections times n^(-1/5)), as seaborn's bw_adjust."})
final class ModesCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run directory")
    Path runDir;

    @Option(names = "--samples", description = "actions to sample, default ${DEFAULT-VALUE}", defaultValue = "10000")
    int samples;

    @Option(names = "--bandwidth", description = "kernel bandwidth as a multiple of Scott's rule, default ${DEFAULT-VALUE}",
            defaultValue = "0.8")
    double bandwidth;

    @Option(names = "--state-seed", description = "reset seed of the fixed state, default ${DEFAULT-VALUE}", defaultValue = "0")
    long stateSeed;

    @Option(names = "--obs", description = "the fixed state's raw observation, comma-separated (instead of --state-seed)")
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
        Evaluation.LoadedPolicy p = Evaluation.load(runDir, checkpoint);
        double[] state;
        int actDim;
        try (VecEnv env = new VecEnv(p.task(), 1, 1)) {
            state = env.reset(stateSeed).clone();
            actDim = env.actionDim();
        }
        if (obs != null) {
            state = parseObservation(obs, state.length);
        }
        double[] rows = new double[samples * state.length];
        for (int r = 0; r < samples; r++) {
            System.arraycopy(state, 0, rows, r * state.length, state.length);
        }
        double[] actions = new double[samples * actDim];
        p.actor().act(rows, samples, false, new Rng(seed), actions);
        ModePlot.Result result = ModePlot.analyse(actions, samples, actDim, bandwidth);
        Path png = out != null ? out : runDir.resolve("modes.png");
        ModePlot.write(result, png, p.run().task() + " / " + p.run().algo() + " at step " + p.globalStep());
        System.out.printf("modes: %d (%d actions at state %s; kernel std %.4g along %s)%npicture: %s%n", result.modes(),
                samples, java.util.Arrays.toString(state), result.kernelWidth(),
                java.util.Arrays.toString(result.direction()), png);
        return 0;
    }

    private static double[] parseObservation(String text, int dim) {
        String[] parts = text.split(",");
        if (parts.length != dim) {
            throw Main.bad("--obs needs " + dim + " comma-separated numbers, got " + parts.length);
        }
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw Main.bad("--obs value '" + parts[i].trim() + "' is not a number");
            }
        }
        return v;
    }
}
