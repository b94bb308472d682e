/**
 * Reading Apache ZooKeeper 3.x's own data files (snapshots {@code snapshot.<hex zxid>}, magic
 * "ZKSN", and transaction logs {@code log.<hex zxid>}, magic "ZKLG", in its {@code version-2}
 * directory), and rebuilding from them the tree ZooKeeper served, so that Warden can start with a
 * ZooKeeper user's data. {@link io.warden.storage.zookeeper.ZkImporter} is the entry point. The
 * formats were determined by reading files written by a real ZooKeeper 3.9.3 server; see
 * {@code ZkSnapshotReader} and {@code ZkLogReader} for the layouts.
 */
package io.warden.storage.zookeeper;
