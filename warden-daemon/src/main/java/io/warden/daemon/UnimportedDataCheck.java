package io.warden.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.warden.daemon.config.ServerConfig;
import io.warden.storage.DataFiles;
import io.warden.storage.zookeeper.ZkDataProbe;

/**
 * Refuses to start a server on a ZooKeeper {@code dataDir} that was never imported: a user who
 * points an existing {@code zoo.cfg} at Warden would otherwise get an empty tree, and every
 * client would see its data gone. Once Warden has files of its own there, ZooKeeper's are left
 * alone (they are what {@code import-zk} read).
 */
final class UnimportedDataCheck {
    private UnimportedDataCheck() {
    }

    static void check(ServerConfig config) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(config.dataDir());
        dirs.add(config.dataLogDir());
        for (Path dir : dirs) {
            if (holdsWardenFiles(dir.resolve(DataFiles.SUBDIRECTORY))) {
                return;
            }
        }
        for (Path dir : dirs) {
            Optional<Path> zkFile = ZkDataProbe.firstFileIn(dir);
            if (zkFile.isPresent()) {
                throw new IOException("cannot start: " + dir + " holds Apache ZooKeeper's data (" + zkFile.get()
                        + ") and no Warden data, so the server would start with an empty tree. Import it first"
                        + " with the server stopped: ./warden import-zk " + config.dataDir()
                        + (config.dataLogDir().equals(config.dataDir()) ? "" : " --zk-log-dir " + config.dataLogDir())
                        + " --data-dir " + config.dataDir()
                        + (config.dataLogDir().equals(config.dataDir()) ? "" : " --data-log-dir " + config.dataLogDir())
                        + " (ZooKeeper's files are only read), or point dataDir at another directory to start empty");
            }
        }
    }

    private static boolean holdsWardenFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }
}
