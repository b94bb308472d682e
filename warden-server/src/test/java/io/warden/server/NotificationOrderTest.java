package io.warden.server;

import static io.warden.server.CoreHarness.notifications;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendNotification;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.OpCode;
import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.WatcherEvent;
import org.junit.jupiter.api.Test;

/** Notifications: their content, and that they leave before the reply of the write that fired them (§3.2, §3.3). */
class NotificationOrderTest {

    @Test
    void notificationPrecedesTheReplyOnTheSameConnection() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        h.request(c.connId(), 2, OpCode.GET_DATA, new GetDataRequest("/a", true));

        List<ServerOutput> mine = to(h.request(c.connId(), 3, OpCode.SET_DATA,
                new SetDataRequest("/a", new byte[] {1}, -1)), c.connId());

        assertThat(mine).hasSize(2);
        assertThat(mine.get(0)).isInstanceOf(SendNotification.class);
        assertThat(mine.get(1)).isInstanceOf(SendReply.class);
        SendNotification n = (SendNotification) mine.get(0);
        SendReply reply = (SendReply) mine.get(1);
        assertThat(n.event()).isEqualTo(new WatcherEvent(3, 3, "/a"));
        assertThat(n.zxid()).isEqualTo(reply.header().zxid());
        assertThat(reply.header().xid()).isEqualTo(3);
    }

    @Test
    void oneWriteCanNotifySeveralConnections() {
        CoreHarness h = new CoreHarness();
        Client writer = h.connect();
        Client a = h.connect();
        Client b = h.connect();
        h.create(writer.connId(), 1, "/p", 0);
        h.request(a.connId(), 1, OpCode.GET_CHILDREN, new GetChildrenRequest("/p", true));
        h.request(b.connId(), 1, OpCode.ADD_WATCH, new AddWatchRequest("/p", 1));

        List<ServerOutput> out = h.create(writer.connId(), 2, "/p/c", 0);

        long zxid = h.core.lastZxid();
        assertThat(notifications(out, a.connId())).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(new WatcherEvent(4, 3, "/p"));
            assertThat(n.zxid()).isEqualTo(zxid);
        });
        assertThat(notifications(out, b.connId())).singleElement()
                .satisfies(n -> assertThat(n.event()).isEqualTo(new WatcherEvent(1, 3, "/p/c")));
        assertThat(notifications(out, writer.connId())).isEmpty();
    }

    @Test
    void closedConnectionGetsNoNotifications() {
        CoreHarness h = new CoreHarness();
        Client writer = h.connect();
        Client watcher = h.connect();
        h.create(writer.connId(), 1, "/a", 0);
        h.request(watcher.connId(), 1, OpCode.GET_DATA, new GetDataRequest("/a", true));
        h.close(watcher.connId());
        assertThat(h.core.tree().watchCount()).isZero();
        assertThat(to(h.request(writer.connId(), 2, OpCode.SET_DATA, new SetDataRequest("/a", null, -1)),
                watcher.connId())).isEmpty();
    }
}
