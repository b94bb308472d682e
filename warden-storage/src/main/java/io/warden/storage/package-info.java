/**
 * Durable state: the transaction log (segments of checksummed records, preallocated, synced in
 * batches) and snapshots (written to a temporary file and renamed into place), and recovery from
 * the newest valid snapshot plus the log after it. All file access goes through
 * {@link io.warden.storage.FileStore}, so tests can run the same code on a simulated disk that
 * loses what was not synced.
 */
package io.warden.storage;
