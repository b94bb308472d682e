package io.warden.daemon.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.warden.server.ServerCore;
import io.warden.wire.Id;

/**
 * The snapshot command on its way to the driver: the driver authorizes it ({@link #admit}) and,
 * if admitted, asks for a snapshot now; the snapshot thread reports the written snapshot's zxid
 * ({@link #written}) or the failure ({@link #failed}). The HTTP side then streams the file.
 */
public final class SnapshotCall {
    /** What came of the call: a refusal or failure ({@code answer}), or the zxid of the written snapshot. */
    record Outcome(AdminAnswer answer, long zxid) {
    }

    private final String asRequested;
    private final List<Id> identities;
    private final StateCommandGate gate;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    /** @param asRequested the name in the URL (snapshot or its alias), which a 403 echoes */
    SnapshotCall(String asRequested, List<Id> identities, StateCommandGate gate) {
        this.asRequested = asRequested;
        this.identities = identities;
        this.gate = gate;
    }

    /**
     * On the driver thread: whether the caller may take a snapshot now. When not, the call is
     * answered (403, 503 or 429) and nothing more is to be done with it.
     */
    public boolean admit(ServerCore core) {
        try {
            AdminAnswer refusal = Admission.decide(core, asRequested, identities, gate);
            if (refusal != null) {
                outcome.complete(new Outcome(refusal, -1));
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return false;
        }
    }

    /** The snapshot at {@code zxid} is durable. */
    public void written(long zxid) {
        outcome.complete(new Outcome(null, zxid));
    }

    /** No snapshot could be written. */
    public void failed(String reason) {
        outcome.complete(new Outcome(AdminAnswer.error(500, "snapshot", reason), -1));
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return "SnapshotCall";
    }
}
