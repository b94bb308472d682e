package io.warden.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.warden.daemon.config.Endpoint;
import io.warden.daemon.config.PeerRole;
import io.warden.daemon.config.ServerMember;

class EnsembleCommandsTest {
    private final EnsembleCommands commands = new EnsembleCommands(List.of(
            new ServerMember(2, "zk2.example", 2888, 3888, PeerRole.PARTICIPANT, new Endpoint("10.0.0.2", 2181)),
            new ServerMember(1, "127.0.0.1", 2889, 3889, PeerRole.PARTICIPANT, null),
            new ServerMember(3, "127.0.0.1", 2890, 3890, PeerRole.PARTICIPANT, null),
            new ServerMember(4, "127.0.0.1", 2891, 3891, PeerRole.OBSERVER, null)),
            new Endpoint(null, 2182));

    @Test
    void votingViewListsTheVotersByIdInZooKeepersShape() {
        Map<String, Object> view = commands.votingView(1);

        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) view.get("current_config");
        assertThat(config).containsOnlyKeys("1", "2", "3");
        assertThat(config.keySet()).containsExactly("1", "2", "3");
        assertThat(config.get("2")).isEqualTo(Map.of("server_addresses", List.of("zk2.example:2888"),
                "election_addresses", List.of("zk2.example:3888"), "client_address", "10.0.0.2:2181",
                "learner_type", "participant"));
    }

    @Test
    void onlyTheAnsweringMemberFillsInAClientAddressItsLineLacks() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> config = (Map<String, Map<String, Object>>) commands.votingView(1)
                .get("current_config");

        assertThat(config.get("1").get("client_address")).isEqualTo("0.0.0.0:2182");
        assertThat(config.get("3").get("client_address")).isEqualTo("");
    }
}
