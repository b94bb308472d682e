package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.common.RandomSource;
import io.warden.wire.ErrorCode;
import io.warden.wire.Frames;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.RequestHeader;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import io.warden.wire.Xids;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SetWatches2;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's protocol state machine on simulated time, with the test playing the server. */
class ClientSessionTest {
    private static final Stat STAT = new Stat(1, 2, 3, 4, 5, 6, 7, 0, 1, 0, 9);
    private static final int TIMEOUT_MS = SessionHarness.SESSION_TIMEOUT_MS;

    private final SessionHarness harness = new SessionHarness();
    private final List<Outcome> outcomes = new ArrayList<>();

    @Test
    void aNewSessionHandshakeAsksForSessionZeroAndReportsConnected() {
        int connection = harness.connect(0x42, TIMEOUT_MS);

        ConnectRequest request = harness.connectRequest(connection);
        assertThat(request.sessionId()).isZero();
        assertThat(request.passwd()).hasSize(16).containsOnly(0);
        assertThat(request.timeOut()).isEqualTo(TIMEOUT_MS);
        assertThat(request.lastZxidSeen()).isZero();
        assertThat(request.oldClient()).isFalse();
        assertThat(harness.output.states).containsExactly(new RecordingOutput.State(ConnectionState.CONNECTED, 0x42));
        assertThat(harness.session.sessionId()).isEqualTo(0x42);
    }

    @Test
    void requestsMadeBeforeTheHandshakeAreSentAfterItInOrder() {
        harness.session.start(harness.nowMs);
        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        harness.session.submit(harness.getData("/b", null, outcomes), harness.nowMs);
        int connection = harness.output.lastDial().connectionId();
        harness.session.connected(connection, harness.nowMs);
        assertThat(harness.requests(connection)).isEmpty();

        harness.handshakeReply(connection, 7, TIMEOUT_MS);

        List<RecordingOutput.Sent> requests = harness.requests(connection);
        assertThat(requests).extracting(sent -> sent.header().xid()).containsExactly(1, 2);
        assertThat(requests).extracting(sent -> sent.header().type()).containsOnly(OpCode.GET_DATA);
    }

    @Test
    void repliesCompleteCallsInOrderAndUpdateTheLastZxidSeen() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        harness.session.submit(harness.getData("/b", null, outcomes), harness.nowMs);

        harness.reply(connection, 1, 0x10, 0, new GetDataResponse("x".getBytes(StandardCharsets.UTF_8), STAT));
        harness.reply(connection, 2, 0x11, ErrorCode.NONODE.code(), null);

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).isOk()).isTrue();
        assertThat(((GetDataResponse) outcomes.get(0).value()).stat()).isEqualTo(STAT);
        assertThat(outcomes.get(1).code()).isEqualTo(ErrorCode.NONODE);
        assertThat(harness.session.lastZxidSeen()).isEqualTo(0x11);
    }

    @Test
    void aReplyOutOfOrderDropsTheConnectionAndFailsWhatWasSent() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        harness.session.submit(harness.getData("/b", null, outcomes), harness.nowMs);

        harness.reply(connection, 2, 0x10, 0, new GetDataResponse(null, STAT));

        assertThat(harness.output.hungUp).contains(connection);
        assertThat(outcomes).extracting(Outcome::code)
                .containsExactly(ErrorCode.CONNECTIONLOSS, ErrorCode.CONNECTIONLOSS);
        assertThat(harness.output.stateList()).containsExactly(ConnectionState.CONNECTED, ConnectionState.SUSPENDED);
    }

    @Test
    void anIdleConnectionIsPingedAndASilentOneIsDropped() {
        int connection = harness.connect(7, TIMEOUT_MS);
        long readTimeoutMs = TIMEOUT_MS * 2 / 3;

        harness.advance(readTimeoutMs / 2);
        assertThat(harness.requests(connection)).extracting(sent -> sent.header().xid()).containsExactly(Xids.PING);

        harness.reply(connection, Xids.PING, 0x5, 0, null);
        harness.advance(readTimeoutMs - 20);
        assertThat(harness.output.hungUp).doesNotContain(connection);
        harness.advance(40);
        assertThat(harness.output.hungUp).contains(connection);
        assertThat(harness.output.stateList()).endsWith(ConnectionState.SUSPENDED);
    }

    @Test
    void aReconnectResumesTheSessionOnTheNextServerAndReplaysAuthThenWatchesThenQueuedCalls() {
        int first = harness.connect(7, TIMEOUT_MS);
        Watcher watcher = event -> { };
        harness.session.submit(harness.getData("/w", watcher, outcomes), harness.nowMs);
        harness.reply(first, 1, 0x20, 0, new GetDataResponse(null, STAT));
        harness.session.addAuth(new AuthPacket(0, "digest", "u:p".getBytes(StandardCharsets.UTF_8)),
                new Call(OpCode.AUTH, null, null, ReplyReader.NONE, null, null, outcomes::add), harness.nowMs);
        harness.reply(first, Xids.AUTH, 0, 0, null);

        harness.session.disconnected(first, harness.nowMs);
        harness.session.submit(harness.getData("/queued", null, outcomes), harness.nowMs);
        harness.awaitRedial();
        RecordingOutput.Dial second = harness.output.lastDial();
        assertThat(second.server()).isNotEqualTo(harness.output.dials.get(0).server());
        harness.session.connected(second.connectionId(), harness.nowMs);

        ConnectRequest request = harness.connectRequest(second.connectionId());
        assertThat(request.sessionId()).isEqualTo(7);
        assertThat(request.passwd()).containsOnly(7);
        assertThat(request.lastZxidSeen()).isEqualTo(0x20);

        harness.handshakeReply(second.connectionId(), 7, TIMEOUT_MS);

        assertThat(harness.opCodes(second.connectionId()))
                .containsExactly(OpCode.AUTH, OpCode.SET_WATCHES, OpCode.GET_DATA);
        SetWatches setWatches = read(harness.requests(second.connectionId()).get(1), SetWatches::read);
        assertThat(setWatches.relativeZxid()).isEqualTo(0x20);
        assertThat(setWatches.dataWatches()).containsExactly("/w");
        assertThat(harness.output.stateList())
                .containsExactly(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.RECONNECTED);
    }

    @Test
    void anExpiredSessionFailsWhatWaitedAndANewSessionGetsTheWatchesBack() {
        int first = harness.connect(7, TIMEOUT_MS);
        Watcher watcher = event -> { };
        harness.session.submit(new Call(OpCode.ADD_WATCH, null, "/p", ReplyReader.NONE,
                new WatchRegistration(WatchRegistration.Request.PERSISTENT_RECURSIVE, "/p", watcher), null,
                outcomes::add), harness.nowMs);
        harness.reply(first, 1, 0x30, 0, null);
        harness.session.disconnected(first, harness.nowMs);
        harness.session.submit(harness.getData("/queued", null, outcomes), harness.nowMs);

        int second = harness.awaitRedial();
        harness.session.connected(second, harness.nowMs);
        harness.handshakeReply(second, 0, 0);

        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.OK, ErrorCode.SESSIONEXPIRED);
        assertThat(harness.output.stateList())
                .containsExactly(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.EXPIRED);

        harness.session.tick(harness.nowMs);
        int third = harness.output.lastDial().connectionId();
        harness.session.connected(third, harness.nowMs);
        assertThat(harness.connectRequest(third).sessionId()).isZero();
        harness.handshakeReply(third, 9, TIMEOUT_MS);

        assertThat(harness.output.states).last().isEqualTo(new RecordingOutput.State(ConnectionState.CONNECTED, 9));
        SetWatches2 setWatches = read(harness.requests(third).get(0), SetWatches2::read);
        assertThat(setWatches.persistentRecursiveWatches()).containsExactly("/p");
        assertThat(setWatches.relativeZxid()).isEqualTo(0x30);
    }

    @Test
    void beingCutOffForTheSessionTimeoutLosesTheSession() {
        int first = harness.connect(7, TIMEOUT_MS);
        harness.session.disconnected(first, harness.nowMs);
        harness.session.submit(harness.getData("/queued", null, outcomes), harness.nowMs);

        for (int i = 0; i < 20 && !harness.output.stateList().contains(ConnectionState.LOST); i++) {
            harness.session.tick(harness.nowMs);
            harness.session.disconnected(harness.output.lastDial().connectionId(), harness.nowMs);
            harness.advance(500);
        }

        assertThat(harness.output.stateList())
                .containsExactly(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.LOST);
        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.SESSIONEXPIRED);

        harness.advance(2_000);
        RecordingOutput.Dial next = harness.output.lastDial();
        harness.session.connected(next.connectionId(), harness.nowMs);
        assertThat(harness.connectRequest(next.connectionId()).sessionId()).isZero();
    }

    @Test
    void aFullRoundOfFailedServersWaitsBeforeTheNextRound() {
        harness.session.start(harness.nowMs);
        for (int i = 0; i < 3; i++) {
            harness.session.disconnected(harness.output.lastDial().connectionId(), harness.nowMs);
            harness.session.tick(harness.nowMs);
        }
        assertThat(harness.output.dials).hasSize(3);
        assertThat(harness.output.dials).extracting(RecordingOutput.Dial::server).doesNotHaveDuplicates();
        assertThat(harness.session.nextDeadlineMs()).isGreaterThanOrEqualTo(harness.nowMs + 500);

        harness.advance(1_000);
        assertThat(harness.output.dials).hasSize(4);
        assertThat(harness.output.dials.get(3).timeoutMs()).isEqualTo(TIMEOUT_MS / 3);
    }

    @Test
    void oneShotWatchesFireOnceAndPersistentRecursiveOnesCoverDescendants() {
        int connection = harness.connect(7, TIMEOUT_MS);
        List<WatchEvent> dataEvents = new ArrayList<>();
        List<WatchEvent> recursiveEvents = new ArrayList<>();
        Watcher data = dataEvents::add;
        Watcher recursive = recursiveEvents::add;
        harness.session.submit(harness.getData("/a/b", data, outcomes), harness.nowMs);
        harness.reply(connection, 1, 0x40, 0, new GetDataResponse(null, STAT));
        harness.session.submit(new Call(OpCode.ADD_WATCH, null, "/a", ReplyReader.NONE,
                new WatchRegistration(WatchRegistration.Request.PERSISTENT_RECURSIVE, "/a", recursive), null,
                outcomes::add), harness.nowMs);
        harness.reply(connection, 2, 0x40, 0, null);

        harness.notify(connection, EventType.NODE_DATA_CHANGED, "/a/b", 0x41);
        harness.notify(connection, EventType.NODE_DATA_CHANGED, "/a/b", 0x42);
        harness.notify(connection, EventType.NODE_CHILDREN_CHANGED, "/a", 0x43);

        assertThat(dataEvents).containsExactly(new WatchEvent(EventType.NODE_DATA_CHANGED, "/a/b", 0x41));
        assertThat(recursiveEvents).containsExactly(new WatchEvent(EventType.NODE_DATA_CHANGED, "/a/b", 0x41),
                new WatchEvent(EventType.NODE_DATA_CHANGED, "/a/b", 0x42));
    }

    @Test
    void existsOnAMissingNodeLeavesAWatchThatFiresOnCreation() {
        int connection = harness.connect(7, TIMEOUT_MS);
        List<WatchEvent> events = new ArrayList<>();
        harness.session.submit(new Call(OpCode.EXISTS, null, "/n", ReplyReader.NONE,
                new WatchRegistration(WatchRegistration.Request.EXISTS, "/n", events::add), null, outcomes::add),
                harness.nowMs);
        harness.reply(connection, 1, 0x50, ErrorCode.NONODE.code(), null);
        assertThat(harness.session.watchCount(ClientWatches.Kind.EXIST)).isEqualTo(1);

        harness.notify(connection, EventType.NODE_CREATED, "/n", 0x51);

        assertThat(events).containsExactly(new WatchEvent(EventType.NODE_CREATED, "/n", 0x51));
        assertThat(harness.session.watchCount(ClientWatches.Kind.EXIST)).isZero();
    }

    @Test
    void aFailedGetDataLeavesNoWatch() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(harness.getData("/missing", event -> { }, outcomes), harness.nowMs);
        harness.reply(connection, 1, 0x50, ErrorCode.NONODE.code(), null);

        assertThat(harness.session.watchCount(ClientWatches.Kind.DATA)).isZero();
    }

    @Test
    void notificationPathsLoseTheChroot() {
        SessionHarness chrooted = new SessionHarness(SessionHarness.defaultSettings(), Chroot.of("/app"), 1, 1);
        int connection = chrooted.connect(7, TIMEOUT_MS);
        List<WatchEvent> events = new ArrayList<>();
        chrooted.session.submit(chrooted.getData("/app/x", events::add, outcomes), chrooted.nowMs);
        chrooted.reply(connection, 1, 0x60, 0, new GetDataResponse(null, STAT));

        chrooted.notify(connection, EventType.NODE_DELETED, "/app/x", 0x61);

        assertThat(events).containsExactly(new WatchEvent(EventType.NODE_DELETED, "/x", 0x61));
    }

    @Test
    void aRefusedAuthenticationEndsTheClient() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        harness.session.addAuth(new AuthPacket(0, "digest", "bad".getBytes(StandardCharsets.UTF_8)),
                new Call(OpCode.AUTH, null, null, ReplyReader.NONE, null, null, outcomes::add), harness.nowMs);

        harness.reply(connection, Xids.AUTH, 0, ErrorCode.AUTHFAILED.code(), null);
        harness.session.submit(harness.getData("/b", null, outcomes), harness.nowMs);

        assertThat(outcomes).extracting(Outcome::code)
                .containsExactly(ErrorCode.AUTHFAILED, ErrorCode.AUTHFAILED, ErrorCode.AUTHFAILED);
        assertThat(harness.output.stateList()).containsExactly(ConnectionState.CONNECTED, ConnectionState.AUTH_FAILED);
        int dials = harness.output.dials.size();
        harness.advance(10_000);
        assertThat(harness.output.dials).hasSize(dials);
    }

    @Test
    void closeSendsCloseSessionAfterWhatWasSentAndEndsWhenAnswered() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        List<Outcome> closed = new ArrayList<>();
        harness.session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null, closed::add),
                harness.nowMs);
        harness.session.submit(harness.getData("/after", null, outcomes), harness.nowMs);

        assertThat(harness.opCodes(connection)).containsExactly(OpCode.GET_DATA, OpCode.CLOSE_SESSION);
        harness.reply(connection, 1, 0x70, 0, new GetDataResponse(null, STAT));
        harness.reply(connection, 2, 0x71, 0, null);

        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.SESSIONEXPIRED, ErrorCode.OK);
        assertThat(closed).extracting(Outcome::code).containsExactly(ErrorCode.OK);
        assertThat(harness.output.stateList()).endsWith(ConnectionState.CLOSED);
        assertThat(harness.output.hungUp).contains(connection);
    }

    @Test
    void closeWithoutAnswerEndsAfterTheCloseTimeout() {
        harness.connect(7, TIMEOUT_MS);
        List<Outcome> closed = new ArrayList<>();
        harness.session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null, closed::add),
                harness.nowMs);
        harness.advance(1_990);
        assertThat(closed).isEmpty();
        harness.advance(20);
        assertThat(closed).hasSize(1);
        assertThat(harness.output.stateList()).endsWith(ConnectionState.CLOSED);
    }

    @Test
    void pendingRequestsBeyondTheBoundAreThrottled() {
        SessionHarness small = new SessionHarness(new SessionSettings(TIMEOUT_MS, 15_000, 0, 1_000, 2_000, 2, SessionHarness.MAX_FRAME_BYTES),
                Chroot.NONE, 1, 1);
        small.session.start(small.nowMs);
        for (int i = 0; i < 3; i++) {
            small.session.submit(small.getData("/a", null, outcomes), small.nowMs);
        }
        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.THROTTLEDOP);
        assertThat(small.session.pendingRequests()).isEqualTo(2);
    }

    @Test
    void aRequestWaitingForAConnectionFailsAfterTheConnectionTimeout() {
        harness.session.start(harness.nowMs);
        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        for (int i = 0; i < 40 && outcomes.isEmpty(); i++) {
            harness.session.tick(harness.nowMs);
            harness.session.disconnected(harness.output.lastDial().connectionId(), harness.nowMs);
            harness.advance(500);
        }
        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.CONNECTIONLOSS);
        assertThat(harness.nowMs - 1_000).isBetween(15_000L, 15_500L);
    }

    @Test
    void aRequestWithoutReplyTimesOutAndTheConnectionIsDropped() {
        SessionHarness timed = new SessionHarness(new SessionSettings(TIMEOUT_MS, 15_000, 500, 1_000, 2_000, 100,
                SessionHarness.MAX_FRAME_BYTES), Chroot.NONE, 1, 1);
        int connection = timed.connect(7, TIMEOUT_MS);
        timed.session.submit(timed.getData("/a", null, outcomes), timed.nowMs);
        timed.session.submit(timed.getData("/b", null, outcomes), timed.nowMs);
        timed.reply(connection, Xids.PING, 0, 0, null);

        timed.advance(510);

        assertThat(outcomes).extracting(Outcome::code)
                .containsExactly(ErrorCode.REQUESTTIMEOUT, ErrorCode.CONNECTIONLOSS);
        assertThat(timed.output.hungUp).contains(connection);
    }

    @Test
    void xidsWrapFromTheLargestIntToOne() throws Exception {
        int connection = harness.connect(7, TIMEOUT_MS);
        Field lastXid = ClientSession.class.getDeclaredField("lastXid");
        lastXid.setAccessible(true);
        lastXid.setInt(harness.session, Integer.MAX_VALUE - 1);

        harness.session.submit(harness.getData("/a", null, outcomes), harness.nowMs);
        harness.session.submit(harness.getData("/b", null, outcomes), harness.nowMs);

        assertThat(harness.requests(connection)).extracting(sent -> sent.header().xid())
                .containsExactly(Integer.MAX_VALUE, 1);
    }

    @Test
    void removingAWatchNobodyHoldsIsNoWatcherWithoutAskingTheServer() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(new Call(OpCode.CHECK_WATCHES, null, "/a", ReplyReader.NONE, null,
                new WatchRemoval("/a", event -> { }, WatcherType.DATA, false), outcomes::add), harness.nowMs);

        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.NOWATCHER);
        assertThat(harness.requests(connection)).isEmpty();
    }

    @Test
    void aRemovedWatchIsToldAndFiresNoMore() {
        int connection = harness.connect(7, TIMEOUT_MS);
        List<WatchEvent> events = new ArrayList<>();
        Watcher watcher = events::add;
        harness.session.submit(harness.getData("/a", watcher, outcomes), harness.nowMs);
        harness.reply(connection, 1, 0x80, 0, new GetDataResponse(null, STAT));
        harness.session.submit(new Call(OpCode.CHECK_WATCHES, null, "/a", ReplyReader.NONE, null,
                new WatchRemoval("/a", watcher, WatcherType.DATA, false), outcomes::add), harness.nowMs);
        harness.reply(connection, 2, 0x80, 0, null);

        harness.notify(connection, EventType.NODE_DATA_CHANGED, "/a", 0x81);

        assertThat(events).containsExactly(new WatchEvent(EventType.DATA_WATCH_REMOVED, "/a", -1));
    }

    @Test
    void closingWhileDisconnectedReachesAServerToEndTheSession() {
        int first = harness.connect(7, TIMEOUT_MS);
        harness.session.disconnected(first, harness.nowMs);
        harness.session.submit(harness.getData("/queued", null, outcomes), harness.nowMs);
        List<Outcome> closed = new ArrayList<>();
        harness.session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null, closed::add),
                harness.nowMs);
        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.SESSIONEXPIRED);

        int second = harness.awaitRedial();
        harness.session.connected(second, harness.nowMs);
        assertThat(harness.connectRequest(second).sessionId()).isEqualTo(7);
        harness.handshakeReply(second, 7, TIMEOUT_MS);

        assertThat(harness.opCodes(second)).containsExactly(OpCode.CLOSE_SESSION);
        harness.reply(second, harness.requests(second).get(0).header().xid(), 0x80, 0, null);
        assertThat(closed).hasSize(1);
        assertThat(harness.output.stateList()).containsExactly(ConnectionState.CONNECTED, ConnectionState.SUSPENDED,
                ConnectionState.CLOSED);
    }

    @Test
    void closingWhileNoServerAnswersEndsAtTheCloseTimeout() {
        int first = harness.connect(7, TIMEOUT_MS);
        harness.session.disconnected(first, harness.nowMs);
        List<Outcome> closed = new ArrayList<>();
        harness.session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null, closed::add),
                harness.nowMs);

        harness.advance(1_990);
        assertThat(closed).isEmpty();
        harness.advance(20);

        assertThat(closed).hasSize(1);
        assertThat(harness.output.stateList()).endsWith(ConnectionState.CLOSED);
    }

    @Test
    void closedIsReportedBeforeCloseCompletes() {
        int connection = harness.connect(7, TIMEOUT_MS);
        List<Outcome> closed = new ArrayList<>();
        Call close = new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null, closed::add);
        harness.session.close(close, harness.nowMs);
        harness.reply(connection, 1, 0x90, 0, null);

        Object last = harness.output.sequence.get(harness.output.sequence.size() - 1);
        Object beforeLast = harness.output.sequence.get(harness.output.sequence.size() - 2);
        assertThat(beforeLast).isEqualTo(new RecordingOutput.State(ConnectionState.CLOSED, 7));
        assertThat(last).isInstanceOfSatisfying(RecordingOutput.Completion.class,
                completion -> assertThat(completion.call()).isSameAs(close));
    }

    @Test
    void aRefusedAuthenticationWhileClosingStillCompletesTheClose() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.addAuth(new AuthPacket(0, "bad", new byte[0]),
                new Call(OpCode.AUTH, null, null, ReplyReader.NONE, null, null, outcomes::add), harness.nowMs);
        List<Outcome> closed = new ArrayList<>();
        harness.session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null, closed::add),
                harness.nowMs);

        harness.reply(connection, Xids.AUTH, 0, ErrorCode.AUTHFAILED.code(), null);

        assertThat(closed).hasSize(1);
        assertThat(harness.session.nextDeadlineMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aReplyTooLongFailsItsRequestAndKeepsTheConnection() {
        int connection = harness.connect(7, TIMEOUT_MS);
        harness.session.submit(harness.getData("/big", null, outcomes), harness.nowMs);
        harness.session.submit(harness.getData("/small", null, outcomes), harness.nowMs);

        harness.session.frameTooLong(connection, harness.nowMs);
        harness.reply(connection, 2, 0x91, 0, new GetDataResponse(null, STAT));

        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.MARSHALLINGERROR, ErrorCode.OK);
        assertThat(harness.output.hungUp).doesNotContain(connection);
    }

    @Test
    void aLocalRemovalDropsTheWatchWhateverTheServerSays() {
        int connection = harness.connect(7, TIMEOUT_MS);
        List<WatchEvent> events = new ArrayList<>();
        Watcher watcher = events::add;
        harness.session.submit(harness.getData("/a", watcher, outcomes), harness.nowMs);
        harness.reply(connection, 1, 0x92, 0, new GetDataResponse(null, STAT));
        harness.session.submit(new Call(OpCode.CHECK_WATCHES, null, "/a", ReplyReader.NONE, null,
                new WatchRemoval("/a", watcher, WatcherType.DATA, true), outcomes::add), harness.nowMs);

        harness.reply(connection, 2, 0x92, ErrorCode.NOWATCHER.code(), null);

        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.OK, ErrorCode.OK);
        assertThat(harness.session.watchCount(ClientWatches.Kind.DATA)).isZero();
        assertThat(events).extracting(WatchEvent::type).containsExactly(EventType.DATA_WATCH_REMOVED);
    }

    @Test
    void anAuthenticationWaitingForAConnectionGivesUpButTheCredentialStays() {
        harness.session.start(harness.nowMs);
        harness.session.addAuth(new AuthPacket(0, "digest", "u:p".getBytes(StandardCharsets.UTF_8)),
                new Call(OpCode.AUTH, null, null, ReplyReader.NONE, null, null, outcomes::add), harness.nowMs);
        for (int i = 0; i < 40 && outcomes.isEmpty(); i++) {
            harness.session.disconnected(harness.output.lastDial().connectionId(), harness.nowMs);
            harness.advance(500);
        }
        assertThat(outcomes).extracting(Outcome::code).containsExactly(ErrorCode.CONNECTIONLOSS);

        int connection = harness.awaitRedial();
        harness.session.connected(connection, harness.nowMs);
        harness.handshakeReply(connection, 7, TIMEOUT_MS);
        assertThat(harness.opCodes(connection)).containsExactly(OpCode.AUTH);
    }

    @Test
    void setWatchesBatchesFitTheFrameLimit() {
        ClientWatches watches = new ClientWatches();
        for (int i = 0; i < 100; i++) {
            watches.add(ClientWatches.Kind.DATA, "/" + "y".repeat(100) + i, event -> { });
        }

        List<WatchReRegistration.Batch> batches = WatchReRegistration.batches(watches, 5, 2_048);

        assertThat(batches).hasSizeGreaterThan(5);
        for (WatchReRegistration.Batch batch : batches) {
            assertThat(Frames.requestSize(new RequestHeader(1, batch.opCode()), batch.body()) - 4).isLessThan(2_048);
        }
    }

    @Test
    void setWatchesAreSplitIntoBatchesOfBoundedPathText() {
        ClientWatches watches = new ClientWatches();
        String longName = "/" + "x".repeat(1_000);
        for (int i = 0; i < 300; i++) {
            watches.add(ClientWatches.Kind.CHILD, longName + i, event -> { });
        }

        List<WatchReRegistration.Batch> batches = WatchReRegistration.batches(watches, 5, SessionHarness.MAX_FRAME_BYTES);

        assertThat(batches).hasSizeGreaterThan(2);
        int total = 0;
        for (WatchReRegistration.Batch batch : batches) {
            SetWatches body = (SetWatches) batch.body();
            int chars = body.childWatches().stream().mapToInt(String::length).sum();
            assertThat(chars).isLessThanOrEqualTo(WatchReRegistration.BATCH_PATH_CHARS_MAX);
            total += body.childWatches().size();
        }
        assertThat(total).isEqualTo(300);
    }

    @Test
    void hostsAreShuffledBySeedAndAllTried() {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            servers.add(InetSocketAddress.createUnresolved("h" + i, 2181));
        }
        HostRotation first = new HostRotation(servers, RandomSource.seeded(3));
        HostRotation again = new HostRotation(servers, RandomSource.seeded(3));
        List<InetSocketAddress> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InetSocketAddress next = first.next();
            assertThat(again.next()).isEqualTo(next);
            order.add(next);
        }
        assertThat(order).containsExactlyInAnyOrderElementsOf(servers);
        assertThat(first.next()).isEqualTo(order.get(0));
        boolean shuffled = false;
        for (long seed = 0; seed < 10 && !shuffled; seed++) {
            HostRotation rotation = new HostRotation(servers, RandomSource.seeded(seed));
            shuffled = !rotation.next().equals(servers.get(0)) || !rotation.next().equals(servers.get(1));
        }
        assertThat(shuffled).as("some seed changes the order").isTrue();
    }

    private interface Reader<T> {
        T read(JuteInput in) throws WireFormatException;
    }

    private static <T> T read(RecordingOutput.Sent sent, Reader<T> reader) {
        try {
            JuteInput in = sent.body();
            RequestHeader.read(in);
            return reader.read(in);
        } catch (WireFormatException e) {
            throw new AssertionError(e);
        }
    }
}
