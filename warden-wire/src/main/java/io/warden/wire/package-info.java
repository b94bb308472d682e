/**
 * The ZooKeeper 3.9 client protocol: jute encoding ({@link io.warden.wire.JuteInput},
 * {@link io.warden.wire.JuteOutput}), op codes, error codes, and one Java record per jute record.
 * Pure code: no I/O, no threads.
 */
package io.warden.wire;
