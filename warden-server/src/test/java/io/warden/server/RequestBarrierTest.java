package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.common.Checks;
import io.warden.server.CoreHarness.Client;
import io.warden.wire.OpCode;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.ExistsResponse;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.SyncRequest;

/**
 * The exception barrier: a request whose handling throws closes its own connection, is reported
 * to the host and counted, and every other connection is served as before. The core's own broken
 * invariants are not swallowed.
 */
class RequestBarrierTest {

    /** A getData whose body is a sync request: what a decoder bug would hand the core. */
    private static ServerInput.RequestReceived mismatched(long connId) {
        return new ServerInput.RequestReceived(connId, new RequestHeader(5, OpCode.GET_DATA), new SyncRequest("/"));
    }

    @Test
    void aRequestThatThrowsClosesOnlyItsConnection() {
        CoreHarness h = new CoreHarness();
        Client victim = h.connect();
        Client bystander = h.connect();
        h.request(bystander.connId(), 1, OpCode.GET_CHILDREN, new GetChildrenRequest("/", true));

        List<ServerOutput> out = h.feed(mismatched(victim.connId()));

        assertThat(out).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(ServerOutput.RequestFailed.class,
                failed -> {
                    assertThat(failed.connId()).isEqualTo(victim.connId());
                    assertThat(failed.error()).isInstanceOf(ClassCastException.class);
                }));
        assertThat(to(out, victim.connId())).containsExactly(new ServerOutput.CloseConnection(victim.connId()));
        assertThat(to(h.create(victim.connId(), 6, "/ignored", 0), victim.connId())).as("a closing connection")
                .isEmpty();
        assertThat(onlyReply(h.request(bystander.connId(), 2, OpCode.EXISTS,
                new io.warden.wire.proto.ExistsRequest("/", false)), bystander.connId()).body())
                .isInstanceOf(ExistsResponse.class);
        List<ServerOutput> create = h.create(bystander.connId(), 3, "/after", 0);
        assertThat(CoreHarness.notifications(create, bystander.connId())).as("the bystander's watch still fires")
                .hasSize(1);
        assertThat(h.core.stats().requestFailures).isEqualTo(1);
    }

    @Test
    void theFailureIsCountedInMntr() {
        CoreHarness h = new CoreHarness(CoreHarness.config(60, java.util.Set.of("mntr")));
        Client victim = h.connect();
        h.feed(mismatched(victim.connId()));
        long word = h.open();
        List<ServerOutput> out = h.feed(new ServerInput.FourLetterWord(word, "mntr"));
        String text = ((ServerOutput.SendText) to(out, word).get(0)).text();
        assertThat(text).contains("warden_request_failures\t1\n").contains("warden_apply_failures\t0\n");
    }

    @Test
    void aBrokenInvariantOfTheCoreIsNotSwallowed() {
        CoreHarness h = new CoreHarness();
        h.connect();
        assertThatThrownBy(() -> h.feed(new ServerInput.Committed(999)))
                .isInstanceOf(Checks.InvariantViolation.class);
    }

    @Test
    void anExceptionThatBelongsToNoConnectionIsThrown() {
        CoreHarness h = new CoreHarness();
        assertThatThrownBy(() -> h.feed(new ServerInput.Apply(null))).isInstanceOf(RuntimeException.class);
    }
}
