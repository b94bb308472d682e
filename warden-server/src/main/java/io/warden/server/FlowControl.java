package io.warden.server;

import java.util.ArrayList;
import java.util.Comparator;
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
 * than its fair share is no longer read, until the total is under half, and nothing more is
 * answered on a connection holding more than its fair share, until the total is under the
 * bound;</li>
 * <li>and a connection that has stopped reading its replies (none of them written for
 * {@link #STALLED_MS_BEFORE_CLOSE}) is let go, the largest first, while the total is over the
 * bound or connections wait for it to fall under half: its client reconnects and resumes its
 * session, as after any lost connection.</li>
 * </ul>
 * Bytes of a connection that is closing no longer count toward the total.
 */
final class FlowControl {
    /** How long a connection may have frames unwritten, none written meanwhile, before it may be let go. */
    static final long STALLED_MS_BEFORE_CLOSE = 1000;
    /** How often, at most, the connections are looked over for ones to let go. */
    static final long STALLED_CHECK_INTERVAL_MS = 100;

    private final ConnectionLimits limits;
    private final Map<Long, Connection> connections;
    /** Connections not read because they sent while holding more than their share of the server's bytes. */
    private final Set<Long> pausedForServer = new LinkedHashSet<>();
    /** Connections with requests that wait to be answered until the server's total is under its bound. */
    private final Set<Long> waitingToAnswer = new LinkedHashSet<>();
    /** Connections with frames not written yet. */
    private final Set<Connection> unwritten = new LinkedHashSet<>();
    private long nextStalledCheckMs = Long.MIN_VALUE;
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
        if (connection.backlog.frames() == 0) {
            connection.lastWrittenMs = nowMs;
            unwritten.add(connection);
        }
        connection.backlog.sent(frameBytes);
        if (!connection.closing) {
            bytes += frameBytes;
        }
    }

    void written(Connection connection, int frames, long nowMs) {
        long freed = connection.backlog.written(frames);
        if (!connection.closing) {
            bytes -= freed;
        }
        connection.lastWrittenMs = nowMs;
        if (connection.backlog.frames() == 0) {
            unwritten.remove(connection);
        }
    }

    /** The connection is closing (or closed): what it holds no longer counts. Call once. */
    void leaving(Connection connection) {
        bytes -= connection.outstandingBytes();
        unwritten.remove(connection);
        pausedForServer.remove(connection.id);
        waitingToAnswer.remove(connection.id);
    }

    /**
     * Whether more may be answered on the connection: its unwritten bytes are under their bound,
     * and it holds no more than its fair share while the server's total is at its bound.
     */
    boolean mayAnswer(Connection connection) {
        if (connection.backlog.bytes() >= limits.outstandingBytesMax()) {
            return false;
        }
        if (bytes >= limits.globalOutstandingBytesMax() && connection.outstandingBytes() > fairShare()) {
            waitingToAnswer.add(connection.id);
            return false;
        }
        return true;
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
        if ((bytes >= global || othersWait && bytes > global / 2) && nowMs >= nextStalledCheckMs) {
            nextStalledCheckMs = nowMs + STALLED_CHECK_INTERVAL_MS;
            List<Connection> largestFirst = new ArrayList<>();
            for (Connection connection : unwritten) {
                if (nowMs - connection.lastWrittenMs >= STALLED_MS_BEFORE_CLOSE) {
                    largestFirst.add(connection);
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

    /** The connections whose requests waited for the server's total and may now be answered. */
    List<Connection> mayAnswerAgain() {
        if (waitingToAnswer.isEmpty() || bytes >= limits.globalOutstandingBytesMax()) {
            return List.of();
        }
        List<Connection> ready = new ArrayList<>(waitingToAnswer.size());
        for (long connId : waitingToAnswer) {
            Connection connection = connections.get(connId);
            if (connection != null && !connection.closing) {
                ready.add(connection);
            }
        }
        waitingToAnswer.clear();
        return ready;
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
