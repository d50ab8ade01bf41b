package org.gorlj.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
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

    /**
     * The young generation has one size (ParallelGC's adaptive policy would shrink it for footprint
     * and promote short-lived garbage into the old generation, which then only grows) and the heap
     * starts small (the old generation's pages are touched only as far as it fills).
     */
    @Test
    void theYoungGenerationIsFixedAndTheHeapStartsSmall() {
        var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long newSize = Long.parseLong(vm.getVMOption("NewSize").getValue());
        assertThat(newSize).isEqualTo(128L << 20);
        assertThat(Long.parseLong(vm.getVMOption("MaxNewSize").getValue())).isEqualTo(newSize);
        assertThat(Long.parseLong(vm.getVMOption("InitialHeapSize").getValue())).isEqualTo(192L << 20);
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
