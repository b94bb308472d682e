package io.warden.zab;

import java.util.List;

/**
 * What a server's disk held when it started: the epochs, the snapshot's zxid and the logged
 * transactions after it. The core starts from this and nothing else.
 *
 * @param acceptedEpoch the newest epoch this server promised to follow (ZAB's f.p)
 * @param currentEpoch the epoch of the last leader it synchronised with (ZAB's f.a)
 * @param snapshotZxid the zxid the host's snapshot holds the state at (0 for an empty state);
 *     everything up to it is committed
 * @param log the logged transactions, in zxid order; entries at or below {@code snapshotZxid}
 *     are ignored
 */
public record ZabState(long acceptedEpoch, long currentEpoch, long snapshotZxid,
        List<Entry> log) {
    public ZabState {
        log = List.copyOf(log);
        if (currentEpoch > acceptedEpoch) {
            throw new IllegalArgumentException("currentEpoch " + currentEpoch + " above acceptedEpoch " + acceptedEpoch);
        }
    }

    /** A server that has never run. */
    public static ZabState empty() {
        return new ZabState(0, 0, 0, List.of());
    }
}
