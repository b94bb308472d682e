package io.warden.daemon;

import io.warden.transport.peer.PeerLimits;

/**
 * The peer transport's memory bounds for this JVM, so that peers that do not keep up cannot run a
 * member out of memory: {@code outboundBytesMax} (frames handed to one peer connection and not
 * yet written) at most an eighth of the heap shared by the peers, and {@code
 * snapshotBacklogBytesMax} (frames waiting behind a snapshot being streamed) at most a quarter,
 * each no more than {@link PeerLimits#DEFAULTS} and no less than {@link #FLOOR_BYTES}. Both wait on
 * the heap: Netty's chunked writer keeps a connection's frames in its queue while the socket is
 * not writable (beyond Netty's 64 KiB high-water mark) and behind a snapshot stream. The defaults
 * alone (64 MiB and 1 GiB a peer) would let one slow follower take a 1 GiB heap during a snapshot.
 */
final class PeerMemoryBounds {
    /** Neither bound goes below this, however small the heap. */
    static final long FLOOR_BYTES = 1L << 20;

    private PeerMemoryBounds() {
    }

    /** @param peers the other members this one talks to */
    static PeerLimits of(PeerLimits base, int peers, JvmMemory memory) {
        long perPeerHeap = memory.heapMaxBytes() / Math.max(1, peers);
        long outbound = Math.max(FLOOR_BYTES, Math.min(base.outboundBytesMax(), perPeerHeap / 8));
        long backlog = Math.max(FLOOR_BYTES, Math.min(base.snapshotBacklogBytesMax(), perPeerHeap / 4));
        return base.withOutboundBytesMax(outbound).withSnapshotBacklogBytesMax(backlog);
    }
}
