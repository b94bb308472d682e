package io.warden.transport.peer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.warden.zab.PeerMessage;

/**
 * The bytes of messages received from all peers and not yet taken by the receiver, and the flow
 * control they drive: past {@code inboundBytesMax} the connection a message came on is not read
 * (TCP then holds its sender back), and once the receiver has taken enough to be at half of it
 * or below, every connection paused so is read again. A message counts its encoded body
 * ({@link PeerCodec#bodyBytes}); the snapshot a {@code Snap} announces is on disk and counts
 * nothing, nor does the frame being read on each connection (one frame each, at most
 * {@code frameBytesMax}).
 */
final class InboundBudget {
    private final long bytesMax;
    private final AtomicLong waitingBytes = new AtomicLong();
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

    InboundBudget(long bytesMax) {
        this.bytesMax = bytesMax;
    }

    static long bytesOf(PeerMessage message) {
        return PeerCodec.bodyBytes(message);
    }

    /** {@code message} arrived on {@code channel} (on its event loop), to be handed to the receiver. */
    void received(Channel channel, PeerMessage message) {
        if (waitingBytes.addAndGet(bytesOf(message)) > bytesMax) {
            channel.config().setAutoRead(false);
            paused.add(channel);
            if (waitingBytes.get() <= bytesMax / 2) {
                resumeAll(); // everything was taken while this connection was being paused
            }
        }
    }

    /** The receiver took {@code message}, or dropped it. */
    void taken(PeerMessage message) {
        if (waitingBytes.addAndGet(-bytesOf(message)) <= bytesMax / 2 && !paused.isEmpty()) {
            resumeAll();
        }
    }

    /** {@code channel} closed: it is no longer resumed. */
    void forget(Channel channel) {
        paused.remove(channel);
    }

    long waitingBytes() {
        return waitingBytes.get();
    }

    /** Connections not read now because of this budget. */
    int pausedConnections() {
        return paused.size();
    }

    private void resumeAll() {
        for (Channel channel : paused) {
            if (paused.remove(channel)) {
                channel.config().setAutoRead(true);
            }
        }
    }
}
