package org.gorlj.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A metrics.csv written before columns were added resumes under the new header, its rows kept. */
class MetricsLogMigrationTest {
    @Test
    void anOlderHeaderLackingNewColumnsIsMigratedOnResume(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "a,b,c\n1,2,3\n4,5,6\n7,8");
        List<String> now = List.of("a", "x", "b", "c", "y");
        try (MetricsLog log = MetricsLog.resume(f, now, 2)) {
            log.append(Map.of("a", 9, "x", 10, "c", 11));
        }
        assertThat(Files.readAllLines(f)).containsExactly("a,x,b,c,y", "1,,2,3,", "4,,5,6,", "9,10,,11,");
    }

    @Test
    void aHeaderWithOtherColumnsOrAnotherOrderIsStillRefused(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("metrics.csv");
        for (String header : List.of("a,z,b", "b,a")) {
            Files.writeString(f, header + "\n1,2,3\n");
            assertThatThrownBy(() -> MetricsLog.resume(f, List.of("a", "b", "c"), 1))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageEndingWith("has another header than this run's columns");
            assertThat(Files.readString(f)).isEqualTo(header + "\n1,2,3\n");
        }
    }
}
