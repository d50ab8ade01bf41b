package org.gorlj.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gorlj.bench.ReadmeTables;
import org.gorlj.config.ConfigException;
import org.gorlj.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gorl readme}: regenerate a document's results tables from the committed bench results. */
@Command(
        name = "readme",
        mixinStandardHelpOptions = true,
        description = {
            "Regenerate the results tables of a markdown file (default README.md) from the bench results "
                    + "in the repository: every block between '<!-- bench: SPEC -->' and '<!-- /bench -->' gets the table "
                    + "of SPEC's results.csv; every block between '<!-- claim: PAPER.csv SPEC... -->' and "
                    + "'<!-- /claim -->' the paper's claim read task by task over the specs (docs/bench.md).",
            "With --check nothing is written and the exit code is 1 when a table is out of date."
        })
final class ReadmeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "markdown file, default README.md")
    Path file = Path.of("README.md");

    @Option(names = "--check", description = "only report whether the tables are up to date")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw Main.bad("no file at " + file);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String updated;
        try {
            updated = ReadmeTables.update(text, Path.of(""));
        } catch (ConfigException e) {
            throw Main.bad(file + ": " + e.getMessage());
        }
        if (updated.equals(text)) {
            System.out.println(file + ": results tables up to date");
            return 0;
        }
        if (check) {
            System.out.println(file + ": results tables are out of date; run ./gorl readme " + file);
            return 1;
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, updated, StandardCharsets.UTF_8));
        System.out.println(file + ": results tables regenerated");
        return 0;
    }
}
