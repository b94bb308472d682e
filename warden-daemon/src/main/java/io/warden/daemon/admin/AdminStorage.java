package io.warden.daemon.admin;

import io.warden.storage.FileStore;
import io.warden.tree.TreeOptions;

/**
 * What snapshot and restore need of the server they run on.
 *
 * @param snapshots     the snapshot directory: snapshots are streamed from it, uploads spooled to it
 * @param treeOptions   the options a restored tree is built with
 * @param fieldBytesMax the longest path, data or ACL field a restored snapshot may hold
 * @param standalone    whether the server is standalone; restore runs on standalone servers only
 */
public record AdminStorage(FileStore snapshots, TreeOptions treeOptions, int fieldBytesMax, boolean standalone) {
}
