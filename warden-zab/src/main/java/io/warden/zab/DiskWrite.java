package io.warden.zab;

/** A record the host must make durable, in the order the core emits them. */
public sealed interface DiskWrite {

    /** Append a transaction to the log. */
    record Append(Entry entry) implements DiskWrite {
    }

    /** Drop every logged transaction after {@code zxid}. */
    record TruncateAfter(long zxid) implements DiskWrite {
    }

    /** Record the epochs: ZAB's acceptedEpoch (the newest promised) and currentEpoch. */
    record SaveEpochs(long acceptedEpoch, long currentEpoch) implements DiskWrite {
    }

    /** Replace the snapshot with {@code state} at {@code zxid} and drop the whole log. */
    record InstallSnapshot(long zxid, SnapshotImage state) implements DiskWrite {
    }
}
