package io.warden.transport;

import io.warden.server.ServerInput;

/** Where the transport hands what clients sent: the driver's bounded inbound queue. */
@FunctionalInterface
public interface InputSink {
    /** Accepts an input, waiting while the queue is full: that is the back-pressure on clients. */
    void accept(ServerInput input);
}
