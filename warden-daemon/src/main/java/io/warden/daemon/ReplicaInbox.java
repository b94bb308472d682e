package io.warden.daemon;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.warden.zab.PeerMessage;

/**
 * What waits for an ensemble member's driver loop: client arrivals, peer messages, snapshot
 * completions and wake-ups, put here by the transport, disk and snapshot threads. Client arrivals
 * are bounded by the client port's own limits; peer messages and snapshot-arriving notes together
 * by {@link #PEER_MESSAGES_WAITING_MAX},
 * past which they are dropped (the consensus core recovers from a lost message by reopening the
 * link, a follower from a lost relay by starting its stream over), so a fast peer cannot grow the
 * queue without bound. Their bytes are bounded by the peer network's {@code inboundBytesMax}: it
 * hears of every peer message taken from here, or dropped, and stops reading its connections
 * while that many bytes wait.
 */
final class ReplicaInbox {
    static final int PEER_MESSAGES_WAITING_MAX = 100_000;
    /** Put on the queue to wake the loop up. */
    static final Object WAKE_UP = new Object();
    /** The snapshot thread failed to write a snapshot. */
    static final Object SNAPSHOT_FAILED = new Object();

    /** A message from another member. */
    record PeerArrival(long from, PeerMessage message) {
    }

    /** The connection from another member closed. */
    record PeerLost(long peer) {
    }

    /** The snapshot thread wrote a snapshot of the state at {@code zxid}. */
    record SnapshotWritten(long zxid) {
    }

    /** Bytes of a snapshot from {@code from} on consensus link {@code link} are arriving. */
    record SnapshotArriving(long from, long link) {
    }

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger peerMessagesWaiting = new AtomicInteger();
    private volatile Consumer<PeerMessage> onPeerMessageTaken = message -> { };

    /** Told of every peer message taken from the queue or dropped (the peer network's {@code taken}). */
    void onPeerMessageTaken(Consumer<PeerMessage> action) {
        this.onPeerMessageTaken = action;
    }

    /** What a client connection sent (an {@link io.warden.transport.Arrival}). */
    void client(Object arrival) {
        queue.add(arrival);
    }

    void peerMessage(long from, PeerMessage message) {
        if (!addFromPeer(new PeerArrival(from, message))) {
            SnapshotStaging.forget(message);
            onPeerMessageTaken.accept(message);
        }
    }

    void peerLost(long peer) {
        queue.add(new PeerLost(peer));
    }

    /**
     * A leader's snapshot is arriving (see {@link io.warden.zab.ZabInput.SnapshotArriving}); counted
     * with the peer messages, and dropped with them (the next comes a few MiB later).
     */
    void snapshotArriving(long from, long link) {
        addFromPeer(new SnapshotArriving(from, link));
    }

    /** Queues what a peer caused, unless {@link #PEER_MESSAGES_WAITING_MAX} wait already; true if queued. */
    private boolean addFromPeer(Object item) {
        if (peerMessagesWaiting.incrementAndGet() > PEER_MESSAGES_WAITING_MAX) {
            peerMessagesWaiting.decrementAndGet();
            return false;
        }
        queue.add(item);
        return true;
    }

    void snapshotWritten(long zxid) {
        queue.add(new SnapshotWritten(zxid));
    }

    void snapshotFailed() {
        queue.add(SNAPSHOT_FAILED);
    }

    void wakeUp() {
        queue.offer(WAKE_UP);
    }

    Object poll(long waitMs) throws InterruptedException {
        return taken(queue.poll(waitMs, TimeUnit.MILLISECONDS));
    }

    Object poll() {
        return taken(queue.poll());
    }

    private Object taken(Object item) {
        if (item instanceof PeerArrival || item instanceof SnapshotArriving) {
            peerMessagesWaiting.decrementAndGet();
        }
        if (item instanceof PeerArrival arrival) {
            onPeerMessageTaken.accept(arrival.message());
        }
        return item;
    }
}
