package io.warden.daemon.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.warden.server.ServerCore;
import io.warden.wire.Id;

/**
 * The restore command's admission, on its way to the driver before any of the body is taken:
 * the driver authorizes it ({@link #admit}); only then is the snapshot received.
 */
public final class RestoreCall {
    private final String asRequested;
    private final List<Id> identities;
    private final StateCommandGate gate;
    /** Completed with null when admitted, else with the refusal. */
    private final CompletableFuture<AdminAnswer> decided = new CompletableFuture<>();

    /** @param asRequested the name in the URL (restore or its alias), which a 403 echoes */
    RestoreCall(String asRequested, List<Id> identities, StateCommandGate gate) {
        this.asRequested = asRequested;
        this.identities = identities;
        this.gate = gate;
    }

    /** On the driver thread: decides whether the restore may go on. Never throws. */
    public void admit(ServerCore core) {
        try {
            decided.complete(Admission.decide(core, asRequested, identities, gate));
        } catch (RuntimeException e) {
            decided.completeExceptionally(e);
        }
    }

    CompletableFuture<AdminAnswer> decided() {
        return decided;
    }

    @Override
    public String toString() {
        return "RestoreCall";
    }
}
