package org.gorlj;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pieces of the launcher {@code gorl}, run by bash as the launcher runs them: where it finds its
 * checkout, and its MuJoCo check.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("gorl");

    /** The lines of the launcher from the first that starts with {@code first} to the next that starts with {@code last}. */
    static String launcherLines(String first, String last) throws Exception {
        List<String> lines = Files.readAllLines(LAUNCHER);
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (from < 0 && lines.get(i).startsWith(first)) {
                from = i;
            }
            if (from >= 0 && lines.get(i).startsWith(last)) {
                return String.join("\n", lines.subList(from, i + 1)) + "\n";
            }
        }
        throw new AssertionError("the launcher has no lines " + first + " ... " + last);
    }

    /** Runs {@code script} with bash in {@code dir}; returns its standard output, or "exit N" when it fails. */
    static String bash(Path script, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? out : "exit " + p.exitValue();
    }

    /** Called through a symbolic link from another directory, the launcher still finds its own checkout. */
    @Test
    void theCheckoutIsFoundThroughASymbolicLinkFromAnyDirectory(@TempDir Path tmp) throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Path script = checkout.resolve("gorl");
        Files.writeString(script, "set -euo pipefail\n" + launcherLines("here=", "here=") + "echo \"$here\"\n");
        Path links = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(links.resolve("gorl"), Path.of("../checkout/gorl"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertThat(bash(links.resolve("gorl"), elsewhere, Map.of()))
                .isEqualTo(checkout.toRealPath().toString());
    }

    /**
     * The check reads the loader cache whole: a long listing whose MuJoCo line comes first (after which
     * a {@code grep -q} would stop reading, failing the pipe under pipefail) is found, and a library of
     * another version (2.2.20) or none is not.
     */
    @Test
    void theMujocoCheckIsExactAndReadsTheWholeCache(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("check");
        Files.writeString(
                script,
                "set -euo pipefail\n" + launcherLines("mujoco_installed() {", "}")
                        + "if mujoco_installed; then echo present; else echo absent; fi\n");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("\tlibfoo%d.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libfoo%d.so\n".formatted(i, i));
        }
        String mujoco = "\tlibmujoco.so.2.2.2 (libc6,x86-64) => /lib/x86_64-linux-gnu/libmujoco.so.2.2.2\n";
        String other = "\tlibmujoco.so.2.2.20 (libc6,x86-64) => /lib/x86_64-linux-gnu/libmujoco.so.2.2.20\n";
        assertThat(checkWithCache(tmp, script, "1234 libs found in cache `/etc/ld.so.cache'\n" + mujoco + many))
                .isEqualTo("present");
        assertThat(checkWithCache(tmp, script, other + many)).isEqualTo("absent");
        assertThat(checkWithCache(tmp, script, many.toString())).isEqualTo("absent");
    }

    /** {@code $GORL_CLASSPATH} (a user's tasks and algorithms) goes after the project's class path, and nothing when unset. */
    @Test
    void gorlClasspathExtendsTheClassPath(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = tmp.resolve("run");
        Files.writeString(
                script,
                "set -euo pipefail\nhere=/checkout\nJAVA_HOME=" + tmp.resolve("jdk") + "\n"
                        + launcherLines("exec \"$JAVA_HOME/bin/java\"", "  ${GORL_JAVA_OPTS:-}"));
        String withJar = bash(script, tmp, Map.of("GORL_CLASSPATH", "/home/u/my-tasks.jar:/home/u/classes"));
        assertThat(withJar.lines().toList())
                .contains("/checkout/target/classes:/checkout/target/lib/*:/home/u/my-tasks.jar:/home/u/classes");
        assertThat(bash(script, tmp, Map.of()).lines().toList())
                .contains("/checkout/target/classes:/checkout/target/lib/*");
    }

    /**
     * The packages for videos are asked for one by one: OSMesa when the loader cache lacks
     * libOSMesa.so.8, its headers when GL/osmesa.h is missing, ffmpeg when it is not on the PATH.
     */
    @Test
    void theVideoPackagesAreListedOnlyWhenMissing(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("check");
        Files.writeString(
                script,
                "set -euo pipefail\n" + launcherLines("video_missing=()", "command -v ffmpeg")
                        + "echo \"${video_missing[*]}\"\n");
        Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
        Path cache = bin.resolve("cache.txt");
        Path ldconfig = bin.resolve("ldconfig");
        Files.writeString(ldconfig, "#!/bin/sh\n/bin/cat " + cache + "\n");
        Files.setPosixFilePermissions(ldconfig, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> onlyFakes = Map.of("PATH", bin.toString());
        String headers = Files.isRegularFile(Path.of("/usr/include/GL/osmesa.h")) ? "" : " libosmesa6-dev";

        Files.writeString(cache, "\tlibOSMesa.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libOSMesa.so.6\n");
        assertThat(bash(script, tmp, onlyFakes)).isEqualTo(("libosmesa6" + headers + " ffmpeg").strip());

        Files.writeString(cache, "\tlibOSMesa.so.8 (libc6,x86-64) => /lib/x86_64-linux-gnu/libOSMesa.so.8\n");
        Path ffmpeg = bin.resolve("ffmpeg");
        Files.writeString(ffmpeg, "#!/bin/sh\n");
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(bash(script, tmp, onlyFakes)).isEqualTo(headers.strip());
    }

    /** Runs the check with a fake {@code ldconfig} first on the PATH that prints {@code cache}. */
    static String checkWithCache(Path tmp, Path script, String cache) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
        Files.writeString(bin.resolve("cache.txt"), cache);
        Path ldconfig = bin.resolve("ldconfig");
        Files.writeString(ldconfig, "#!/bin/sh\ncat \"$(dirname \"$0\")/cache.txt\"\n");
        Files.setPosixFilePermissions(ldconfig, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bash(script, tmp, Map.of("PATH", bin + ":" + System.getenv("PATH")));
    }
}
