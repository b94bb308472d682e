package io.warden.transport;

import io.warden.server.ServerInput;

/**
 * Something a connection hands the driver through its inbound queue. The driver takes the input
 * when it is its turn, has the core handle it, then calls {@link #handled()}, which lets the
 * connection be read further.
 */
public interface Arrival {
    /** The core's input; read on the driver thread, when the driver takes it. */
    ServerInput input();

    /** The core handled the input. */
    void handled();

    /** An input that holds nothing back. */
    static Arrival of(ServerInput input) {
        return new Plain(input);
    }

    /** An arrival whose handling releases nothing. */
    record Plain(ServerInput input) implements Arrival {
        @Override
        public void handled() {
            // nothing was held for it
        }
    }
}
