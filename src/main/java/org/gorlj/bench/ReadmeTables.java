package org.gorlj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gorlj.config.ConfigException;

/**
 * Generates the results tables of a markdown document (the README) from the bench output that is
 * kept in the repository, {@code <results>/results.csv} of each spec, so that the tables cannot drift
 * from the measurements. A table goes between the lines
 * {@code <!-- bench: bench/specs/NAME.json -->} and {@code <!-- /bench -->}: tasks as columns,
 * methods as rows, the final deterministic evaluation return as mean ± std over the seeds of the
 * complete runs (the paper's layout).
 */
public final class ReadmeTables {
    private static final Pattern BLOCK = Pattern.compile("(<!-- bench: (\\S+) -->\\n)(.*?)(<!-- /bench -->)", Pattern.DOTALL);

    private ReadmeTables() {}

    /** The document with every bench block regenerated; spec paths are relative to {@code root}. */
    public static String update(String document, Path root) throws IOException {
        Matcher m = BLOCK.matcher(document);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String table = table(root, m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The table of one spec from its committed results.csv (no run directories needed; none yet: all dashes). */
    static String table(Path root, String specPath) throws IOException {
        BenchSpec spec = BenchSpec.read(root.resolve(specPath));
        Path csv = root.resolve(spec.results()).resolve("results.csv");
        List<Map<String, String>> rows = Files.isRegularFile(csv) ? readCsv(csv) : List.of();
        long complete = rows.stream().filter(r -> r.get("status").equals(Bench.COMPLETE)).count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "`./gorl bench %s`: %d of %d runs complete, %,d env steps per run, "
                        + "final deterministic eval return (mean ± std over seeds); all figures: [%s](%s)%n%n",
                specPath, complete, spec.runs().size(), spec.steps(), spec.results().resolve("results.md"),
                spec.results().resolve("results.md")));
        sb.append("| method |");
        spec.tasks().forEach(t -> sb.append(' ').append(t).append(" |"));
        sb.append("\n|---|");
        spec.tasks().forEach(t -> sb.append("---|"));
        sb.append('\n');
        for (BenchSpec.Method method : spec.methods()) {
            sb.append("| ").append(method.name()).append(" |");
            for (String task : spec.tasks()) {
                List<Double> values = new ArrayList<>();
                for (Map<String, String> r : rows) {
                    String v = r.get("final_eval_return");
                    if (r.get("task").equals(task) && r.get("method").equals(method.name())
                            && r.get("status").equals(Bench.COMPLETE) && !v.isEmpty()) {
                        values.add(Double.parseDouble(v));
                    }
                }
                sb.append(' ').append(Results.cell(values, spec.seeds().size(), Results.RETURN)).append(" |");
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    /** Rows of a results.csv as column-name maps (its cells hold no commas). */
    static List<Map<String, String>> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new ConfigException(csv + " is empty");
        }
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new ConfigException(csv + ": a row has " + cells.length + " cells, the header " + header.length);
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
