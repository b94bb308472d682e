/**
 * A linearizability checker for histories of client operations recorded against a real ensemble.
 *
 * <p>A {@link io.warden.testkit.linearizability.HistoryRecorder} records, from many client threads,
 * when each {@link io.warden.testkit.linearizability.Operation} was invoked and how it completed: with
 * an output, or with an unknown outcome (timeout, connection loss). {@link
 * io.warden.testkit.linearizability.LinearizabilityChecker} then searches for a total order of the
 * operations that respects real time (an operation that completed before another was invoked comes
 * first) and that a sequential {@link io.warden.testkit.linearizability.Model} accepts; operations with
 * an unknown outcome may take effect anywhere after their invocation, or never.
 *
 * <p>The search is the one of Wing and Gong, with the memoisation Lowe added: the events are kept in
 * time order in a doubly linked list; an operation may be placed next when its invocation comes before
 * every completion still in the list; placing it lifts its events out, and a dead end puts the last
 * placed operation back and tries the next candidate. A (set of placed operations, model state) pair
 * already explored is not explored again; operations with unknown outcome are tried after completed
 * candidates, and a point is skipped when the same point without some of them was already refuted.
 * The work is bounded by a number of search steps, after which the verdict is
 * {@link io.warden.testkit.linearizability.CheckResult.Verdict#UNKNOWN}.
 *
 * <p>Models: {@link io.warden.testkit.linearizability.RegisterModel} (write, read, compare-and-set of
 * one value) and {@link io.warden.testkit.linearizability.SetModel} (add, read of the whole set, such
 * as the children of one znode).
 */
package io.warden.testkit.linearizability;
