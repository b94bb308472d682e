package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.common.RandomSource;
import io.warden.wire.Frames;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.ReplyHeader;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.WatcherEvent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link ClientSession} on simulated time, with the server's side played by the test: it answers
 * handshakes, replies to requests and sends notifications as frames, exactly as they would arrive.
 */
final class SessionHarness {
    static final int SESSION_TIMEOUT_MS = 6_000;
    static final int MAX_FRAME_BYTES = 0xFFFFF;

    final RecordingOutput output = new RecordingOutput();
    final ClientSession session;
    final List<InetSocketAddress> servers;
    long nowMs = 1_000;

    SessionHarness() {
        this(defaultSettings(), Chroot.NONE, 3, 1L);
    }

    SessionHarness(SessionSettings settings, Chroot chroot, int serverCount, long seed) {
        servers = new ArrayList<>();
        for (int i = 0; i < serverCount; i++) {
            servers.add(InetSocketAddress.createUnresolved("server" + i, 2181));
        }
        session = new ClientSession(settings, new HostRotation(servers, RandomSource.seeded(seed)), chroot,
                RandomSource.seeded(seed), output);
    }

    static SessionSettings defaultSettings() {
        return new SessionSettings(SESSION_TIMEOUT_MS, 15_000, 0, 1_000, 2_000, 1_000, MAX_FRAME_BYTES);
    }

    /** Moves time forward in steps of at most 10 ms, ticking the session at each. */
    void advance(long ms) {
        long end = nowMs + ms;
        while (nowMs < end) {
            nowMs = Math.min(end, nowMs + 10);
            session.tick(nowMs);
        }
    }

    /** Starts the session (if needed) and completes a handshake on the connection it dials. */
    int connect(long sessionId, int negotiatedTimeoutMs) {
        session.start(nowMs);
        session.tick(nowMs);
        int connection = output.lastDial().connectionId();
        session.connected(connection, nowMs);
        handshakeReply(connection, sessionId, negotiatedTimeoutMs);
        return connection;
    }

    /** Lets time pass until the session dials again (after its reconnect pause); the new connection's id. */
    int awaitRedial() {
        int dials = output.dials.size();
        for (int i = 0; i < 1_000 && output.dials.size() == dials; i++) {
            nowMs += 10;
            session.tick(nowMs);
        }
        assertThat(output.dials).as("a new connection attempt").hasSizeGreaterThan(dials);
        return output.lastDial().connectionId();
    }

    /** Answers the ConnectRequest just sent on {@code connection}. */
    void handshakeReply(int connection, long sessionId, int negotiatedTimeoutMs) {
        byte[] password = new byte[16];
        Arrays.fill(password, (byte) sessionId);
        byte[] frame = Frames.connectResponse(new ConnectResponse(0, negotiatedTimeoutMs, sessionId, password,
                false, false));
        session.frame(connection, payload(frame), nowMs);
    }

    /** The ConnectRequest sent on the connection. */
    ConnectRequest connectRequest(int connection) {
        for (RecordingOutput.Sent sent : output.sent) {
            if (sent.connectionId() == connection) {
                try {
                    return ConnectRequest.read(sent.body());
                } catch (WireFormatException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no ConnectRequest on connection " + connection);
    }

    void reply(int connection, int xid, long zxid, int err, Record bodyOrNull) {
        session.frame(connection, payload(Frames.reply(new ReplyHeader(xid, zxid, err), bodyOrNull)), nowMs);
    }

    void notify(int connection, EventType type, String path, long zxid) {
        session.frame(connection, payload(Frames.notification(zxid, new WatcherEvent(type.code(), 3, path))), nowMs);
    }

    /** A getData call whose outcome lands in {@code outcomes}. */
    Call getData(String path, Watcher watcherOrNull, List<Outcome> outcomes) {
        WatchRegistration registration = watcherOrNull == null ? null
                : new WatchRegistration(WatchRegistration.Request.GET_DATA, path, watcherOrNull);
        return new Call(OpCode.GET_DATA, new GetDataRequest(path, watcherOrNull != null), path,
                GetDataResponse::read, registration, null, outcomes::add);
    }

    /** Requests sent on a connection after the handshake, in order (auth, pings and setWatches included). */
    List<RecordingOutput.Sent> requests(int connection) {
        List<RecordingOutput.Sent> requests = new ArrayList<>();
        boolean first = true;
        for (RecordingOutput.Sent sent : output.sent) {
            if (sent.connectionId() == connection) {
                if (!first) {
                    requests.add(sent);
                }
                first = false;
            }
        }
        return requests;
    }

    List<Integer> opCodes(int connection) {
        return requests(connection).stream().map(sent -> sent.header().type()).toList();
    }

    static byte[] payload(byte[] frame) {
        assertThat(new JuteInput(frame).remaining()).isGreaterThanOrEqualTo(4);
        return Arrays.copyOfRange(frame, 4, frame.length);
    }
}
