package org.gorlj.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gorlj.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mode counting on samples of known shape, along the first principal component. */
class ModePlotTest {
    /** 2-D actions along the direction (0.6, 0.8): a mixture of two Gaussians at +-d, or one Gaussian. */
    static double[] actions(int n, double separation, long seed) {
        Rng r = new Rng(seed);
        double[] a = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double along = (r.nextDouble() < 0.4 ? -separation : separation) + 0.1 * r.nextGaussian();
            double across = 0.05 * r.nextGaussian();
            a[2 * i] = 0.6 * along - 0.8 * across;
            a[2 * i + 1] = 0.8 * along + 0.6 * across;
        }
        return a;
    }

    @Test
    void twoSeparatedClustersAreTwoModesAlongTheirAxis(@TempDir Path tmp) throws Exception {
        ModePlot.Result r = ModePlot.analyse(actions(10_000, 0.5, 1), 10_000, 2, 0.8);
        assertThat(r.modes()).isEqualTo(2);
        assertThat(r.direction()[0]).isCloseTo(0.6, within(0.01));
        assertThat(r.direction()[1]).isCloseTo(0.8, within(0.01));
        Path png = tmp.resolve("modes.png");
        ModePlot.write(r, png, "test");
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void oneClusterIsOneMode() {
        assertThat(ModePlot.analyse(actions(10_000, 0.0, 2), 10_000, 2, 0.8).modes())
                .isEqualTo(1);
    }

    @Test
    void aWideBandwidthMergesTheModes() {
        assertThat(ModePlot.analyse(actions(10_000, 0.2, 3), 10_000, 2, 0.8).modes())
                .isEqualTo(2);
        assertThat(ModePlot.analyse(actions(10_000, 0.2, 3), 10_000, 2, 20).modes())
                .isEqualTo(1);
    }
}
