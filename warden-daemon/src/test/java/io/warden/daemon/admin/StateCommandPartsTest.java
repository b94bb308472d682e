package io.warden.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.warden.tree.acl.Digests;
import io.warden.wire.Id;

/** The parts of snapshot and restore that need no server: the header, the rate limit, the gate. */
class StateCommandPartsTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void aDigestHeaderProvesTheDigestIdentity() {
        assertThat(AdminAuth.identities("digest admin:secret", CLIENT))
                .containsExactly(new Id("digest", Digests.idFor("admin:secret")));
    }

    @Test
    void anIpHeaderProvesTheConnectionsAddressNotTheOneItNames() {
        assertThat(AdminAuth.identities("ip 10.1.2.3", CLIENT)).containsExactly(new Id("ip", "127.0.0.1"));
    }

    @Test
    void headersThatProveNothingAreRefused() {
        for (String header : List.of("digest", "digest ", "digest nocolon", "x509 cert", "nosuchscheme data", "",
                " digest a:b")) {
            assertThat(AdminAuth.identities(header, CLIENT)).as(header).isNull();
        }
    }

    @Test
    void oneRunPerIntervalTheFirstAtOnce() {
        AtomicLong nowMs = new AtomicLong(1_000);
        OncePerInterval rate = new OncePerInterval(300, nowMs::get);
        assertThat(rate.allow()).isTrue();
        nowMs.addAndGet(299);
        assertThat(rate.allow()).isFalse();
        nowMs.addAndGet(1);
        assertThat(rate.allow()).isTrue();
        assertThat(rate.allow()).isFalse();
        assertThat(new OncePerInterval(0, nowMs::get).allow()).isTrue();
    }

    @Test
    void theGateRefusesInZooKeepersOrder() {
        AtomicLong nowMs = new AtomicLong();
        StateCommandGate unavailable = new StateCommandGate("restore", true, "not here",
                new OncePerInterval(0, nowMs::get));
        assertThat(unavailable.check().status()).isEqualTo(503);
        assertThat(unavailable.check().body().get("error")).isEqualTo("not here");
        StateCommandGate disabled = new StateCommandGate("snapshot", false, null, new OncePerInterval(0, nowMs::get));
        assertThat(disabled.check().status()).isEqualTo(503);
        assertThat(disabled.check().body()).containsEntry("error", null).containsEntry("command", "snapshot");
        StateCommandGate limited = new StateCommandGate("snapshot", true, null, new OncePerInterval(1000, nowMs::get));
        assertThat(limited.check()).isNull();
        assertThat(limited.check().status()).isEqualTo(429);
    }
}
