/**
 * Durable state: the transaction log (segments of checksummed records, preallocated, synced in
 * batches) and snapshots (written to a temporary file and renamed into place), and recovery from
 * the newest valid snapshot plus the log after it. An ensemble member's log also holds proposals
 * that may never commit: {@link io.warden.storage.ReplicaRecovery} hands its entries to the
 * consensus core instead of applying them, and the core's other records are kept here too
 * ({@link io.warden.storage.EpochFile}, {@link io.warden.storage.TxnLogWriter#truncateAfter},
 * {@link io.warden.storage.SnapshotBytes#install}). All file access goes through
 * {@link io.warden.storage.FileStore}, so tests can run the same code on a simulated disk that
 * loses what was not synced ({@code io.warden.storage.simulated}). {@link io.warden.storage.ReplicaStore}
 * carries out the consensus core's records on the files, for the daemon and the simulator alike.
 */
package io.warden.storage;
