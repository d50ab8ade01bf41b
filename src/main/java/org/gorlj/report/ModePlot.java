package org.gorlj.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The multimodality picture of docs/method.md §6: actions sampled at one state are projected
 * on their first principal component and smoothed by a Gaussian kernel density estimate.
 *
 * <p>Bandwidth unit: the kernel's standard deviation is {@code bandwidth * sigma * n^(-1/5)}, where
 * sigma is the standard deviation of the projections and n their number: Scott's rule times
 * {@code bandwidth}, which is what a bandwidth (adjustment) of 0.8 means in seaborn's
 * {@code kdeplot(bw_adjust=0.8)}. A mode is a local maximum of the density on a 512-point grid
 * spanning the projections plus three kernel widths on each side whose prominence (its height
 * above the higher of the two lowest points separating it from a higher peak, or from the grid's
 * end) is at least 5 % of the highest density: sampling wiggles in the tails do not count.
 */
public final class ModePlot {
    /** Grid points of the density. */
    public static final int GRID = 512;
    /** Local maxima whose prominence is below this share of the highest density are not modes. */
    public static final double MIN_RELATIVE_PROMINENCE = 0.05;

    private ModePlot() {}

    /**
     * What the analysis found.
     *
     * @param direction unit first principal component (largest component positive)
     * @param projections each action's coordinate along it, relative to the mean action
     * @param kernelWidth the kernel's standard deviation in projection units
     * @param grid density abscissae
     * @param density density values
     * @param modes number of modes
     */
    public record Result(
            double[] direction, double[] projections, double kernelWidth, double[] grid, double[] density, int modes) {}

    /** Analyses {@code rows} actions of {@code dim} values each with the given bandwidth factor. */
    public static Result analyse(double[] actions, int rows, int dim, double bandwidth) {
        double[] mean = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += actions[r * dim + j] / rows;
            }
        }
        double[][] cov = new double[dim][dim];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dim; i++) {
                double di = actions[r * dim + i] - mean[i];
                for (int j = 0; j < dim; j++) {
                    cov[i][j] += di * (actions[r * dim + j] - mean[j]) / rows;
                }
            }
        }
        double[] v = principalDirection(cov);
        double[] p = new double[rows];
        double sum = 0, sq = 0;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (actions[r * dim + j] - mean[j]) * v[j];
            }
            p[r] = s;
            sum += s;
            sq += s * s;
        }
        double m = sum / rows;
        double sigma = Math.sqrt(Math.max(0, sq / rows - m * m));
        double h = Math.max(bandwidth * sigma * StrictMath.pow(rows, -0.2), 1e-9);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : p) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        lo -= 3 * h;
        hi += 3 * h;
        double[] grid = new double[GRID];
        double[] density = new double[GRID];
        double norm = 1 / (rows * h * Math.sqrt(2 * Math.PI));
        for (int g = 0; g < GRID; g++) {
            grid[g] = lo + (hi - lo) * g / (GRID - 1);
            double d = 0;
            for (double x : p) {
                double z = (grid[g] - x) / h;
                d += StrictMath.exp(-0.5 * z * z);
            }
            density[g] = d * norm;
        }
        return new Result(v, p, h, grid, density, countModes(density));
    }

    /** Local maxima with a prominence of at least {@link #MIN_RELATIVE_PROMINENCE} of the highest value. */
    static int countModes(double[] density) {
        double max = 0;
        for (double d : density) {
            max = Math.max(max, d);
        }
        int modes = 0;
        for (int i = 0; i < density.length; i++) {
            boolean rising = i == 0 || density[i] > density[i - 1];
            boolean notFalling = i == density.length - 1 || density[i] >= density[i + 1];
            if (rising && notFalling && prominence(density, i) >= MIN_RELATIVE_PROMINENCE * max) {
                modes++;
            }
        }
        return modes;
    }

    /** Height of peak i above the higher of the lowest points between it and a higher point (or the end) on each side. */
    private static double prominence(double[] d, int i) {
        double leftMin = d[i];
        for (int j = i - 1; j >= 0 && d[j] <= d[i]; j--) {
            leftMin = Math.min(leftMin, d[j]);
        }
        double rightMin = d[i];
        for (int j = i + 1; j < d.length && d[j] <= d[i]; j++) {
            rightMin = Math.min(rightMin, d[j]);
        }
        return d[i] - Math.max(leftMin, rightMin);
    }

    /** The top eigenvector of a symmetric positive semi-definite matrix, by power iteration. */
    static double[] principalDirection(double[][] cov) {
        int n = cov.length;
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1 / Math.sqrt(n));
        for (int it = 0; it < 500; it++) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[i] += cov[i][j] * v[j];
                }
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                w[i] /= norm;
            }
            v = w;
        }
        int largest = 0;
        for (int i = 1; i < n; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        if (v[largest] < 0) {
            for (int i = 0; i < n; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /** Draws the density as a PNG. */
    public static void write(Result r, Path png, String title) throws IOException {
        XYSeries s = new XYSeries("kernel density (" + r.modes() + (r.modes() == 1 ? " mode)" : " modes)"));
        for (int g = 0; g < r.grid().length; g++) {
            s.add(r.grid()[g], r.density()[g]);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(30, 80, 180));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(
                new XYSeriesCollection(s),
                new NumberAxis("action projected on the first principal component"),
                new NumberAxis("density"),
                renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        PngFile.save(chart, png, 800, 480);
    }
}
