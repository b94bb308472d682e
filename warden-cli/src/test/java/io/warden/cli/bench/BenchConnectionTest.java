package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.WatcherEvent;

class BenchConnectionTest {
    private static final long WAIT_SECONDS = 10;

    private FakeZooKeeper server;
    private final List<BenchConnection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeZooKeeper();
    }

    @AfterEach
    void stop() throws Exception {
        for (BenchConnection connection : connections) {
            connection.close();
        }
        server.close();
    }

    private BenchConnection open(String name, NotificationListener listener) throws BenchException {
        BenchConnection connection = BenchConnection.open(name, server.address(), listener);
        connections.add(connection);
        return connection;
    }

    @Test
    void theHandshakeYieldsTheSession() throws Exception {
        BenchConnection connection = open("c", NotificationListener.IGNORE);

        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.sessionId()).isEqualTo(0x101L);
        assertThat(connection.negotiatedTimeoutMs()).isEqualTo(FakeZooKeeper.NEGOTIATED_TIMEOUT_MS);
        assertThat(connection.failure()).isNull();
    }

    @Test
    void requestsAndTheirRepliesCarryIncreasingXids() throws Exception {
        BenchConnection connection = open("c", NotificationListener.IGNORE);

        Reply created = connection.await(OpCode.CREATE,
                new CreateRequest("/n", new byte[] {1, 2}, Acl.OPEN_ACL_UNSAFE, 0));
        Reply again = connection.await(OpCode.CREATE,
                new CreateRequest("/n", new byte[] {1, 2}, Acl.OPEN_ACL_UNSAFE, 0));

        assertThat(created.ok()).isTrue();
        assertThat(created.xid()).isEqualTo(1);
        assertThat(CreateResponse.read(created.body()).path()).isEqualTo("/n");
        assertThat(again.xid()).isEqualTo(2);
        assertThat(again.err()).isEqualTo(ErrorCode.NODEEXISTS.code());
        assertThat(again.body().remaining()).isZero();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        BenchConnection connection = open("c", NotificationListener.IGNORE);
        connection.await(OpCode.CREATE, new CreateRequest("/n", new byte[] {7}, Acl.OPEN_ACL_UNSAFE, 0));

        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(connection.call(OpCode.GET_DATA, new PreEncodedBody(new GetDataRequest("/n", false))));
        }

        for (int i = 0; i < replies.size(); i++) {
            Reply reply = replies.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(reply.xid()).isEqualTo(i + 2);
            assertThat(reply.opCode()).isEqualTo(OpCode.GET_DATA);
            assertThat(reply.ok()).isTrue();
            assertThat(reply.receivedNanos()).isGreaterThanOrEqualTo(reply.sentNanos());
            assertThat(GetDataResponse.read(reply.body()).data()).containsExactly(7);
        }
    }

    @Test
    void notificationsGoToTheListener() throws Exception {
        CompletableFuture<WatcherEvent> event = new CompletableFuture<>();
        BenchConnection watcher = open("watcher", (received, nanos) -> event.complete(received));
        BenchConnection writer = open("writer", NotificationListener.IGNORE);
        writer.await(OpCode.CREATE, new CreateRequest("/w", new byte[0], Acl.OPEN_ACL_UNSAFE, 0));

        assertThat(watcher.await(OpCode.GET_DATA, new GetDataRequest("/w", true)).ok()).isTrue();
        assertThat(writer.await(OpCode.SET_DATA, new SetDataRequest("/w", new byte[] {1}, -1)).ok()).isTrue();

        assertThat(event.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isEqualTo(new WatcherEvent(FanoutWatcher.NODE_DATA_CHANGED, 3, "/w"));
        assertThat(watcher.await(OpCode.GET_DATA, new GetDataRequest("/w", false)).xid()).isEqualTo(2);
    }

    @Test
    void pingRepliesAreDroppedWithoutDisturbingTheOrder() throws Exception {
        BenchConnection connection = open("c", NotificationListener.IGNORE);
        connection.ping();
        connection.ping();

        Reply reply = connection.await(OpCode.GET_DATA, new GetDataRequest("/", false));

        assertThat(reply.xid()).isEqualTo(1);
        assertThat(reply.ok()).isTrue();
        assertThat(server.pings()).isEqualTo(2);
    }

    @Test
    void aLostConnectionFailsOutstandingRequestsWithConnectionLoss() throws Exception {
        BenchConnection connection = open("c", NotificationListener.IGNORE);
        CompletableFuture<Reply> stalled = connection.call(OpCode.GET_DATA,
                new GetDataRequest(FakeZooKeeper.STALL_PATH, false));

        server.dropConnections();

        Reply lost = stalled.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(lost.err()).isEqualTo(ErrorCode.CONNECTIONLOSS.code());
        assertThat(connection.isOpen()).as("closed before outstanding requests are failed").isFalse();
        assertThat(connection.failure()).isNotNull();
        assertThat(connection.send(OpCode.GET_DATA, new GetDataRequest("/", false), reply -> { })).isFalse();
        assertThat(connection.call(OpCode.GET_DATA, new GetDataRequest("/", false)).get().err())
                .isEqualTo(ErrorCode.CONNECTIONLOSS.code());
    }

    @Test
    void closingEndsTheSessionAndFailsWhatIsStillOutstanding() throws Exception {
        BenchConnection connection = open("c", NotificationListener.IGNORE);
        CompletableFuture<Reply> stalled = connection.call(OpCode.GET_DATA,
                new GetDataRequest(FakeZooKeeper.STALL_PATH, false));

        connection.close();

        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.failure()).isNull();
        assertThat(stalled.get(WAIT_SECONDS, TimeUnit.SECONDS).err()).isEqualTo(ErrorCode.CONNECTIONLOSS.code());
    }

    @Test
    void aRefusedSessionIsReported() {
        server.refuseSessions();

        assertThatThrownBy(() -> open("c", NotificationListener.IGNORE))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("refused the session");
    }

    @Test
    void aConnectionClosedDuringTheHandshakeIsReported() {
        server.closeOnConnect();

        assertThatThrownBy(() -> open("c", NotificationListener.IGNORE))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("maxClientCnxns");
    }
}
