package org.gorlj.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    static final String FILE = "src/main/resources/org/gorlj/jvm.options";

    @Test
    void theArgfileSyntaxIsReadAsJavaReadsIt() {
        assertThat(JvmOptions.parse("# heading\n-Xss4m   # stack\n\n  -Da=b -Dc=d\n-XX:+UseParallelGC"))
                .containsExactly("-Xss4m", "-Da=b", "-Dc=d", "-XX:+UseParallelGC");
    }

    /** This test JVM was started with the file (surefire's argLine), so it runs with every option of it. */
    @Test
    void theTestJvmRunsWithTheSharedOptions() {
        List<String> shared = JvmOptions.shared();
        assertThat(shared).contains("--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector");
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(shared);
    }

    /** The launcher and the build name the one file and keep no copy of its options. */
    @Test
    void theLauncherAndTheBuildUseTheOneFile() throws Exception {
        for (String user : List.of("gorl", "pom.xml")) {
            String text = Files.readString(Path.of(user));
            assertThat(text)
                    .as(user)
                    .contains(FILE)
                    .doesNotContain("--enable-native-access=", "RestoreMXCSROnJNICalls");
        }
    }
}
