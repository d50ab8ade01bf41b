package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates C expressions (offsets, sizes, enum constants) against installed headers: writes a C
 * program that prints each, compiles it with gcc and runs it. The layout tables of the native
 * bindings are checked with it.
 */
public final class CLayoutProbe {
    private CLayoutProbe() {}

    /**
     * The value of each expression of {@code expressions} (name to C expression), compiled in
     * {@code dir} with {@code headers} included (e.g. {@code mujoco/mujoco.h}).
     */
    public static Map<String, Long> evaluate(Path dir, List<String> headers, Map<String, String> expressions)
            throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n");
        for (String header : headers) {
            c.append("#include <").append(header).append(">\n");
        }
        c.append("int main(void) {\n");
        expressions.forEach((name, expression) -> c.append("  printf(\"%s %ld\\n\", \"")
                .append(name)
                .append("\", (long)(")
                .append(expression)
                .append("));\n"));
        c.append("  return 0;\n}\n");
        Path source = dir.resolve("probe.c");
        Path binary = dir.resolve("probe");
        Files.writeString(source, c);

        run(dir, "gcc", "-std=c11", "-O0", source.toString(), "-o", binary.toString());
        String output = run(dir, binary.toString());

        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] parts = line.split(" ");
            values.put(parts[0], Long.parseLong(parts[1]));
        }
        assertThat(values).hasSize(expressions.size());
        return values;
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
