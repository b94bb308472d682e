package io.warden.server;

import static io.warden.server.CoreHarness.notifications;
import static io.warden.server.CoreHarness.onlyReply;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendNotification;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.ReplyHeader;
import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.CheckWatchesRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.ErrorResponse;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.GetEphemeralsRequest;
import io.warden.wire.proto.GetEphemeralsResponse;
import io.warden.wire.proto.RemoveWatchesRequest;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SyncRequest;
import io.warden.wire.proto.SyncResponse;
import io.warden.wire.proto.WatcherEvent;
import org.junit.jupiter.api.Test;

/** Replies to reads and watch requests through the core (§4.3). */
class ReadRepliesTest {

    @Test
    void existsOnAMissingNodeIsNoNodeHeaderOnlyAndStillWatches() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        SendReply reply = onlyReply(h.request(c.connId(), 1, OpCode.EXISTS, new ExistsRequest("/a", true)),
                c.connId());
        assertThat(reply.header().err()).isEqualTo(ErrorCode.NONODE.code());
        assertThat(reply.body()).isNull();
        Client other = h.connect();
        List<ServerOutput> out = h.create(other.connId(), 1, "/a", 0);
        assertThat(notifications(out, c.connId())).extracting(SendNotification::event)
                .containsExactly(new WatcherEvent(1, 3, "/a"));
    }

    @Test
    void nullDataIsReturnedAsNull() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.request(c.connId(), 1, OpCode.CREATE, new CreateRequest("/n", null, Acl.OPEN_ACL_UNSAFE, 0));
        GetDataResponse data = (GetDataResponse) onlyReply(h.request(c.connId(), 2, OpCode.GET_DATA,
                new GetDataRequest("/n", false)), c.connId()).body();
        assertThat(data.data()).isNull();
        assertThat(data.stat().dataLength()).isZero();
    }

    @Test
    void addWatchRepliesWithAnErrorResponseOfZero() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        SendReply reply = onlyReply(h.request(c.connId(), 1, OpCode.ADD_WATCH, new AddWatchRequest("/none", 0)),
                c.connId());
        assertThat(reply.header().err()).isZero();
        assertThat(reply.body()).isEqualTo(new ErrorResponse(0));
    }

    @Test
    void checkAndRemoveWatchesAreVoidOrNoWatcher() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        assertThat(onlyReply(h.request(c.connId(), 1, OpCode.CHECK_WATCHES, new CheckWatchesRequest("/", 3)),
                c.connId()).header().err()).isEqualTo(ErrorCode.NOWATCHER.code());
        h.request(c.connId(), 2, OpCode.EXISTS, new ExistsRequest("/", true));
        SendReply check = onlyReply(h.request(c.connId(), 3, OpCode.CHECK_WATCHES, new CheckWatchesRequest("/", 2)),
                c.connId());
        assertThat(check.header().err()).isZero();
        assertThat(check.body()).isNull();
        assertThat(onlyReply(h.request(c.connId(), 4, OpCode.REMOVE_WATCHES, new RemoveWatchesRequest("/", 3)),
                c.connId()).header().err()).isZero();
        assertThat(onlyReply(h.request(c.connId(), 5, OpCode.REMOVE_WATCHES, new RemoveWatchesRequest("/", 3)),
                c.connId()).header().err()).isEqualTo(ErrorCode.NOWATCHER.code());
    }

    @Test
    void setWatchesSendsImmediateEventsWithZxidMinusOneBeforeTheReply() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        List<ServerOutput> mine = to(h.request(c.connId(), -8, OpCode.SET_WATCHES,
                new SetWatches(0, List.of("/a", "/gone"), List.of(), List.of())), c.connId());
        assertThat(mine).hasSize(3);
        assertThat(mine.subList(0, 2)).containsExactlyInAnyOrder(
                new SendNotification(c.connId(), -1, new WatcherEvent(3, 3, "/a")),
                new SendNotification(c.connId(), -1, new WatcherEvent(2, 3, "/gone")));
        assertThat(mine.get(2)).isEqualTo(new SendReply(c.connId(), new ReplyHeader(-8, h.core.lastZxid(), 0), null));
    }

    @Test
    void syncEchoesThePath() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        assertThat(onlyReply(h.request(c.connId(), 1, OpCode.SYNC, new SyncRequest("/x/y")), c.connId()).body())
                .isEqualTo(new SyncResponse("/x/y"));
    }

    @Test
    void getEphemeralsListsOnlyThisSessionsNodes() {
        CoreHarness h = new CoreHarness();
        Client a = h.connect();
        Client b = h.connect();
        h.create(a.connId(), 1, "/ea", 1);
        h.create(b.connId(), 1, "/eb", 1);
        assertThat(onlyReply(h.request(a.connId(), 2, OpCode.GET_EPHEMERALS, new GetEphemeralsRequest("/")),
                a.connId()).body()).isEqualTo(new GetEphemeralsResponse(List.of("/ea")));
    }
}
