/**
 * Deterministic simulation of whole ensembles. Real {@link io.warden.zab.ZabCore}s run on
 * simulated servers ({@code SimServer}) over a simulated network ({@code Network}: delays,
 * loss, duplicates, reordering, partitions) and simulated disks ({@code SimDisk}: unsynced
 * writes lost in a crash, except perhaps a prefix), one event at a time in simulated time, single
 * threaded, every random choice drawn from one seed. After every event the {@link
 * io.warden.testkit.Checker} checks the invariants: one leader per epoch, epochs never decrease,
 * committed histories are prefixes of one global history G with contiguous zxids, G's last entry
 * is durable on a quorum of voters, acknowledged writes stay committed; after healing, a run must
 * commit a new write and bring every server to G.
 *
 * <p>{@link io.warden.testkit.Simulation} draws a whole run from a seed; {@link
 * io.warden.testkit.Cluster} is the harness for scripted scenarios. A broken invariant throws
 * {@link io.warden.testkit.SimulationViolation} with the seed, step, simulated time and the end of
 * the trace. See the module's README for running, replaying and soaking seeds.
 */
package io.warden.testkit;
