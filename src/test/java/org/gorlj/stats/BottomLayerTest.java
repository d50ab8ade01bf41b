package org.gorlj.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The statistics package is a bottom layer: its sources import nothing of the project's other packages. */
class BottomLayerTest {
    @Test
    void importsNoOtherProjectPackage() throws Exception {
        Path dir = Path.of("src/main/java/org/gorlj/stats");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(3);
        for (Path f : sources) {
            assertThat(Files.readAllLines(f))
                    .as(f.toString())
                    .noneMatch(line ->
                            line.startsWith("import org.gorlj.") || line.startsWith("import static org.gorlj."));
        }
    }
}
