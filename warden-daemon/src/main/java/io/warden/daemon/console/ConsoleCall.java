package io.warden.daemon.console;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.warden.server.ServerCore;
import io.warden.zab.ZabCore;

/**
 * A console read on its way to the driver thread, which owns the server's state: the driver calls
 * {@link #answer} between inputs, and the HTTP side waits a bounded time for {@link #future}.
 */
public final class ConsoleCall {
    /** What the driver thread shows a read: the server core, the consensus core (null on a standalone server) and the time. */
    record DriverState(ServerCore core, ZabCore zab, long nowMs) {
    }

    /** A read of the driver's state into a JSON-ready map. */
    @FunctionalInterface
    interface Read {
        Map<String, Object> read(DriverState state);
    }

    private final String name;
    private final Read read;
    private final Runnable onAnswered;
    private final CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();

    ConsoleCall(String name, Read read, Runnable onAnswered) {
        this.name = name;
        this.read = read;
        this.onAnswered = onAnswered;
    }

    /**
     * Answers from the state; called on the driver thread only. Never throws: a failure completes
     * the future with it.
     *
     * @param zab the consensus core of an ensemble member, null on a standalone server
     */
    public void answer(ServerCore core, ZabCore zab, long nowMs) {
        try {
            future.complete(read.read(new DriverState(core, zab, nowMs)));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        } finally {
            onAnswered.run();
        }
    }

    CompletableFuture<Map<String, Object>> future() {
        return future;
    }

    @Override
    public String toString() {
        return "ConsoleCall[" + name + "]";
    }
}
