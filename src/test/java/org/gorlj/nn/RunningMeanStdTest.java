package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;

class RunningMeanStdTest {
    /** Batches merged one by one give the mean and (population) variance of a two-pass computation over all data. */
    @Test
    void agreesWithTwoPassComputation() {
        Rng rng = new Rng(11);
        int d = 3;
        RunningMeanStd rms = new RunningMeanStd(d, 1e-8, Double.POSITIVE_INFINITY);
        java.util.List<double[]> all = new java.util.ArrayList<>();
        for (int batch = 0; batch < 7; batch++) {
            int rows = 1 + rng.nextInt(50);
            double[] x = new double[rows * d];
            for (int r = 0; r < rows; r++) {
                double[] row = {3 + 2 * rng.nextGaussian(), -1 + 0.1 * rng.nextGaussian(), rng.uniform(0, 10)};
                System.arraycopy(row, 0, x, r * d, d);
                all.add(row);
            }
            rms.update(x, rows);
        }
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : all) {
                mean += row[j];
            }
            mean /= all.size();
            double var = 0;
            for (double[] row : all) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            var /= all.size();
            // the 1e-4 pseudo-count of the initial (0, 1) statistics shifts the result by ~1e-4 / n
            assertThat(rms.mean()[j]).isCloseTo(mean, within(1e-5 * (1 + Math.abs(mean))));
            assertThat(rms.variance()[j]).isCloseTo(var, within(1e-5 * (1 + var)));
        }
        float[] out = new float[d];
        rms.normalize(
                new double[] {rms.mean()[0], rms.mean()[1], rms.mean()[2] + Math.sqrt(rms.variance()[2])}, 1, out);
        assertThat(out[0]).isCloseTo(0f, within(1e-6f));
        assertThat(out[2]).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void clipsNormalisedValues() {
        RunningMeanStd rms = new RunningMeanStd(1, 1e-8, 5.0);
        rms.update(new double[] {0, 0, 1, 1}, 4);
        float[] out = new float[1];
        rms.normalize(new double[] {1e6}, 1, out);
        assertThat(out[0]).isEqualTo(5f);
    }
}
