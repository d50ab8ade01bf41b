package org.gorlj.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes a chart to a PNG file atomically: into a temporary file in the same directory, then
 * renamed over the target, so a reader (or a crash) sees the old picture or the new one, never
 * half of one; the temporary file is removed when writing fails.
 */
final class PngFile {
    private PngFile() {}

    /** Saves {@code chart} as a {@code width} x {@code height} PNG at {@code png}. */
    static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        Path target = png.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ChartUtils.writeChartAsPNG(out, chart, width, height);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
