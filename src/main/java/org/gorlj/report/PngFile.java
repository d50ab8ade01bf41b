package org.gorlj.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gorlj.util.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes a chart to a PNG file atomically ({@link AtomicFiles}): a reader, or a crash, sees the
 * old picture or the new one, never half of one.
 */
final class PngFile {
    private PngFile() {}

    /** Saves {@code chart} as a {@code width} x {@code height} PNG at {@code png}. */
    static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        AtomicFiles.write(png, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ChartUtils.writeChartAsPNG(out, chart, width, height);
            }
        });
    }
}
