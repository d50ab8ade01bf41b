package org.gorlj.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident set size of this process: {@code VmHWM} of {@code /proc/self/status} (Linux),
 * the most physical memory the process has held at once since it started.
 */
public final class PeakRss {
    private PeakRss() {}

    /** Peak RSS in MiB, or NaN where {@code /proc/self/status} is not available. */
    public static double mebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
