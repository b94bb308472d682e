package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static io.warden.server.CoreHarness.replies;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.server.CoreHarness.Client;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.SetWatches;

/**
 * Everything one connection can make the server hold is bounded: outstanding requests counting
 * reads whose replies are not written yet, their bytes (in both directions), the bytes of all
 * connections together, auth identities, and watches.
 */
class ConnectionBoundsTest {
    private static final int DATA_BYTES = 64 * 1024;
    private static final long BYTES_MAX = 1L << 20;

    private static CoreHarness harness(ConnectionLimits limits) {
        return new CoreHarness(CoreHarness.config(limits));
    }

    private static void createBig(CoreHarness h, Client c, String path) {
        h.request(c.connId(), 1, OpCode.CREATE, new CreateRequest(path, new byte[DATA_BYTES], Acl.OPEN_ACL_UNSAFE, 0));
    }

    @Test
    void aClientThatDoesNotReadItsRepliesIsAnsweredNoFurtherThanItsBytesAllow() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withOutstandingBytesMax(BYTES_MAX, 64L << 20));
        Client c = h.connect();
        createBig(h, c, "/big");
        h.autoWrite = false;
        List<ServerOutput> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.addAll(h.request(c.connId(), 10 + i, OpCode.GET_DATA, new GetDataRequest("/big", false)));
        }
        int answered = replies(out, c.connId()).size();
        assertThat(answered).as("replies while nothing is written").isBetween(16, 17);
        assertThat(to(out, c.connId())).contains(new ServerOutput.PauseReading(c.connId()));

        List<ServerOutput> drained = new ArrayList<>();
        while (answered < 100) {
            List<ServerOutput> more = h.written(c.connId(), unwritten(h, c));
            drained.addAll(more);
            int now = replies(more, c.connId()).size();
            assertThat(now).as("the client read; more is answered").isPositive();
            answered += now;
        }
        drained.addAll(h.written(c.connId(), unwritten(h, c)));
        assertThat(to(drained, c.connId())).contains(new ServerOutput.ResumeReading(c.connId()));
    }

    private static int unwritten(CoreHarness h, Client c) {
        return h.core.connections().get(c.connId()).backlog.frames();
    }

    @Test
    void readsCountAsOutstandingUntilTheirRepliesAreWritten() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withOutstandingMax(10));
        Client c = h.connect();
        h.autoWrite = false;
        List<ServerOutput> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.addAll(h.request(c.connId(), 10 + i, OpCode.EXISTS, new ExistsRequest("/", false)));
        }
        assertThat(replies(out, c.connId())).hasSize(10);
        assertThat(to(out, c.connId())).endsWith(new ServerOutput.PauseReading(c.connId()));
        assertThat(to(h.written(c.connId(), 10), c.connId())).containsExactly(
                new ServerOutput.ResumeReading(c.connId()));
    }

    @Test
    void writesHoldTheirBytesUntilTheyCommit() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withOutstandingBytesMax(BYTES_MAX, 64L << 20));
        Client c = h.connect();
        createBig(h, c, "/big");
        h.autoCommit = false;
        byte[] data = new byte[300 * 1024];
        List<ServerOutput> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.addAll(h.request(c.connId(), 10 + i, OpCode.SET_DATA, new SetDataRequest("/big", data, -1)));
        }
        assertThat(to(out, c.connId())).containsExactly(new ServerOutput.PauseReading(c.connId()));
        assertThat(h.heldCount()).as("all proposed: writes are not held back").isEqualTo(4);
        List<ServerOutput> committed = h.commitHeld();
        assertThat(replies(committed, c.connId())).hasSize(4);
        assertThat(to(committed, c.connId())).contains(new ServerOutput.ResumeReading(c.connId()));
    }

    @Test
    void whileTheServerHoldsTooManyBytesWhoHoldsMoreThanItsShareIsNotReadAndOthersAre() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withOutstandingBytesMax(8 * BYTES_MAX, BYTES_MAX));
        Client big = h.connect();
        Client small = h.connect();
        createBig(h, big, "/big");
        h.autoCommit = false;
        byte[] data = new byte[300 * 1024];
        List<ServerOutput> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.addAll(h.request(big.connId(), 10 + i, OpCode.SET_DATA, new SetDataRequest("/big", data, -1)));
        }
        assertThat(to(out, big.connId())).containsExactly(new ServerOutput.PauseReading(big.connId()));
        List<ServerOutput> polite = h.request(small.connId(), 5, OpCode.EXISTS, new ExistsRequest("/", false));
        assertThat(to(polite, small.connId())).as("a connection holding little is answered and read on")
                .hasSize(1).first().isInstanceOf(ServerOutput.SendReply.class);
        assertThat(to(h.commitHeld(), big.connId())).contains(new ServerOutput.ResumeReading(big.connId()));
    }

    @Test
    void whileTheServerHoldsTooManyBytesConnectionsThatStoppedReadingAreLetGoLargestFirst() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withOutstandingBytesMax(BYTES_MAX, 2 * BYTES_MAX));
        Client reader = h.connect();
        createBig(h, reader, "/big");
        List<Client> stalled = new ArrayList<>();
        List<ServerOutput> out = new ArrayList<>();
        h.autoWrite = false;
        for (int n = 0; n < 3; n++) {
            Client c = h.connect();
            stalled.add(c);
            for (int i = 0; i < 20; i++) {
                out.addAll(h.request(c.connId(), 10 + i, OpCode.GET_DATA, new GetDataRequest("/big", false)));
            }
        }
        assertThat(out).as("not before they have been stalled a while")
                .noneMatch(o -> o instanceof ServerOutput.CloseConnection);
        out.addAll(h.tick(FlowControl.STALLED_MS_BEFORE_CLOSE));
        List<Long> closed = new ArrayList<>();
        for (ServerOutput o : out) {
            if (o instanceof ServerOutput.CloseConnection close) {
                closed.add(close.connId());
            }
        }
        assertThat(closed).as("stalled connections let go").isNotEmpty()
                .isSubsetOf(stalled.stream().map(Client::connId).toList());
        assertThat(out).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(ServerOutput.Warning.class,
                w -> assertThat(w.message()).contains("stopped reading its replies")));
        assertThat(h.core.flow().bytes()).isLessThan(2 * BYTES_MAX);
        assertThat(h.core.flow().evicted()).isEqualTo(closed.size());
        h.autoWrite = true;
        assertThat(onlyReply(h.request(reader.connId(), 9, OpCode.EXISTS, new ExistsRequest("/", false)),
                reader.connId()).header().err()).isZero();
    }

    @Test
    void whoWaitsForTheServersBytesIsNotLeftWaitingByAClientThatStoppedReading() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withOutstandingBytesMax(BYTES_MAX, 3 * BYTES_MAX / 2));
        Client reader = h.connect();
        createBig(h, reader, "/big");
        Client stalled = h.connect();
        Client writer = h.connect();
        h.autoWrite = false;
        for (int i = 0; i < 20; i++) {
            h.request(stalled.connId(), 10 + i, OpCode.GET_DATA, new GetDataRequest("/big", false));
        }
        h.written(writer.connId(), 0);
        h.autoCommit = false;
        byte[] data = new byte[400 * 1024];
        List<ServerOutput> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            out.addAll(h.request(writer.connId(), 10 + i, OpCode.SET_DATA, new SetDataRequest("/big", data, -1)));
        }
        assertThat(to(out, writer.connId())).as("paused for the server's sake")
                .contains(new ServerOutput.PauseReading(writer.connId()));
        h.commitHeld();
        h.written(writer.connId(), h.core.connections().get(writer.connId()).backlog.frames());
        assertThat(h.log).as("the stalled client still holds more than half")
                .doesNotContain(new ServerOutput.ResumeReading(writer.connId()));
        List<ServerOutput> later = h.tick(FlowControl.STALLED_MS_BEFORE_CLOSE);
        assertThat(later).contains(new ServerOutput.CloseConnection(stalled.connId()),
                new ServerOutput.ResumeReading(writer.connId()));
    }

    @Test
    void identitiesPastTheBoundFailTheAuthAndCloseTheConnection() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withIdentities(3, 1024));
        Client c = h.connect();
        for (String user : new String[] {"a", "b", "a"}) {
            assertThat(onlyReply(auth(h, c, user + ":pw"), c.connId()).header().err()).isZero();
        }
        List<ServerOutput> third = auth(h, c, "c:pw");
        assertThat(onlyReply(third, c.connId()).header().err()).isEqualTo(ErrorCode.AUTHFAILED.code());
        assertThat(to(third, c.connId())).endsWith(new ServerOutput.CloseConnection(c.connId()));

        Client d = h.connect();
        List<ServerOutput> long1 = auth(h, d, "x".repeat(2000) + ":pw");
        assertThat(onlyReply(long1, d.connId()).header().err()).as("over the identity bytes")
                .isEqualTo(ErrorCode.AUTHFAILED.code());
    }

    private static List<ServerOutput> auth(CoreHarness h, Client c, String credentials) {
        return h.request(c.connId(), -4, OpCode.AUTH,
                new AuthPacket(0, "digest", credentials.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void watchesPastTheBoundAreThrottledAndNothingIsRegistered() {
        CoreHarness h = harness(ConnectionLimits.DEFAULTS.withWatchesMax(3));
        Client c = h.connect();
        for (String path : new String[] {"/a", "/b", "/c"}) {
            assertThat(err(h.request(c.connId(), 1, OpCode.EXISTS, new ExistsRequest(path, true)), c))
                    .isEqualTo(ErrorCode.NONODE.code());
        }
        assertThat(err(h.request(c.connId(), 2, OpCode.EXISTS, new ExistsRequest("/a", true)), c))
                .as("a watch held already costs nothing").isEqualTo(ErrorCode.NONODE.code());
        assertThat(err(h.request(c.connId(), 3, OpCode.GET_DATA, new GetDataRequest("/", true)), c))
                .isEqualTo(ErrorCode.THROTTLEDOP.code());
        assertThat(err(h.request(c.connId(), 4, OpCode.GET_CHILDREN, new GetChildrenRequest("/", true)), c))
                .isEqualTo(ErrorCode.THROTTLEDOP.code());
        assertThat(err(h.request(c.connId(), 5, OpCode.ADD_WATCH, new AddWatchRequest("/", 1)), c))
                .isEqualTo(ErrorCode.THROTTLEDOP.code());
        assertThat(err(h.request(c.connId(), 6, OpCode.GET_DATA, new GetDataRequest("/", false)), c))
                .as("a read without a watch").isZero();
        assertThat(h.core.tree().watchCount(c.connId())).isEqualTo(3);

        Client other = h.connect();
        assertThat(err(h.request(other.connId(), 7, OpCode.SET_WATCHES, new SetWatches(0, List.of("/x", "/y"),
                List.of("/z", "/w"), List.of())), other)).as("four watches in one setWatches")
                .isEqualTo(ErrorCode.THROTTLEDOP.code());
        assertThat(h.core.tree().watchCount(other.connId())).isZero();
    }

    private static int err(List<ServerOutput> out, Client c) {
        return onlyReply(out, c.connId()).header().err();
    }
}
