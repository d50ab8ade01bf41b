package org.gorlj.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gorlj.config.ConfigException;

/**
 * Generates the results tables of a markdown document (the README) from the bench output that is
 * kept in the repository, {@code <results>/results.csv} of each spec, so that the tables cannot drift
 * from the measurements. A table goes between the lines
 * {@code <!-- bench: bench/specs/NAME.json -->} and {@code <!-- /bench -->}: tasks as columns,
 * methods as rows, the final deterministic evaluation return as mean ± sample std [95 % bootstrap
 * interval] over the seeds of the complete runs (the paper's layout), then the spec's paired
 * differences, if any. The lines {@code <!-- claim: PAPER.csv SPEC.json ... -->} and
 * {@code <!-- /claim -->} hold the paper's claim read task by task over several specs ({@link ClaimTable}).
 */
public final class ReadmeTables {
    /** A block: its opening line (kind, arguments), its generated text, its closing line. */
    private static final Pattern BLOCK =
            Pattern.compile("(<!-- (bench|claim): ([^\\n]+?) -->\\n)(.*?)(<!-- /\\2 -->)", Pattern.DOTALL);

    private ReadmeTables() {}

    /** A block opening: a line that starts with the marker (a mention in running text is none). */
    private static final Pattern OPENING = Pattern.compile("(?m)^[ \\t]*<!-- (bench|claim):");

    /**
     * The document with every bench block regenerated; spec paths are relative to {@code root}.
     *
     * @throws ConfigException for a block that is not closed before the next one or the end
     */
    public static String update(String document, Path root) throws IOException {
        Matcher m = BLOCK.matcher(document);
        StringBuilder out = new StringBuilder();
        int end = 0;
        while (m.find()) {
            requireNoOpening(document, end, m.start(), -1);
            requireNoOpening(document, m.start(4), m.end(4), m.start());
            end = m.end();
            String table = m.group(2).equals("bench") ? table(root, m.group(3)) : ClaimTable.table(root, m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table + m.group(5)));
        }
        requireNoOpening(document, end, document.length(), -1);
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Refuses a block opening in {@code document[from, to)}: the block opened there (or, with
     * {@code reported} at or above 0, the block opened at {@code reported}, which holds it) has no
     * {@code <!-- /bench -->} of its own.
     */
    private static void requireNoOpening(String document, int from, int to, int reported) {
        Matcher o = OPENING.matcher(document).region(from, to).useAnchoringBounds(false);
        if (o.find()) {
            int at = reported >= 0 ? reported : o.start();
            int lineEnd = document.indexOf('\n', at);
            String opening = document.substring(at, lineEnd < 0 ? document.length() : lineEnd);
            Matcher kind = OPENING.matcher(opening);
            String closing = "<!-- /" + (kind.find() ? kind.group(1) : "bench") + " -->";
            long line =
                    1 + document.substring(0, at).chars().filter(c -> c == '\n').count();
            throw new ConfigException("line " + line + ": the block " + opening
                    + " is not closed: no " + closing + " before " + (reported >= 0 ? "the next block" : "the end")
                    + " (an opening is <!-- bench: SPEC --> or <!-- claim: PAPER SPEC... --> on a line of its own)");
        }
    }

    /** The table of one spec from its committed results.csv (no run directories needed; none yet: all dashes). */
    static String table(Path root, String specPath) throws IOException {
        BenchSpec spec = BenchSpec.read(root.resolve(specPath));
        Path csv = root.resolve(spec.results()).resolve("results.csv");
        List<Results.Row> rows = Results.recorded(spec, csv);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "`./gorl bench %s`: %s, %,d env steps per run; "
                        + "final deterministic eval return, mean ± std [95 %% bootstrap CI] over seeds, each run's final "
                        + "evaluation over %s; all figures: [%s](%s)%n%n",
                specPath,
                Results.runCounts(rows),
                spec.steps(),
                Results.evalEpisodes(rows),
                spec.results().resolve("results.md"),
                spec.results().resolve("results.md")));
        Results.tableBody(sb, spec, rows, RunSummary::finalEvalReturn, Results.RETURN, true);
        sb.append('\n');
        if (Results.pairedTable(sb, spec, rows)) {
            sb.append('\n');
        }
        return sb.toString();
    }
}
