package io.warden.testkit;

import io.warden.tree.DataTree;
import io.warden.zab.Entry;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import java.util.ArrayList;
import java.util.List;

/** A bare consensus core whose payloads are write ids ({@link Payloads}). */
final class CoreReplica implements Replica {
    private final ZabCore core;

    CoreReplica(ZabCore core) {
        this.core = core;
    }

    @Override
    public ZabCore zab() {
        return core;
    }

    @Override
    public void handle(ZabInput input, List<ZabOutput> out) {
        core.handle(input, out);
    }

    @Override
    public void propose(List<Long> writeIds, List<ZabOutput> out) {
        List<byte[]> payloads = new ArrayList<>(writeIds.size());
        for (long writeId : writeIds) {
            payloads.add(Payloads.of(writeId));
        }
        core.handle(new ZabInput.Propose(payloads), out);
    }

    @Override
    public void tick(long nowMs, List<ZabOutput> out) {
        core.handle(new ZabInput.Tick(), out);
    }

    @Override
    public List<Entry> restoredHistory(ZabOutput.Restore restore) {
        return StateCodec.decode(restore.state());
    }

    @Override
    public DataTree tree() {
        return null;
    }

    @Override
    public void check() {
    }
}
