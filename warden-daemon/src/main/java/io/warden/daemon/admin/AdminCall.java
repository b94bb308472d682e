package io.warden.daemon.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.warden.server.AdminReports;
import io.warden.server.ServerCore;
import io.warden.server.ServerEnvironment;

/**
 * A command on its way to the driver thread, which owns the server's state: the driver calls
 * {@link #answer} between inputs, and the HTTP side waits a bounded time for {@link #future}.
 */
public final class AdminCall {
    /** ZooKeeper's error for role commands on a server that is not a member of an ensemble. */
    static final String NOT_INITIALIZED = "server is not initialized";

    private final String command;
    private final CompletableFuture<AdminAnswer> future = new CompletableFuture<>();
    private final Runnable onAnswered;

    AdminCall(String command, Runnable onAnswered) {
        this.command = command;
        this.onAnswered = onAnswered;
    }

    /** Answers from the core's state; called on the driver thread only. Never throws. */
    public void answer(ServerCore core, long nowMs) {
        try {
            future.complete(compute(AdminReports.of(core), nowMs));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        } finally {
            onAnswered.run();
        }
    }

    CompletableFuture<AdminAnswer> future() {
        return future;
    }

    private AdminAnswer compute(AdminReports reports, long nowMs) {
        if (reports.refusedWhileNotServing(command)) {
            return AdminAnswer.error(AdminAnswer.OK, command, AdminReports.NOT_SERVING);
        }
        if (AdminCommands.REPORTS.contains(command)) {
            return AdminAnswer.of(command, reports.report(command, nowMs));
        }
        boolean standalone = ServerEnvironment.STANDALONE.equals(reports.mode());
        return switch (command) {
            case "leader" -> standalone ? AdminAnswer.error(AdminAnswer.OK, command, NOT_INITIALIZED)
                    : AdminAnswer.of(command, single("is_leader", "leader".equals(reports.mode())));
            case "voting_view" -> standalone ? AdminAnswer.of(command, single("current_config", Map.of()))
                    : AdminAnswer.error(AdminAnswer.OK, command, "voting_view is not available on a Warden"
                            + " ensemble member yet");
            default -> throw new IllegalStateException("no driver-side answer for command " + command);
        };
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    @Override
    public String toString() {
        return "AdminCall[" + command + "]";
    }
}
