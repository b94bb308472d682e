package io.warden.testkit;

import io.warden.tree.DataTree;
import io.warden.zab.Entry;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import java.util.List;

/**
 * What a simulated server runs: a bare consensus core ({@link CoreReplica}) or the request
 * pipeline over one ({@link TreeReplica}). Either way the host sees the consensus core's outputs.
 */
interface Replica {
    ZabCore zab();

    void handle(ZabInput input, List<ZabOutput> out);

    /** A client hands this server writes; whatever is refused goes back through {@code rejected}. */
    void propose(List<Long> writeIds, List<ZabOutput> out);

    /** Time passes for the application, once a tick. */
    void tick(long nowMs, List<ZabOutput> out);

    /** The history a {@code Restore} output installed, from the start of time. */
    List<Entry> restoredHistory(ZabOutput.Restore restore);

    /** The application's tree; null for a bare core. */
    DataTree tree();

    /**
     * Called once the host has carried out the outputs of a step: reports what clients were told
     * and checks the application's own invariants; throws a {@link CheckFailure}.
     */
    void check();
}
