package org.gorlj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;

class MemberAddressTest {
    @Test
    void parsesHostsPortsAndBracketedIpv6() {
        assertThat(MemberAddress.parseList("10.0.0.1, node-2.lab:5702,[fd00::3]:5703,[::1]"))
                .containsExactly(
                        new MemberAddress("10.0.0.1", 5701),
                        new MemberAddress("node-2.lab", 5702),
                        new MemberAddress("fd00::3", 5703),
                        new MemberAddress("::1", 5701));
        assertThat(new MemberAddress("fd00::3", 5703).toString()).isEqualTo("[fd00::3]:5703");
        assertThat(MemberAddress.parseList("a:1,a:1")).isEqualTo(List.of(new MemberAddress("a", 1)));
    }

    @Test
    void refusesWhatIsNotHostAndPort() {
        for (String bad : List.of("", "a:", ":5701", "a:0", "a:65536", "a:1x", "[fd00::1", "[::1]x", "a/b", "a:1:2")) {
            assertThatThrownBy(() -> MemberAddress.parseList(bad))
                    .as(bad)
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("is not host[:port]");
        }
    }

    @Test
    void theClusterNameDependsOnTheSecretOnly() {
        String a = ClusterSecret.of("correct horse battery staple").clusterName();
        assertThat(a).isEqualTo(ClusterSecret.of("correct horse battery staple").clusterName());
        assertThat(a).startsWith("gorl-").hasSize(5 + 32).doesNotContain("horse");
        assertThat(ClusterSecret.of("correct horse battery stapler").clusterName())
                .isNotEqualTo(a);
    }
}
