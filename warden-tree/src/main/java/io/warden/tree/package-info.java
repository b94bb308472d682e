/**
 * The replicated state: the tree of znodes with their Stat and ACLs, the open sessions and their
 * ephemerals, and the watch registry. {@link io.warden.tree.DataTree#apply} applies one committed
 * transaction deterministically and returns its result and the watch events it fires; the read
 * methods answer queries. Pure code: no clock, threads or I/O.
 */
package io.warden.tree;
