package io.warden.transport.peer;

import java.util.concurrent.atomic.AtomicLong;

/** The live counts behind one peer's {@link PeerStats}; updated from any thread. */
final class PeerCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();

    void sent() {
        sent.incrementAndGet();
    }

    void dropped() {
        dropped.incrementAndGet();
    }

    void connected() {
        connects.incrementAndGet();
    }

    PeerStats snapshot() {
        return new PeerStats(sent.get(), dropped.get(), connects.get());
    }
}
