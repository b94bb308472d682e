package io.warden.daemon;

import java.io.IOException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.storage.FileStore;
import io.warden.storage.ReplicaStore;
import io.warden.storage.TxnLogWriter;
import io.warden.zab.ZabOutput;

/**
 * How an ensemble member's disk thread carries out the consensus core's records: each in turn
 * through the {@link ReplicaStore} over the member's files, in the order the core issued them;
 * the disk thread syncs the log after each batch and reports the records durable by write id.
 */
final class ReplicaRecords implements DiskWriter.RecordWriter<ZabOutput.Persist> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRecords.class);

    private final ReplicaStore store;

    ReplicaRecords(ReplicaStore store) {
        this.store = store;
    }

    /** An ensemble member's disk thread; records are reported durable by the core's write id. */
    static DiskWriter<ZabOutput.Persist> diskWriter(TxnLogWriter log, FileStore snapshots, FileStore logs,
            int queueMax, Runnable onDurable, Consumer<Throwable> onFailure) {
        ReplicaStore store = new ReplicaStore(log, snapshots, logs, LOG::info);
        return new DiskWriter<>(log, new ReplicaRecords(store), ZabOutput.Persist::writeId, queueMax, 0, onDurable,
                onFailure);
    }

    @Override
    public void write(ZabOutput.Persist persist) throws IOException {
        store.write(persist.write());
    }
}
