package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ConnectStringTest {

    @Test
    void hostsPortsAndChroot() {
        ConnectString parsed = ConnectString.parse("a:1,b, [::1]:3/app/root");
        assertThat(parsed.servers()).containsExactly(InetSocketAddress.createUnresolved("a", 1),
                InetSocketAddress.createUnresolved("b", 2181), InetSocketAddress.createUnresolved("::1", 3));
        assertThat(parsed.chroot().toServer("/x")).isEqualTo("/app/root/x");
    }

    @Test
    void aRootChrootIsNoChroot() {
        assertThat(ConnectString.parse("a:1/").chroot().isNone()).isTrue();
        assertThat(ConnectString.parse("a:1").chroot().isNone()).isTrue();
    }

    @Test
    void badStringsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ConnectString.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConnectString.parse("a:x")).hasMessageContaining("invalid port x");
        assertThatThrownBy(() -> ConnectString.parse("a:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ConnectString.parse("a:1/app/")).hasMessageContaining("invalid chroot");
        assertThatThrownBy(() -> ConnectString.parse("::1:2181")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> ConnectString.parse(",/app")).hasMessageContaining("no server");
    }
}
