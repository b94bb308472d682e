package io.warden.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.warden.wire.Id;

/** The core's view of one client connection: its session, identities, queue and counters. */
final class Connection {
    final long id;
    final String remoteAddress;
    /** The remote socket as the cons command prints it, such as {@code /127.0.0.1:50123}. */
    final String endpoint;
    final long openedMs;
    final List<Id> identities = new ArrayList<>(2);
    /** Requests waiting for this connection's earlier writes, in arrival order. */
    final Deque<QueuedRequest> queue = new ArrayDeque<>();
    long sessionId;
    int sessionTimeoutMs;
    boolean handshakeStarted;
    boolean established;
    boolean oldClient;
    int writesInFlight;
    /** Set once the core decided to close it; later input is ignored. */
    boolean closing;
    boolean readingPaused;
    /** Bytes of the requests in {@link #queue} and of this connection's writes in flight. */
    long requestBytes;
    /** What was sent to this connection and not written to its socket yet. */
    final SendBacklog backlog = new SendBacklog();
    /** When a frame sent to it was last written, or its backlog last started, for spotting a stalled client. */
    long lastWrittenMs;
    long packetsReceived;
    long packetsSent;
    long lastZxid = -1;
    int lastCxid = -1;
    String lastOp = "NA";
    long lastLatencyMs;
    long lastResponseMs;
    final LatencyStats latency = new LatencyStats();

    Connection(long id, String remoteAddress, String endpoint, long openedMs) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.endpoint = endpoint;
        this.openedMs = openedMs;
        identities.add(new Id("ip", remoteAddress));
    }

    /** Requests queued, writes in flight, and frames not written yet. */
    int outstanding() {
        return queue.size() + writesInFlight + backlog.frames();
    }

    /** Bytes of requests queued or in flight and of frames not written yet. */
    long outstandingBytes() {
        return requestBytes + backlog.bytes();
    }
}
