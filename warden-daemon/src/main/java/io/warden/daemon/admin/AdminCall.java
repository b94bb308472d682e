package io.warden.daemon.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.warden.server.AdminReports;
import io.warden.server.ServerCore;
import io.warden.zab.ZabCore;

/**
 * A command on its way to the driver thread, which owns the server's state: the driver calls
 * {@link #answer} between inputs, and the HTTP side waits a bounded time for {@link #future}.
 */
public final class AdminCall {
    /** ZooKeeper's error for role commands on a server that is not a member of an ensemble. */
    static final String NOT_INITIALIZED = "server is not initialized";

    private final String command;
    private final EnsembleCommands ensemble;
    private final CompletableFuture<AdminAnswer> future = new CompletableFuture<>();
    private final Runnable onAnswered;

    AdminCall(String command, EnsembleCommands ensemble, Runnable onAnswered) {
        this.command = command;
        this.ensemble = ensemble;
        this.onAnswered = onAnswered;
    }

    /**
     * Answers from the state; called on the driver thread only. Never throws.
     *
     * @param zab the consensus core of an ensemble member, null on a standalone server
     */
    public void answer(ServerCore core, ZabCore zab, long nowMs) {
        try {
            future.complete(compute(AdminReports.of(core), zab, nowMs));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        } finally {
            onAnswered.run();
        }
    }

    CompletableFuture<AdminAnswer> future() {
        return future;
    }

    private AdminAnswer compute(AdminReports reports, ZabCore zab, long nowMs) {
        if (reports.refusedWhileNotServing(command)) {
            return AdminAnswer.error(AdminAnswer.OK, command, AdminReports.NOT_SERVING);
        }
        if (zab != null && AdminCommands.ENSEMBLE_COMMANDS.contains(command)) {
            return AdminAnswer.of(command, switch (command) {
                case "leader" -> ensemble.leader(zab);
                case "voting_view" -> ensemble.votingView(zab.myId());
                case "observers" -> ensemble.observers(zab);
                default -> throw new IllegalStateException("no ensemble answer for command " + command);
            });
        }
        if (AdminCommands.REPORTS.contains(command)) {
            return AdminAnswer.of(command, reports.report(command, nowMs));
        }
        return switch (command) {
            case "leader" -> AdminAnswer.error(AdminAnswer.OK, command, NOT_INITIALIZED);
            case "voting_view" -> AdminAnswer.of(command, single("current_config", Map.of()));
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
