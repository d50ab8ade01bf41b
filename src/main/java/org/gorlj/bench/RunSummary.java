package org.gorlj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.report.BandPlot;
import org.gorlj.run.MetricsLog;
import org.gorlj.run.RunKnobs;
import org.gorlj.train.RunConfig;
import org.gorlj.train.RunDirectory;

/**
 * The numbers of one run, computed from its {@code metrics.csv} and {@code bench.json}.
 *
 * @param steps environment steps reached (last row's {@code global_step})
 * @param finalTrainReturn mean return of the training episodes that ended in the last 10% of the
 *     steps (rows after 90% of {@code steps}, weighted by their episode counts); NaN if none ended
 * @param finalEvalReturn the last deterministic evaluation's mean return (the trainer evaluates at the end)
 * @param evalEpisodes episodes of the final evaluation ({@code final_eval_episodes} of the run's
 *     config, or {@code eval_episodes} when that is 0), 0 if unknown (results.csv written before the column existed)
 * @param auc area under the training-return curve (trapezoids over the rows' steps) divided by the
 *     steps it spans: the average training return over the run, in return units
 * @param evalAuc the same for the deterministic evaluation returns (trapezoids between the
 *     evaluations): the average evaluation return over the run; NaN without evaluations
 * @param wallClockSeconds training wall-clock seconds over all sessions (last row's {@code time_s})
 * @param stepsPerSecond {@code steps / wallClockSeconds} (evaluation and checkpoints included)
 * @param peakRssMb peak resident memory of the run's processes (MiB), NaN if unknown
 */
public record RunSummary(
        long steps,
        double finalTrainReturn,
        double finalEvalReturn,
        int evalEpisodes,
        double auc,
        double evalAuc,
        double wallClockSeconds,
        double stepsPerSecond,
        double peakRssMb) {
    /** Share of the final steps over which the final training return is averaged. */
    public static final double FINAL_FRACTION = 0.1;

    /** The summary of a run directory. */
    public static RunSummary read(Path runDir) throws IOException {
        RunDirectory d = new RunDirectory(runDir);
        return of(
                MetricsLog.read(d.metrics()),
                RunKnobs.finalEvalEpisodes(RunConfig.read(d.config()).config()),
                RunRecord.read(runDir).peakRssMb());
    }

    /** The summary of a run directory, or null while it has no metrics row. */
    public static RunSummary readIfAny(Path runDir) throws IOException {
        Path metrics = new RunDirectory(runDir).metrics();
        return Files.isRegularFile(metrics) && Files.readAllLines(metrics).size() > 1 ? read(runDir) : null;
    }

    /** The summary of metrics rows (at least one) of a run that evaluates over {@code evalEpisodes} episodes. */
    public static RunSummary of(List<Map<String, String>> rows, int evalEpisodes, double peakRssMb) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no metrics rows");
        }
        Map<String, String> last = rows.getLast();
        long steps = Long.parseLong(last.get("global_step"));
        double threshold = steps * (1 - FINAL_FRACTION);
        double sum = 0, weight = 0;
        double lastEval = Double.NaN;
        for (Map<String, String> r : rows) {
            String ev = r.getOrDefault("eval_return", "");
            if (!ev.isEmpty()) {
                lastEval = Double.parseDouble(ev);
            }
            String ret = r.getOrDefault("episodic_return", "");
            if (!ret.isEmpty() && Double.parseDouble(r.get("global_step")) > threshold) {
                double n = Double.parseDouble(r.get("episodes"));
                sum += n * Double.parseDouble(ret);
                weight += n;
            }
        }
        double seconds = Double.parseDouble(last.get("time_s"));
        return new RunSummary(
                steps,
                weight > 0 ? sum / weight : Double.NaN,
                lastEval,
                evalEpisodes,
                normalisedArea(BandPlot.Curve.trainingReturn(rows)),
                normalisedArea(BandPlot.Curve.evaluationReturn(rows)),
                seconds,
                steps / seconds,
                peakRssMb);
    }

    private static double normalisedArea(BandPlot.Curve c) {
        double[] x = c.steps(), y = c.values();
        if (x.length == 0) {
            return Double.NaN;
        }
        if (x.length == 1) {
            return y[0];
        }
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return area / (x[x.length - 1] - x[0]);
    }
}
