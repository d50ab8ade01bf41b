package org.gorlj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;

/**
 * A member without the shared secret is refused: its join request carries another cluster name,
 * which the members answer by ignoring it, so it stays a cluster of its own and sees none of the
 * cluster's data; a member with the secret joins the same members. A client ({@code --status}) is
 * refused the same way.
 */
class ClusterSecretTest {
    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aMemberWithAnotherSecretIsRefused() throws Exception {
        List<MemberAddress> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(new MemberAddress("127.0.0.1", freePort()));
        }
        ClusterSecret right = ClusterSecret.of("the secret all members share");
        ClusterSecret wrong = ClusterSecret.of("a guess at the secret, 1234");
        List<HazelcastInstance> started = new ArrayList<>();
        try {
            HazelcastInstance a = ClusterNode.startMember(members, members.get(0), right);
            started.add(a);
            a.getMap(ClusterNode.MAP_PREFIX + "probe").put("k", "held by the cluster");
            HazelcastInstance intruder = ClusterNode.startMember(members, members.get(1), wrong);
            started.add(intruder);
            HazelcastInstance b = ClusterNode.startMember(members, members.get(2), right);
            started.add(b);
            assertThat(a.getCluster().getMembers()).hasSize(2);
            assertThat(b.getCluster().getMembers()).hasSize(2);
            assertThat(b.getMap(ClusterNode.MAP_PREFIX + "probe").get("k")).isEqualTo("held by the cluster");
            Thread.sleep(3000); // a later attempt (the join retry, the split-brain merge search) changes nothing
            assertThat(intruder.getCluster().getMembers()).hasSize(1);
            assertThat(a.getCluster().getMembers()).hasSize(2);
            assertThat(intruder.getMap(ClusterNode.MAP_PREFIX + "probe").get("k"))
                    .isNull();
            // a client (gorl bench --status) is authenticated by the same cluster name
            HazelcastInstance client = ClusterNode.connectClient(members.subList(0, 1), right);
            try {
                assertThat(client.getMap(ClusterNode.MAP_PREFIX + "probe").get("k"))
                        .isEqualTo("held by the cluster");
            } finally {
                client.shutdown();
            }
            assertThatThrownBy(() -> ClusterNode.connectClient(members.subList(0, 1), wrong))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("no member of a cluster with this secret answered");
        } finally {
            started.forEach(HazelcastInstance::shutdown);
        }
    }

    @Test
    void membersListenOnTheirOwnAddressOnly() throws Exception {
        MemberAddress me = new MemberAddress("127.0.0.1", freePort());
        HazelcastInstance a =
                ClusterNode.startMember(List.of(me), me, ClusterSecret.of("the secret all members share"));
        try {
            assertThat(a.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
            assertThat(ClusterNode.chooseListen(List.of(me, new MemberAddress("127.0.0.1", freePort())), null)
                            .port())
                    .as("the first local entry whose port is free")
                    .isNotEqualTo(me.port());
            // the port is bound to the loopback address only, not to every interface
            for (InetAddress other : otherLocalAddresses()) {
                try (ServerSocket s = new ServerSocket(me.port(), 1, other)) {
                    assertThat(s.getLocalPort()).as("port free on " + other).isEqualTo(me.port());
                }
            }
        } finally {
            a.shutdown();
        }
    }

    private static List<InetAddress> otherLocalAddresses() throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress ad : java.util.Collections.list(nic.getInetAddresses())) {
                if (!ad.isLoopbackAddress() && ad instanceof java.net.Inet4Address) {
                    out.add(ad);
                }
            }
        }
        return out;
    }
}
