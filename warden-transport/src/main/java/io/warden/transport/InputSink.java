package io.warden.transport;

/**
 * Where the transport hands what clients sent: the driver's inbound queue. Never blocks: what
 * the queue can hold is bounded by the connections and what each may have in transit
 * ({@link TransportLimits#IN_TRANSIT_FRAMES_MAX}), and by the inbound bytes budget.
 */
@FunctionalInterface
public interface InputSink {
    void accept(Arrival arrival);
}
