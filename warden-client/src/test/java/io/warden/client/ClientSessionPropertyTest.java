package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.RequestHeader;
import io.warden.wire.Stat;
import io.warden.wire.Xids;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.GetDataResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The session against a randomly misbehaving world, seed by seed: requests arrive at any time, the
 * server answers late or never, connections drop, attempts fail, sessions expire, time jumps. After
 * every step, and at the end after close(), the invariants must hold: every request completes
 * exactly once, only after it was answered or given up, with the answer it was given; frames go only
 * to the current connection; xids on a connection increase. A failure names its seed; replay one
 * with {@code -Dclient.seed=<seed>}.
 */
class ClientSessionPropertyTest {
    private static final int SEEDS = 300;
    private static final int STEPS = 400;
    private static final Stat STAT = new Stat(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1);

    @Test
    void invariantsHoldForEverySeed() {
        String only = System.getProperty("client.seed");
        if (only != null) {
            run(Long.parseLong(only));
            return;
        }
        Map<Object, Integer> reached = new HashMap<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            World world = run(seed);
            world.outcomes.values().forEach(outcome -> reached.merge(outcome.code(), 1, Integer::sum));
            world.harness.output.stateList().forEach(state -> reached.merge(state, 1, Integer::sum));
            reached.merge("watch events", world.watchEvents.size(), Integer::sum);
        }
        assertThat(reached).as("what the runs reached").containsKeys(ErrorCode.OK, ErrorCode.NONODE,
                ErrorCode.CONNECTIONLOSS, ErrorCode.SESSIONEXPIRED, ConnectionState.CONNECTED,
                ConnectionState.SUSPENDED, ConnectionState.RECONNECTED, ConnectionState.EXPIRED,
                ConnectionState.LOST, ConnectionState.CLOSED, ConnectionState.AUTH_FAILED, "watch events");
    }

    private World run(long seed) {
        World world = new World(seed);
        try {
            for (int step = 0; step < STEPS; step++) {
                world.step();
                world.checkInvariants();
            }
            world.closeAndDrain();
            world.checkInvariants();
            assertThat(world.open).as("requests never completed").isEmpty();
            return world;
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (replay with -Dclient.seed=" + seed + "): " + e.getMessage(),
                    e);
        }
    }

    /** The session, a fake server and the bookkeeping the invariants need. */
    private static final class World {
        final SplittableRandom random;
        final SessionHarness harness;
        final Map<Call, Outcome> outcomes = new IdentityHashMap<>();
        final List<Call> open = new ArrayList<>();
        final List<WatchEvent> watchEvents = new ArrayList<>();
        /** One watcher for every registration: a notification reaches it at most once. */
        final Watcher watcher = watchEvents::add;
        int notificationsSent;
        /** Per connection: requests sent and not yet answered by the fake server, in order. */
        final Map<Integer, ArrayDeque<RequestHeader>> unanswered = new HashMap<>();
        final Map<Integer, Integer> lastXid = new HashMap<>();
        final Map<Integer, Boolean> handshaken = new HashMap<>();
        /** The xids the fake server answered, with the code it answered. */
        final Map<Integer, ErrorCode> answered = new HashMap<>();
        int framesSeen;
        long sessionId = 0x100;
        boolean closing;
        List<Outcome> closeOutcome = new ArrayList<>();

        World(long seed) {
            random = new SplittableRandom(seed);
            SessionSettings settings = new SessionSettings(6_000, 3_000, random.nextBoolean() ? 0 : 1_500, 500,
                    1_000, 50, SessionHarness.MAX_FRAME_BYTES);
            harness = new SessionHarness(settings, Chroot.NONE, 1 + random.nextInt(3), seed);
            harness.session.start(harness.nowMs);
        }

        void step() {
            int action = random.nextInt(100);
            ClientSession session = harness.session;
            long now = harness.nowMs;
            int connection = currentConnection();
            if (action < 25) {
                WatchRegistration registration = random.nextInt(4) == 0
                        ? new WatchRegistration(WatchRegistration.Request.GET_DATA, "/x", watcher) : null;
                Call call = new Call(OpCode.GET_DATA, null, "/x", GetDataResponse::read, registration, null,
                        outcome -> { });
                open.add(call);
                session.submit(call, now);
            } else if (action < 27) {
                Call call = new Call(OpCode.AUTH, null, null, ReplyReader.NONE, null, null, outcome -> { });
                open.add(call);
                session.addAuth(new AuthPacket(0, "digest", new byte[] {(byte) random.nextInt(3)}), call, now);
            } else if (action < 50 && connection != 0 && handshaken.getOrDefault(connection, false)) {
                answerOne(connection);
            } else if (action < 60 && connection != 0 && !handshaken.getOrDefault(connection, true)) {
                handshake(connection);
            } else if (action < 65 && connection != 0 && handshaken.getOrDefault(connection, false)) {
                notificationsSent++;
                harness.notify(connection, EventType.NODE_DATA_CHANGED, "/x", 5);
            } else if (action < 72 && connection != 0) {
                session.disconnected(connection, now);
            } else if (action < 78) {
                RecordingOutput.Dial dial = lastDial();
                if (dial != null && !handshaken.containsKey(dial.connectionId())) {
                    if (random.nextBoolean()) {
                        session.connected(dial.connectionId(), now);
                    } else {
                        session.disconnected(dial.connectionId(), now);
                    }
                }
            } else if (action < 80 && !closing && random.nextInt(10) == 0) {
                closing = true;
                session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null,
                        closeOutcome::add), now);
            } else if (random.nextBoolean() && session.nextDeadlineMs() != Long.MAX_VALUE) {
                // As the driver does: wake exactly at the session's next deadline.
                harness.nowMs = Math.max(harness.nowMs, session.nextDeadlineMs());
                session.tick(harness.nowMs);
            } else {
                harness.nowMs += random.nextInt(random.nextInt(10) == 0 ? 5_000 : 300);
                session.tick(harness.nowMs);
            }
            absorbFrames();
        }

        /** How many effects the session has had so far. */
        int effects() {
            RecordingOutput output = harness.output;
            return output.dials.size() + output.sent.size() + output.hungUp.size() + output.completions.size()
                    + output.events.size() + output.states.size();
        }

        int currentConnection() {
            RecordingOutput.Dial dial = lastDial();
            if (dial == null || harness.output.hungUp.contains(dial.connectionId())) {
                return 0;
            }
            return dial.connectionId();
        }

        RecordingOutput.Dial lastDial() {
            return harness.output.dials.isEmpty() ? null : harness.output.lastDial();
        }

        void handshake(int connection) {
            handshaken.put(connection, true);
            if (random.nextInt(8) == 0) {
                harness.handshakeReply(connection, 0, 0);
                sessionId++;
            } else {
                harness.handshakeReply(connection, sessionId, 6_000);
            }
        }

        void answerOne(int connection) {
            ArrayDeque<RequestHeader> queue = unanswered.get(connection);
            if (queue == null || queue.isEmpty()) {
                return;
            }
            RequestHeader request = queue.poll();
            if (request.xid() == Xids.PING) {
                harness.reply(connection, Xids.PING, 1, 0, null);
            } else if (request.xid() == Xids.AUTH) {
                harness.reply(connection, Xids.AUTH, 0, random.nextInt(30) == 0 ? ErrorCode.AUTHFAILED.code() : 0, null);
            } else if (request.type() == OpCode.CLOSE_SESSION) {
                harness.reply(connection, request.xid(), 1, 0, null);
            } else if (random.nextInt(5) == 0) {
                answered.put(request.xid(), ErrorCode.NONODE);
                harness.reply(connection, request.xid(), 2, ErrorCode.NONODE.code(), null);
            } else {
                answered.put(request.xid(), ErrorCode.OK);
                harness.reply(connection, request.xid(), 2, 0, new GetDataResponse(null, STAT));
            }
        }

        /** Reads the frames the session sent since the last step into the fake server's queues. */
        void absorbFrames() {
            List<RecordingOutput.Sent> sent = harness.output.sent;
            for (; framesSeen < sent.size(); framesSeen++) {
                RecordingOutput.Sent frame = sent.get(framesSeen);
                int connection = frame.connectionId();
                assertThat(harness.output.hungUp).as("a frame on a connection already hung up").doesNotContain(connection);
                if (!handshaken.containsKey(connection)) {
                    handshaken.put(connection, false);
                    continue;
                }
                RequestHeader header = frame.header();
                if (header.xid() > 0) {
                    Integer previous = lastXid.put(connection, header.xid());
                    assertThat(previous == null || header.xid() > previous).as("xids increase on a connection").isTrue();
                }
                unanswered.computeIfAbsent(connection, key -> new ArrayDeque<>()).add(header);
            }
            recount();
        }

        void recount() {
            Map<Call, Integer> counts = new IdentityHashMap<>();
            for (RecordingOutput.Completion completion : harness.output.completions) {
                counts.merge(completion.call(), 1, Integer::sum);
                outcomes.put(completion.call(), completion.outcome());
            }
            for (Map.Entry<Call, Integer> count : counts.entrySet()) {
                if (count.getKey().opCode == OpCode.CLOSE_SESSION) {
                    continue;
                }
                assertThat(count.getValue()).as("completions of %s", count.getKey()).isEqualTo(1);
                open.remove(count.getKey());
            }
        }

        void checkInvariants() {
            long deadline = harness.session.nextDeadlineMs();
            if (deadline > harness.nowMs) {
                int before = effects();
                harness.session.tick(harness.nowMs);
                assertThat(effects()).as("a tick before the deadline (%d, now %d) does nothing", deadline,
                        harness.nowMs).isEqualTo(before);
            }
            assertThat(watchEvents.size()).as("watch events").isLessThanOrEqualTo(notificationsSent);
            for (Map.Entry<Call, Outcome> entry : outcomes.entrySet()) {
                Call call = entry.getKey();
                ErrorCode code = entry.getValue().code();
                if (call.opCode == OpCode.GET_DATA && (code == ErrorCode.OK || code == ErrorCode.NONODE)) {
                    assertThat(answered.get(call.xid)).as("the server's answer to xid %d", call.xid).isEqualTo(code);
                }
            }
            assertThat(harness.session.pendingRequests()).isLessThanOrEqualTo(50);
        }

        void closeAndDrain() {
            if (!closing) {
                closing = true;
                harness.session.close(new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null,
                        closeOutcome::add), harness.nowMs);
                absorbFrames();
            }
            for (int i = 0; i < 200 && closeOutcome.isEmpty(); i++) {
                int connection = currentConnection();
                if (connection != 0 && handshaken.getOrDefault(connection, false)) {
                    answerOne(connection);
                }
                harness.nowMs += 50;
                harness.session.tick(harness.nowMs);
                absorbFrames();
            }
            assertThat(closeOutcome).as("close completes").hasSize(1);
            assertThat(harness.output.stateList()).last().isIn(ConnectionState.CLOSED, ConnectionState.AUTH_FAILED);
        }
    }
}
