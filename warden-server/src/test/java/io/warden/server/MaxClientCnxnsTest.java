package io.warden.server;

import static io.warden.server.CoreHarness.closes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** maxClientCnxns: connections allowed from one IP address (§2.3). */
class MaxClientCnxnsTest {
    private static final String HOST = "10.0.0.1";

    @Test
    void connectionOverTheLimitIsClosed() {
        CoreHarness h = new CoreHarness(CoreHarness.config(2, Set.of("srvr")));
        long a = h.open(HOST);
        long b = h.open(HOST);
        assertThat(closes(h.log, a)).isFalse();
        assertThat(closes(h.log, b)).isFalse();
        long c = h.open(HOST);
        assertThat(closes(h.log, c)).isTrue();
    }

    @Test
    void limitIsPerAddress() {
        CoreHarness h = new CoreHarness(CoreHarness.config(1, Set.of("srvr")));
        long a = h.open(HOST);
        long b = h.open("10.0.0.2");
        assertThat(closes(h.log, a)).isFalse();
        assertThat(closes(h.log, b)).isFalse();
    }

    @Test
    void closedConnectionsFreeTheirSlot() {
        CoreHarness h = new CoreHarness(CoreHarness.config(1, Set.of("srvr")));
        long a = h.open(HOST);
        long refused = h.open(HOST);
        assertThat(closes(h.log, refused)).isTrue();
        h.close(refused);
        h.close(a);
        long again = h.open(HOST);
        assertThat(closes(h.log, again)).isFalse();
        assertThat(h.core.connectionCount()).isEqualTo(1);
    }

    @Test
    void refusedConnectionIsNeverServed() {
        CoreHarness h = new CoreHarness(CoreHarness.config(1, Set.of("srvr")));
        h.open(HOST);
        long refused = h.open(HOST);
        assertThat(CoreHarness.to(h.handshake(refused, CoreHarness.newSession(30000)), refused)).isEmpty();
        assertThat(h.core.tree().sessions()).isEmpty();
    }

    @Test
    void zeroMeansNoLimit() {
        CoreHarness h = new CoreHarness(CoreHarness.config(0, Set.of("srvr")));
        for (int i = 0; i < 100; i++) {
            long conn = h.open(HOST);
            assertThat(closes(h.log, conn)).as("connection %d", i).isFalse();
        }
    }
}
