package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

        StringBuilder c = new StringBuilder(
                "#include <stdio.h>\n#include <stddef.h>\n#include <mujoco/mujoco.h>\n" + "int main(void) {\n");
        for (MjLayout entry : MjLayout.values()) {
            c.append("  printf(\"%s %ld\\n\", \"")
                    .append(entry.name())
                    .append("\", (long)(")
                    .append(entry.cExpression)
                    .append("));\n");
        }
        c.append("  return 0;\n}\n");
        Path source = dir.resolve("probe.c");
        Path binary = dir.resolve("probe");
        Files.writeString(source, c);

        run(dir, "gcc", "-std=c11", "-O0", source.toString(), "-o", binary.toString());
        String output = run(dir, binary.toString());

        Map<String, Long> fromHeaders = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] parts = line.split(" ");
            fromHeaders.put(parts[0], Long.parseLong(parts[1]));
        }
        assertThat(fromHeaders).hasSize(MjLayout.values().length);
        for (MjLayout entry : MjLayout.values()) {
            assertThat(entry.value)
                    .as("%s = %s", entry.name(), entry.cExpression)
                    .isEqualTo(fromHeaders.get(entry.name()));
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return fail(
                    "cannot run " + command[0] + " (this test needs gcc: apt-get install -y gcc): " + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command[0])
                .isTrue();
        assertThat(p.exitValue())
                .as("%s failed:\n%s", String.join(" ", command), out)
                .isZero();
        return out;
    }
}
