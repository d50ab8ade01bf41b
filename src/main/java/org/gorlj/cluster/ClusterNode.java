package org.gorlj.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import org.gorlj.util.UserInputException;

/**
 * Starts the embedded Hazelcast member (or, for {@code --status}, a client) of a GoRL-J cluster:
 * TCP-IP join over the given member list only (no multicast, no auto-detection), listening on one
 * address of this machine (not on all interfaces), the cluster name derived from the shared secret,
 * maps with one synchronous backup, phone-home off, Java deserialization filtered, and failure
 * detection tuned to seconds (heartbeat 1 s, a member silent for {@value #NO_HEARTBEAT_SECONDS} s
 * is removed).
 */
public final class ClusterNode {
    /** Seconds without a heartbeat after which a member counts as lost (Hazelcast's default is 60). */
    public static final int NO_HEARTBEAT_SECONDS = 10;

    /** Prefix of every map of a GoRL-J cluster (each with one synchronous backup). */
    static final String MAP_PREFIX = "gorl.";

    private ClusterNode() {}

    /**
     * Starts a member listening on {@code listen} that joins the members of {@code members}.
     *
     * @throws UserInputException when Hazelcast cannot start there (address taken, not local)
     */
    public static HazelcastInstance startMember(
            List<MemberAddress> members, MemberAddress listen, ClusterSecret secret) {
        quietLogging();
        Config c = new Config();
        c.setClusterName(secret.clusterName());
        c.setInstanceName("gorl-" + listen.host() + "-" + listen.port());
        common(c);
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(NO_HEARTBEAT_SECONDS));
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "2");
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        c.setProperty("hazelcast.shutdownhook.enabled", "false"); // the member's own hook shuts it down in order
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(listen.port()).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface(ip(listen.host()));
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig()
                .setEnabled(true)
                .setConnectionTimeoutSeconds(3)
                .setMembers(members.stream().map(MemberAddress::toString).toList());
        c.addMapConfig(new MapConfig(MAP_PREFIX + "*").setBackupCount(1).setAsyncBackupCount(0));
        try {
            return Hazelcast.newHazelcastInstance(c);
        } catch (RuntimeException e) {
            throw new UserInputException("cannot start a cluster member on " + listen + ": " + e.getMessage());
        }
    }

    /**
     * Connects a client to the cluster (for reading its state without becoming a member).
     *
     * @throws UserInputException when no member with this secret answers within a few seconds
     */
    public static HazelcastInstance connectClient(List<MemberAddress> members, ClusterSecret secret) {
        quietLogging();
        if (System.getProperty("org.slf4j.simpleLogger.log.com.hazelcast.client") == null) {
            // its connection attempts: the one line below says how they ended
            System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast.client", "error");
        }
        ClientConfig c = new ClientConfig();
        c.setClusterName(secret.clusterName());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.getNetworkConfig()
                .setAddresses(members.stream().map(MemberAddress::toString).toList())
                .setConnectionTimeout(3000)
                // the client only reads: a read in flight when its member dies is sent again to a live one
                // (without it, a status read at that moment failed with TargetDisconnectedException)
                .setRedoOperation(true);
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(8000);
        try {
            return HazelcastClient.newHazelcastClient(c);
        } catch (RuntimeException e) {
            throw new UserInputException("no member of a cluster with this secret answered at "
                    + members.stream().map(MemberAddress::toString).toList()
                    + " (none running there, or another secret)");
        }
    }

    private static void common(Config c) {
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
        c.getJetConfig().setEnabled(false);
    }

    /** Hazelcast logs through slf4j-simple at WARN (join refusals), its connection errors at ERROR, unless the user set a level. */
    private static void quietLogging() {
        // the hint to open JDK internals for speed (docs/cluster.md): logged through java.util.logging before any
        // config applies
        java.util.logging.Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory")
                .setLevel(java.util.logging.Level.SEVERE);
        if (System.getProperty("org.slf4j.simpleLogger.log.com.hazelcast") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
            // a lost member's broken connections: the membership lines say it once, without traces
            System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast.internal.server.tcp", "error");
            System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast.spi.impl.operationservice", "error");
        }
    }

    /**
     * The address this member listens on: {@code listen} if given (it must be an address of this
     * machine), else the first entry of {@code members} that is an address of this machine with a free
     * port.
     *
     * @throws UserInputException when there is none
     */
    public static MemberAddress chooseListen(List<MemberAddress> members, MemberAddress listen) {
        if (listen != null) {
            if (!isLocal(listen.host())) {
                throw new UserInputException("--listen: " + listen.host() + " is not an address of this machine");
            }
            return listen;
        }
        for (MemberAddress m : members) {
            if (isLocal(m.host()) && isFree(m)) {
                return m;
            }
        }
        throw new UserInputException("--cluster: no entry of "
                + members.stream().map(MemberAddress::toString).toList()
                + " is an address of this machine with a free port; add this machine's address:port to the list"
                + " or give --listen ADDRESS:PORT");
    }

    static boolean isLocal(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    private static boolean isFree(MemberAddress m) {
        try (ServerSocket s = new ServerSocket(m.port(), 1, InetAddress.getByName(m.host()))) {
            return s.getLocalPort() == m.port();
        } catch (IOException e) {
            return false;
        }
    }

    private static String ip(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new UserInputException("--cluster: unknown host " + host);
        }
    }
}
