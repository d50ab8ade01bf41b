package org.gorlj.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.util.AtomicFiles;
import org.gorlj.util.IoErrors;
import org.gorlj.util.UserInputException;

/**
 * {@code metrics.csv}: one row per unit of work, a fixed header, values written with full
 * precision (so that two runs can be compared exactly), empty cells for missing values. Each row
 * is flushed as it is written. On resume the file is cut back to the rows the checkpoint covers,
 * so no row is lost or doubled.
 */
public final class MetricsLog implements AutoCloseable {
    /** Columns that measure wall-clock time: the only ones that differ between identical runs. */
    public static final List<String> WALL_CLOCK_COLUMNS =
            List.of("time_s", "sps", "physics_s", "inference_s", "learning_s");

    private final Path file;
    private final List<String> columns;
    private final BufferedWriter out;

    private MetricsLog(Path file, List<String> columns, BufferedWriter out) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.out = out;
    }

    /** Creates a new file with the header. */
    public static MetricsLog create(Path file, List<String> columns) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        MetricsLog log = new MetricsLog(file, columns, w);
        log.writeLine(String.join(",", columns));
        return log;
    }

    /**
     * Opens an existing file for a run resumed from a checkpoint that covers {@code rows} data rows:
     * keeps the header and those rows and drops the rest, a half-written last row included. A file
     * written by an earlier version, whose header lacks columns added since (in the same order
     * otherwise), is migrated: its rows get empty cells in the new columns.
     *
     * @throws UserInputException (one line naming the file) when the file is missing or empty, its
     *         header is not this run's, or it holds fewer complete rows than the checkpoint covers
     */
    public static MetricsLog resume(Path file, List<String> columns, long rows) throws IOException {
        String covers = "the checkpoint covers " + rows + " rows; the run cannot be resumed exactly (start it again)";
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " is missing but " + covers);
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        int complete = lines.length - 1; // the part after the last newline is an unfinished line
        if (complete == 0) {
            throw new UserInputException(file + " is empty but " + covers);
        }
        List<String> header = List.of(lines[0].split(",", -1));
        if (!isSubsequence(header, columns)) {
            throw new UserInputException(file + " has another header than this run's columns");
        }
        int intact = 0;
        while (intact < rows && intact + 1 < complete && lines[intact + 1].split(",", -1).length == header.size()) {
            intact++;
        }
        if (intact < rows) {
            throw new UserInputException(file + " has " + intact + " complete rows where " + covers);
        }
        List<String> kept = new ArrayList<>();
        kept.add(String.join(",", columns));
        for (int i = 1; i <= rows; i++) {
            kept.add(header.equals(columns) ? lines[i] : relayout(lines[i], header, columns));
        }
        AtomicFiles.write(file, tmp -> Files.write(tmp, kept, StandardCharsets.UTF_8));
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new MetricsLog(file, columns, w);
    }

    /** Whether {@code part} is {@code whole} with some columns left out, the rest in the same order. */
    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int i = 0;
        for (String c : whole) {
            if (i < part.size() && part.get(i).equals(c)) {
                i++;
            }
        }
        return i == part.size();
    }

    /** A row written under {@code from} laid out under {@code to}: empty cells in the columns {@code from} lacks. */
    private static String relayout(String line, List<String> from, List<String> to) {
        String[] cells = line.split(",", -1);
        List<String> out = new ArrayList<>(to.size());
        for (String c : to) {
            int i = from.indexOf(c);
            out.add(i < 0 ? "" : cells[i]);
        }
        return String.join(",", out);
    }

    /** Appends one row (keys outside the header are an error, missing keys are empty). */
    public void append(Map<String, Object> row) throws IOException {
        for (String k : row.keySet()) {
            if (!columns.contains(k)) {
                throw new IllegalArgumentException("metric '" + k + "' is not a column");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = row.get(columns.get(i));
            if (v != null) {
                sb.append(v);
            }
        }
        writeLine(sb.toString());
    }

    /** Writes and flushes one line; a failure names the file. */
    private void writeLine(String line) throws IOException {
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw IoErrors.naming(file, e);
        }
    }

    /** Reads a metrics file as a header and rows of cells. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
