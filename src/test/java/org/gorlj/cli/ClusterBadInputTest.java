package org.gorlj.cli;

import static org.gorlj.cli.BadInputTest.assertBad;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the cluster options: one line, exit code 2, before any member starts. */
class ClusterBadInputTest {
    @Test
    void unparseableMemberLists(@TempDir Path tmp) throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "0123456789abcdef0123");
        String s = secret.toString();
        assertBad("'127.0.0.1:99999' in", "worker", "--cluster", "127.0.0.1:99999", "--secret-file", s);
        assertBad("'host:port' in", "worker", "--cluster", "host:port", "--secret-file", s);
        assertBad("'' in '127.0.0.1,'", "worker", "--cluster", "127.0.0.1,", "--secret-file", s);
        assertBad("'fd00::1' in", "worker", "--cluster", "fd00::1", "--secret-file", s);
        assertBad("'a b' in", "worker", "--cluster", "a b", "--secret-file", s);
        Path spec = Files.writeString(tmp.resolve("x.json"), """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 1, "steps": 640, "out": "%s"}
                """.formatted(tmp.resolve("runs")));
        assertBad("'x:0' in", "bench", spec.toString(), "--cluster", "x:0", "--secret-file", s);
    }

    @Test
    void missingOrShortSecretFiles(@TempDir Path tmp) throws Exception {
        assertBad(
                "no secret file at " + tmp.resolve("nope"),
                "worker",
                "--cluster",
                "127.0.0.1:5799",
                "--secret-file",
                tmp.resolve("nope").toString());
        Path shortSecret = Files.writeString(tmp.resolve("short"), "abc\n");
        assertBad(
                "has 3 bytes, fewer than 16",
                "worker",
                "--cluster",
                "127.0.0.1:5799",
                "--secret-file",
                shortSecret.toString());
    }

    @Test
    void optionsThatNeedTheClusterOrAnAddressHere(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("x.json"), """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 1, "steps": 640, "out": "%s"}
                """.formatted(tmp.resolve("runs")));
        Path secret = Files.writeString(tmp.resolve("secret"), "0123456789abcdef0123");
        assertBad(
                "--secret-file and --listen go with --cluster",
                "bench",
                spec.toString(),
                "--secret-file",
                secret.toString());
        assertBad(
                "--table-only works on the run directories here",
                "bench",
                spec.toString(),
                "--table-only",
                "--cluster",
                "127.0.0.1",
                "--secret-file",
                secret.toString());
        // 192.0.2.1 (TEST-NET-1) is no address of this machine
        assertBad(
                "is an address of this machine with a free port",
                "worker",
                "--cluster",
                "192.0.2.1:5701",
                "--secret-file",
                secret.toString());
        assertBad(
                "--listen: 192.0.2.1 is not an address of this machine",
                "worker",
                "--cluster",
                "127.0.0.1:5799",
                "--listen",
                "192.0.2.1:5701",
                "--secret-file",
                secret.toString());
    }
}
