package io.warden.client;

import io.warden.wire.OpCode;
import io.warden.wire.Record;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One request on its way through the session: what to send, how to read the reply, the watch it
 * registers, and whom to tell the outcome. {@code whenDone} runs on the client's I/O thread and
 * must hand anything slow to another thread.
 */
final class Call {
    final int opCode;
    final Record request;
    final String path;
    final ReplyReader reader;
    final WatchRegistration registration;
    final WatchRemoval removal;
    final Consumer<Outcome> whenDone;

    int xid;
    long queuedAtMs;
    long sentAtMs;

    /**
     * @param request the body, or null for header-only requests
     * @param path the application path, for error messages; null when the op has none
     * @param registration the watch to register, or null
     * @param removal the watches to drop locally when the server agrees, or null
     */
    Call(int opCode, Record request, String path, ReplyReader reader, WatchRegistration registration,
            WatchRemoval removal, Consumer<Outcome> whenDone) {
        this.opCode = opCode;
        this.request = request;
        this.path = path;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.registration = registration;
        this.removal = removal;
        this.whenDone = Objects.requireNonNull(whenDone, "whenDone");
    }

    @Override
    public String toString() {
        return "Call[" + OpCode.name(opCode) + (path == null ? "" : " " + path) + ", xid " + xid + "]";
    }
}
