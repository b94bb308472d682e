package io.warden.storage.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether a directory holds Apache ZooKeeper's data files, so that a server pointed at a
 * ZooKeeper {@code dataDir} without importing it first can say so instead of serving an empty tree.
 */
public final class ZkDataProbe {
    private ZkDataProbe() {
    }

    /**
     * The first ZooKeeper snapshot or log found in {@code dir/version-2} (or {@code dir} itself
     * when it is a {@code version-2} directory), or empty when there is none or {@code dir} does
     * not exist.
     */
    public static Optional<Path> firstFileIn(Path dir) throws IOException {
        Path nested = dir.resolve(ZkFiles.VERSION_DIRECTORY);
        Path versionDir = Files.isDirectory(nested) ? nested : dir;
        if (!Files.isDirectory(versionDir)) {
            return Optional.empty();
        }
        List<ZkFiles.ZkFile> snapshots = ZkFiles.snapshots(versionDir);
        if (!snapshots.isEmpty()) {
            return Optional.of(snapshots.get(0).path());
        }
        List<ZkFiles.ZkFile> logs = ZkFiles.logs(versionDir);
        return logs.isEmpty() ? Optional.empty() : Optional.of(logs.get(0).path());
    }
}
