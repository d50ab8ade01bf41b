package org.gorlj.train;

import java.nio.file.Path;
import org.gorlj.env.VecEnv;
import org.gorlj.report.ModePlot;
import org.gorlj.util.Rng;

/**
 * The multimodality picture of a run's policy (docs/method.md §6): many actions sampled at one
 * fixed state, projected on their first principal component, a Gaussian kernel density drawn to a
 * PNG, and the number of its modes.
 */
public final class ModePicture {
    /** Samples per picture unless told otherwise (the paper's 10,000). */
    public static final int SAMPLES = 10_000;
    /** Kernel bandwidth as a multiple of Scott's rule (the paper's 0.8). */
    public static final double BANDWIDTH = 0.8;

    /** What was drawn: the state, the analysis and the picture's file. */
    public record Drawn(double[] state, ModePlot.Result result, Path png, int samples) {
        /** One line for a console: the mode count, the state and where the picture is. */
        public String summary() {
            return String.format(
                    "modes: %d (%d actions at state %s; kernel std %.4g along %s)%npicture: %s",
                    result.modes(),
                    samples,
                    java.util.Arrays.toString(state),
                    result.kernelWidth(),
                    java.util.Arrays.toString(result.direction()),
                    png);
        }
    }

    private ModePicture() {}

    /**
     * Draws the picture of checkpoint {@code which} ({@code best} or {@code latest}) of a run.
     *
     * @param state the raw observation of the fixed state, or null for the first observation of
     *              environment copy 0 after a reset with {@code stateSeed}
     * @param seed seed of the sampling noise
     * @throws java.io.IOException if the picture cannot be written
     */
    public static Drawn draw(
            Path runDir,
            String which,
            double[] state,
            long stateSeed,
            int samples,
            double bandwidth,
            long seed,
            Path png)
            throws java.io.IOException {
        Evaluation.LoadedPolicy p = Evaluation.load(runDir, which);
        double[] s;
        int actDim;
        try (VecEnv env = new VecEnv(p.task(), 1, 1)) {
            s = env.reset(stateSeed).clone();
            actDim = env.actionDim();
        }
        if (state != null) {
            if (state.length != s.length) {
                throw new org.gorlj.config.ConfigException(
                        "the fixed state needs " + s.length + " observation values, got " + state.length);
            }
            s = state.clone();
        }
        double[] rows = new double[samples * s.length];
        for (int r = 0; r < samples; r++) {
            System.arraycopy(s, 0, rows, r * s.length, s.length);
        }
        double[] actions = new double[samples * actDim];
        p.actor().act(rows, samples, false, new Rng(seed), actions);
        for (double a : actions) {
            if (!Double.isFinite(a)) {
                Divergence d = Divergence.read(new RunDirectory(runDir));
                throw new org.gorlj.config.ConfigException("the policy of the " + p.checkpoint() + " checkpoint (step "
                        + p.globalStep() + ") gives non-finite actions (" + a + ") at state "
                        + java.util.Arrays.toString(s)
                        + (d != null ? "; the run diverged: " + d.describe() : "; its weights are not finite numbers"));
            }
        }
        ModePlot.Result result = ModePlot.analyse(actions, samples, actDim, bandwidth);
        ModePlot.write(result, png, p.run().task() + " / " + p.run().algo() + " at step " + p.globalStep());
        return new Drawn(s, result, png, samples);
    }
}
