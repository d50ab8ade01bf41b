package org.gorlj.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interpolation onto a common grid, mean and std over seeds, and stage boundaries. */
class BandPlotTest {
    @Test
    void curvesAreInterpolatedLinearlyAndHeldBeyondTheirEnds() {
        BandPlot.Curve c = new BandPlot.Curve(new double[] {10, 20, 40}, new double[] {1, 3, -1});
        assertThat(c.at(15)).isEqualTo(2.0);
        assertThat(c.at(30)).isEqualTo(1.0);
        assertThat(c.at(20)).isEqualTo(3.0);
        assertThat(c.at(0)).isEqualTo(1.0);
        assertThat(c.at(99)).isEqualTo(-1.0);
    }

    @Test
    void bandSpansTheCommonRangeWithMeanAndPopulationStd() {
        BandPlot.Curve a = new BandPlot.Curve(new double[] {0, 100}, new double[] {0, 100});
        BandPlot.Curve b = new BandPlot.Curve(new double[] {20, 60, 120}, new double[] {40, 40, 40});
        BandPlot.Band band = BandPlot.band(List.of(a, b), 5);
        assertThat(band.steps()).containsExactly(20, 40, 60, 80, 100);
        // a: 20 40 60 80 100; b: 40 everywhere
        assertThat(band.mean()).containsExactly(new double[] {30, 40, 50, 60, 70}, within(1e-9));
        assertThat(band.std()).containsExactly(new double[] {10, 0, 10, 20, 30}, within(1e-9));
    }

    @Test
    void trainingReturnSkipsRowsWithoutEpisodesAndStageBoundariesAreWhereTheStageChanges() {
        List<Map<String, String>> rows = List.of(
                row(100, "-5", "a"), row(200, "", "a"), row(300, "-3", "b"), row(400, "-1", "b"), row(500, "0", "c"));
        BandPlot.Curve c = BandPlot.Curve.trainingReturn(rows);
        assertThat(c.steps()).containsExactly(100, 300, 400, 500);
        assertThat(c.values()).containsExactly(-5, -3, -1, 0);
        assertThat(CurvePlot.stageBoundaries(rows)).containsExactly(300.0, 500.0);
    }

    private static Map<String, String> row(long step, String ret, String stage) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("global_step", Long.toString(step));
        r.put("episodic_return", ret);
        r.put("stage", stage);
        return r;
    }
}
