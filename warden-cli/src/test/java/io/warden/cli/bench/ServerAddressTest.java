package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {
    @Test
    void parsesAListInOrder() {
        assertThat(ServerAddress.parseList("127.0.0.1:2181,127.0.0.1:2182")).containsExactly(
                new ServerAddress("127.0.0.1", 2181), new ServerAddress("127.0.0.1", 2182));
    }

    @Test
    void acceptsBracketedIpv6() {
        ServerAddress address = ServerAddress.parse("[::1]:2181");
        assertThat(address).isEqualTo(new ServerAddress("::1", 2181));
        assertThat(address).hasToString("[::1]:2181");
    }

    @Test
    void rejectsWhatIsNotHostAndPort() {
        assertThatThrownBy(() -> ServerAddress.parse(":2181")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("host:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("host:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parseList("a:1,,b:2")).isInstanceOf(IllegalArgumentException.class);
    }
}
