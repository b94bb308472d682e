package io.warden.server;

import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import org.junit.jupiter.api.Test;

/** A connection with too many outstanding requests stops being read until half are done. */
class ThrottleTest {

    @Test
    void readingPausesAtTheLimitAndResumesWhenDrained() {
        CoreHarness h = new CoreHarness(CoreHarness.config(ConnectionLimits.DEFAULTS.withOutstandingMax(4)));
        Client c = h.connect();
        h.autoCommit = false;
        for (int i = 1; i <= 3; i++) {
            assertThat(to(h.create(c.connId(), i, "/n" + i, 0), c.connId())).isEmpty();
        }
        List<ServerOutput> fourth = h.create(c.connId(), 4, "/n4", 0);
        assertThat(to(fourth, c.connId())).containsExactly(new ServerOutput.PauseReading(c.connId()));

        List<ServerOutput> drained = h.commitHeld();
        assertThat(to(drained, c.connId())).contains(new ServerOutput.ResumeReading(c.connId()));
        assertThat(CoreHarness.replies(drained, c.connId())).hasSize(4);
    }
}
