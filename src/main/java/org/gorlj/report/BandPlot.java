package org.gorlj.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gorlj.run.MetricsLog;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Compares methods on one task: for each method, the training episode return of every seed is
 * interpolated linearly onto a common grid of environment steps, and the plot shows the mean over
 * seeds with a shaded band of one standard deviation, plus dashed lines at stage boundaries.
 */
public final class BandPlot {
    /** Grid points per curve. */
    public static final int POINTS = 200;

    private static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(255, 127, 14),
        new Color(44, 160, 44),
        new Color(214, 39, 40),
        new Color(148, 103, 189),
        new Color(140, 86, 75),
        new Color(227, 119, 194),
        new Color(127, 127, 127)
    };

    private BandPlot() {}

    /**
     * Mean and standard deviation (over seeds, population form) on a common step grid.
     *
     * @param steps grid of environment steps
     * @param mean mean over seeds at each grid step
     * @param std standard deviation over seeds at each grid step
     */
    public record Band(double[] steps, double[] mean, double[] std) {}

    /** One seed's curve: steps (increasing) and values. */
    public record Curve(double[] steps, double[] values) {
        /** The training episode returns of a metrics file (rows without finished episodes are left out). */
        public static Curve trainingReturn(List<Map<String, String>> rows) {
            return column(rows, "episodic_return");
        }

        /** The deterministic evaluation returns of a metrics file (rows without an evaluation are left out). */
        public static Curve evaluationReturn(List<Map<String, String>> rows) {
            return column(rows, "eval_return");
        }

        private static Curve column(List<Map<String, String>> rows, String column) {
            List<double[]> points = new ArrayList<>();
            for (Map<String, String> r : rows) {
                String v = r.getOrDefault(column, "");
                if (!v.isEmpty()) {
                    points.add(new double[] {Double.parseDouble(r.get("global_step")), Double.parseDouble(v)});
                }
            }
            return new Curve(
                    points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
        }

        /** The value at {@code x} by linear interpolation, held constant beyond the ends. */
        public double at(double x) {
            if (x <= steps[0]) {
                return values[0];
            }
            int n = steps.length;
            if (x >= steps[n - 1]) {
                return values[n - 1];
            }
            int i = java.util.Arrays.binarySearch(steps, x);
            if (i >= 0) {
                return values[i];
            }
            int hi = -i - 1;
            int lo = hi - 1;
            double t = (x - steps[lo]) / (steps[hi] - steps[lo]);
            return values[lo] + t * (values[hi] - values[lo]);
        }
    }

    /**
     * The band of a set of curves on {@code points} evenly spaced steps spanning the range every
     * curve covers (from the latest first step to the earliest last step).
     */
    public static Band band(List<Curve> curves, int points) {
        List<Curve> usable = curves.stream().filter(c -> c.steps().length > 0).toList();
        if (usable.isEmpty()) {
            return new Band(new double[0], new double[0], new double[0]);
        }
        double lo = usable.stream().mapToDouble(c -> c.steps()[0]).max().orElseThrow();
        double hi = usable.stream()
                .mapToDouble(c -> c.steps()[c.steps().length - 1])
                .min()
                .orElseThrow();
        int n = hi > lo ? points : 1;
        double[] grid = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = n == 1 ? hi : lo + (hi - lo) * i / (n - 1);
            double s = 0, ss = 0;
            for (Curve c : usable) {
                double v = c.at(grid[i]);
                s += v;
                ss += v * v;
            }
            mean[i] = s / usable.size();
            std[i] = Math.sqrt(Math.max(0, ss / usable.size() - mean[i] * mean[i]));
        }
        return new Band(grid, mean, std);
    }

    /** Writes the PNG for one task; {@code metricsByMethod} maps each method to its seeds' metrics files. */
    public static void write(Path png, String title, Map<String, List<Path>> metricsByMethod) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        Set<Double> boundaries = new LinkedHashSet<>();
        int k = 0;
        for (Map.Entry<String, List<Path>> e : metricsByMethod.entrySet()) {
            List<Curve> curves = new ArrayList<>();
            for (Path metrics : e.getValue()) {
                List<Map<String, String>> rows = MetricsLog.read(metrics);
                curves.add(Curve.trainingReturn(rows));
                boundaries.addAll(CurvePlot.stageBoundaries(rows));
            }
            Band b = band(curves, POINTS);
            int seeds = e.getValue().size();
            YIntervalSeries s = new YIntervalSeries(e.getKey() + " (" + seeds + (seeds == 1 ? " seed)" : " seeds)"));
            for (int i = 0; i < b.steps().length; i++) {
                s.add(b.steps()[i], b.mean()[i], b.mean()[i] - b.std()[i], b.mean()[i] + b.std()[i]);
            }
            data.addSeries(s);
            Color c = PALETTE[k % PALETTE.length];
            renderer.setSeriesPaint(k, c);
            renderer.setSeriesFillPaint(k, c);
            renderer.setSeriesStroke(k, new BasicStroke(2f));
            k++;
        }
        renderer.setAlpha(0.2f);
        XYPlot plot = CurvePlot.returnPlot(data, renderer);
        CurvePlot.addStageMarkers(plot, boundaries);
        CurvePlot.save(plot, title, png);
    }
}
