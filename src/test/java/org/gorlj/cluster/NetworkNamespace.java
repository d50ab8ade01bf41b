package org.gorlj.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this one by a veth pair ({@value #HOST_SIDE} here,
 * {@value #NAMESPACE_SIDE} there), for a member that a test cuts off by taking the link down. Needs
 * root and {@code ip}.
 */
final class NetworkNamespace implements AutoCloseable {
    static final String HOST_SIDE = "10.231.77.1";
    static final String NAMESPACE_SIDE = "10.231.77.2";
    private static final String NAME = "gorl-cluster-test";
    private static final String LINK = "gorlct0";

    private NetworkNamespace() {}

    /** Why no namespace can be made here, or null when one can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
        }
        try {
            run("ip", "netns", "add", NAME + "-probe");
            run("ip", "netns", "del", NAME + "-probe");
            return null;
        } catch (IOException e) {
            return "cannot create a network namespace here: " + e.getMessage();
        }
    }

    static NetworkNamespace create() throws IOException {
        cleanUp();
        run("ip", "netns", "add", NAME);
        run("ip", "link", "add", LINK, "type", "veth", "peer", "name", LINK + "p");
        run("ip", "link", "set", LINK + "p", "netns", NAME);
        run("ip", "addr", "add", HOST_SIDE + "/24", "dev", LINK);
        run("ip", "link", "set", LINK, "up");
        run("ip", "netns", "exec", NAME, "ip", "addr", "add", NAMESPACE_SIDE + "/24", "dev", LINK + "p");
        run("ip", "netns", "exec", NAME, "ip", "link", "set", LINK + "p", "up");
        run("ip", "netns", "exec", NAME, "ip", "link", "set", "lo", "up");
        return new NetworkNamespace();
    }

    /** The command prefix that runs a program in the namespace. */
    List<String> exec() {
        return List.of("ip", "netns", "exec", NAME);
    }

    /** Takes the link between the namespaces down (a partition: packets are dropped, no reset) or up. */
    void link(boolean up) throws IOException {
        run("ip", "link", "set", LINK, up ? "up" : "down");
        if (up) {
            run("ip", "addr", "replace", HOST_SIDE + "/24", "dev", LINK);
        }
    }

    @Override
    public void close() throws IOException {
        cleanUp();
    }

    private static void cleanUp() {
        try {
            run("ip", "link", "del", LINK);
        } catch (IOException absent) {
            // not there
        }
        try {
            run("ip", "netns", "del", NAME);
        } catch (IOException absent) {
            // not there
        }
    }

    private static void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd)))
                .redirectErrorStream(true)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + ": "
                        + new String(p.getInputStream().readAllBytes()).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
