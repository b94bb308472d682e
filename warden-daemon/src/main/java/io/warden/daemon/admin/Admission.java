package io.warden.daemon.admin;

import java.util.List;

import io.warden.server.ServerCore;
import io.warden.wire.Id;
import io.warden.wire.Perms;

/** The driver-side half of authorizing a command that changes state: ALL on the root node, then the gate. */
final class Admission {
    private Admission() {
    }

    /**
     * Null when the command may run, else the answer refusing it (403, 503 or 429). On the driver
     * thread. As in ZooKeeper, a 403 names the command as requested ({@code asRequested}, e.g.
     * {@code snap}), the gate's answers by its primary name.
     */
    static AdminAnswer decide(ServerCore core, String asRequested, List<Id> identities, StateCommandGate gate) {
        if (!core.rootAllows(Perms.ALL, identities)) {
            return AdminAnswer.error(403, asRequested, AdminAuth.NOT_AUTHORIZED);
        }
        return gate.check();
    }
}
