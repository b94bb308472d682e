package io.warden.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.warden.server.ServerOutput.PauseReading;
import io.warden.server.ServerOutput.ResumeReading;

/**
 * What the connections make the server hold, one by one and all together, and what to do about
 * it (see {@link ConnectionLimits}):
 * <ul>
 * <li>a connection with too many requests or bytes outstanding is no longer read, and nothing more
 * is answered on one whose unwritten bytes reach its bound, until it is under half of each;</li>
 * <li>while the server as a whole holds too many bytes, a connection that sends while holding more
 * than its fair share is no longer read, until the total is under half;</li>
 * <li>and a connection that has stopped reading its replies (its unwritten bytes at their bound
 * for {@link #STALLED_MS_BEFORE_CLOSE}) is let go, the largest first, while the total is over the
 * bound or connections wait for it to fall under half: its client reconnects and resumes its
 * session, as after any lost connection.</li>
 * </ul>
 * Bytes of a connection that is closing no longer count toward the total.
 */
final class FlowControl {
    private final ConnectionLimits limits;
    private final Map<Long, Connection> connections;
    private final Set<Long> pausedForServer = new LinkedHashSet<>();
    /** How long a connection's unwritten bytes must stay at their bound before it may be let go. */
    static final long STALLED_MS_BEFORE_CLOSE = 1000;

    /** Connections whose unwritten bytes are at their bound, with the time they got there. */
    private final Map<Connection, Long> stalled = new LinkedHashMap<>();
    private long bytes;
    private long evicted;

    /** @param connections the core's open connections, read to share the server's bytes out */
    FlowControl(ConnectionLimits limits, Map<Long, Connection> connections) {
        this.limits = limits;
        this.connections = connections;
    }

    void requestArrived(Connection connection, long requestBytes) {
        connection.requestBytes += requestBytes;
        bytes += requestBytes;
        if (bytes >= limits.globalOutstandingBytesMax() && connection.outstandingBytes() > fairShare()) {
            pausedForServer.add(connection.id);
        }
    }

    private long fairShare() {
        return limits.globalOutstandingBytesMax() / Math.max(1, connections.size());
    }

    /** A request is done: answered, or its write committed. */
    void released(Connection connection, long requestBytes) {
        connection.requestBytes -= requestBytes;
        if (!connection.closing) {
            bytes -= requestBytes;
        }
    }

    void sent(Connection connection, long frameBytes, long nowMs) {
        connection.backlog.sent(frameBytes);
        if (!connection.closing) {
            bytes += frameBytes;
            if (connection.backlog.bytes() >= limits.outstandingBytesMax()) {
                stalled.putIfAbsent(connection, nowMs);
            }
        }
    }

    void written(Connection connection, int frames) {
        long freed = connection.backlog.written(frames);
        if (!connection.closing) {
            bytes -= freed;
        }
        if (connection.backlog.bytes() < limits.outstandingBytesMax()) {
            stalled.remove(connection);
        }
    }

    /** The connection is closing (or closed): what it holds no longer counts. Call once. */
    void leaving(Connection connection) {
        bytes -= connection.outstandingBytes();
        stalled.remove(connection);
        pausedForServer.remove(connection.id);
    }

    /** Whether more may be answered on the connection: its unwritten bytes are under their bound. */
    boolean mayAnswer(Connection connection) {
        return connection.backlog.bytes() < limits.outstandingBytesMax();
    }

    /** Pauses or resumes reading the connection, as its holdings and the server's demand. */
    void throttle(Connection connection, List<ServerOutput> out) {
        int outstanding = connection.outstanding();
        long held = connection.outstandingBytes();
        boolean forServer = pausedForServer.contains(connection.id);
        if (!connection.readingPaused
                && (outstanding >= limits.outstandingMax() || held >= limits.outstandingBytesMax() || forServer)) {
            connection.readingPaused = true;
            out.add(new PauseReading(connection.id));
        } else if (connection.readingPaused && outstanding <= limits.outstandingMax() / 2
                && held <= limits.outstandingBytesMax() / 2 && !forServer) {
            connection.readingPaused = false;
            out.add(new ResumeReading(connection.id));
        }
    }

    /**
     * The stalled connections to let go now: the largest first, while the total is over its bound,
     * or over half of it while connections wait for it to fall.
     */
    List<Connection> toLetGo(long nowMs) {
        List<Connection> toClose = new ArrayList<>();
        long global = limits.globalOutstandingBytesMax();
        boolean othersWait = !pausedForServer.isEmpty();
        if ((bytes >= global || othersWait && bytes > global / 2) && !stalled.isEmpty()) {
            List<Connection> largestFirst = new ArrayList<>();
            for (Map.Entry<Connection, Long> entry : stalled.entrySet()) {
                if (nowMs - entry.getValue() >= STALLED_MS_BEFORE_CLOSE) {
                    largestFirst.add(entry.getKey());
                }
            }
            largestFirst.sort(Comparator.comparingLong((Connection c) -> c.backlog.bytes()).reversed()
                    .thenComparingLong(c -> c.id));
            long projected = bytes;
            for (Connection connection : largestFirst) {
                if (projected < global && !(othersWait && projected > global / 2)) {
                    break;
                }
                projected -= connection.outstandingBytes();
                toClose.add(connection);
                evicted++;
            }
        }
        return toClose;
    }

    /** Resumes the connections paused for the server's sake once the total is under half its bound. */
    void resumeWaiting(List<ServerOutput> out) {
        if (!pausedForServer.isEmpty() && bytes <= limits.globalOutstandingBytesMax() / 2) {
            List<Long> paused = new ArrayList<>(pausedForServer);
            pausedForServer.clear();
            for (long connId : paused) {
                Connection connection = connections.get(connId);
                if (connection != null && !connection.closing) {
                    throttle(connection, out);
                }
            }
        }
    }

    /** Bytes held by the connections that are not closing. */
    long bytes() {
        return bytes;
    }

    /** Connections let go because they stopped reading while the server held too much. */
    long evicted() {
        return evicted;
    }
}
