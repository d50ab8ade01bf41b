package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a C program against the installed MuJoCo headers that prints every offset, size and enum
 * value of {@link MjLayout}, and checks the Java table against it entry by entry.
 */
class MjLayoutProbeTest {

    @Test
    void everyLayoutValueMatchesTheInstalledHeaders(@TempDir Path dir) throws Exception {
        Path header = Path.of("/usr/include/mujoco/mujoco.h");
        assertThat(header)
                .as("MuJoCo headers (apt-get install -y libmujoco-dev)")
                .isRegularFile();

        Map<String, String> expressions = new LinkedHashMap<>();
        for (MjLayout entry : MjLayout.values()) {
            expressions.put(entry.name(), entry.cExpression);
        }
        Map<String, Long> fromHeaders = CLayoutProbe.evaluate(dir, List.of("mujoco/mujoco.h"), expressions);
        for (MjLayout entry : MjLayout.values()) {
            assertThat(entry.value)
                    .as("%s = %s", entry.name(), entry.cExpression)
                    .isEqualTo(fromHeaders.get(entry.name()));
        }
    }
}
