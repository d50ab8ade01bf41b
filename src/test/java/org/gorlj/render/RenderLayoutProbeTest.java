package org.gorlj.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.env.mujoco.CLayoutProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the C expressions of {@link RenderLayout} against the installed MuJoCo and OSMesa headers
 * and checks the Java table against them entry by entry.
 */
class RenderLayoutProbeTest {

    @Test
    void everyLayoutValueMatchesTheInstalledHeaders(@TempDir Path dir) throws Exception {
        assertThat(Path.of("/usr/include/GL/osmesa.h"))
                .as("OSMesa headers (%s)", OffscreenGl.INSTALL_HINT)
                .isRegularFile();
        Map<String, String> expressions = new LinkedHashMap<>();
        for (RenderLayout entry : RenderLayout.values()) {
            expressions.put(entry.name(), entry.cExpression);
        }
        Map<String, Long> fromHeaders =
                CLayoutProbe.evaluate(dir, List.of("mujoco/mujoco.h", "GL/osmesa.h"), expressions);
        for (RenderLayout entry : RenderLayout.values()) {
            assertThat(entry.value)
                    .as("%s = %s", entry.name(), entry.cExpression)
                    .isEqualTo(fromHeaders.get(entry.name()));
        }
    }
}
