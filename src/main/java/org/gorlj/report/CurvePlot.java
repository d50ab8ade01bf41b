package org.gorlj.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a run's learning curve from its {@code metrics.csv}: training episode return per row,
 * its running mean, deterministic evaluation returns, and vertical lines at stage boundaries
 * (rows where a {@code stage} column changes).
 */
public final class CurvePlot {
    private CurvePlot() {}

    /** Writes the PNG. */
    public static void write(Path metrics, Path png, String title) throws IOException {
        List<Map<String, String>> rows = MetricsLog.read(metrics);
        XYSeries train = new XYSeries("episodic return");
        XYSeries smooth = new XYSeries("running mean (10 rows)");
        XYSeries eval = new XYSeries("deterministic eval");
        java.util.ArrayDeque<Double> window = new java.util.ArrayDeque<>();
        for (Map<String, String> r : rows) {
            double step = Double.parseDouble(r.get("global_step"));
            String ret = r.getOrDefault("episodic_return", "");
            if (!ret.isEmpty()) {
                double v = Double.parseDouble(ret);
                train.add(step, v);
                window.addLast(v);
                if (window.size() > 10) {
                    window.removeFirst();
                }
                smooth.add(step, window.stream().mapToDouble(d -> d).average().orElse(v));
            }
            String ev = r.getOrDefault("eval_return", "");
            if (!ev.isEmpty()) {
                eval.add(step, Double.parseDouble(ev));
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(smooth);
        data.addSeries(eval);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesPaint(0, new Color(120, 160, 220, 110));
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(1, new Color(30, 80, 180));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(2, new Color(220, 90, 30));
        renderer.setSeriesShapesVisible(2, true);
        XYPlot plot = returnPlot(data, renderer);
        addStageMarkers(plot, stageBoundaries(rows));
        save(plot, title, png);
    }

    /** The steps of the rows where the {@code stage} column changes value (none without that column). */
    static List<Double> stageBoundaries(List<Map<String, String>> rows) {
        List<Double> boundaries = new java.util.ArrayList<>();
        String lastStage = null;
        for (Map<String, String> r : rows) {
            String stage = r.get("stage");
            if (stage != null && !stage.isEmpty()) {
                if (lastStage != null && !stage.equals(lastStage)) {
                    boundaries.add(Double.parseDouble(r.get("global_step")));
                }
                lastStage = stage;
            }
        }
        return boundaries;
    }

    /** A white plot of episode return over environment steps. */
    static XYPlot returnPlot(org.jfree.data.xy.XYDataset data, XYLineAndShapeRenderer renderer) {
        NumberAxis x = new NumberAxis("environment steps");
        NumberAxis y = new NumberAxis("episode return");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** Dashed vertical lines at the given steps. */
    static void addStageMarkers(XYPlot plot, java.util.Collection<Double> boundaries) {
        for (double b : boundaries) {
            ValueMarker m = new ValueMarker(
                    b,
                    Color.GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            plot.addDomainMarker(m);
        }
    }

    /** Writes a plot with a title and legend as a 900x520 PNG. */
    static void save(XYPlot plot, String title, Path png) throws IOException {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        PngFile.save(chart, png, 900, 520);
    }
}
