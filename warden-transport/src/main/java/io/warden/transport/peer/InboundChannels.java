package io.warden.transport.peer;

import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;

/**
 * The connections one port accepted: all of them, to close with the network, and the newest of
 * each peer. A peer that dials again has given up its older connection (or lost it without this
 * side noticing), so the older one is closed rather than kept open for ever.
 */
final class InboundChannels {
    private static final Logger LOG = LoggerFactory.getLogger(InboundChannels.class);

    private final PortKind kind;
    private final LongConsumer onLost;
    private final Set<Channel> all = ConcurrentHashMap.newKeySet();
    private final Map<Long, Channel> newestByPeer = new ConcurrentHashMap<>();

    /** @param onLost told the id of a peer whose newest connection to this port closed */
    InboundChannels(PortKind kind, LongConsumer onLost) {
        this.kind = kind;
        this.onLost = onLost;
    }

    void accepted(Channel channel) {
        all.add(channel);
        channel.closeFuture().addListener(closed -> all.remove(channel));
    }

    /** The dialler of {@code channel} said it is {@code peerId}. */
    void helloAccepted(long peerId, Channel channel) {
        Channel older = newestByPeer.put(peerId, channel);
        channel.closeFuture().addListener(closed -> {
            if (newestByPeer.remove(peerId, channel)) {
                onLost.accept(peerId); // not replaced by a newer connection from the same peer
            }
        });
        if (older != null && older != channel && older.isOpen()) {
            LOG.info("server {} dialled the {} port again; closing its older connection {}", peerId, kind,
                    older.remoteAddress());
            older.close();
        }
    }

    /** Whether {@code peerId} has a connection to this port now. */
    boolean hasConnectionFrom(long peerId) {
        Channel channel = newestByPeer.get(peerId);
        return channel != null && channel.isOpen();
    }

    int size() {
        return all.size();
    }

    void closeAll() {
        for (Channel channel : all) {
            channel.close();
        }
    }
}
