package io.warden.storage.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where ZooKeeper keeps its files and what it calls them: a {@code version-2} directory holding
 * {@code snapshot.<zxid>} (with {@code .gz} or {@code .snappy} when compressed) and
 * {@code log.<zxid>}, the zxid in lower-case hex without padding (the last zxid a snapshot
 * includes; the first zxid of a log).
 */
final class ZkFiles {
    static final String VERSION_DIRECTORY = "version-2";
    static final String SNAPSHOT_PREFIX = "snapshot.";
    static final String LOG_PREFIX = "log.";
    static final String GZIP = "gz";
    static final String SNAPPY = "snappy";

    private ZkFiles() {
    }

    /** One of ZooKeeper's files; {@code compression} is "", "gz" or "snappy". */
    record ZkFile(Path path, long zxid, String compression) {
        String name() {
            return path.getFileName().toString();
        }
    }

    /**
     * The directory holding the files: {@code dir/version-2} when it exists, otherwise {@code dir}
     * itself when it is a {@code version-2} directory or holds snapshot or log files.
     */
    static Path versionDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        Path nested = dir.resolve(VERSION_DIRECTORY);
        if (Files.isDirectory(nested)) {
            return nested;
        }
        Path name = dir.getFileName();
        if ((name != null && name.toString().equals(VERSION_DIRECTORY)) || !snapshots(dir).isEmpty()
                || !logs(dir).isEmpty()) {
            return dir;
        }
        throw new NoSuchFileException(dir.toString(), null,
                "no ZooKeeper data here (expected a " + VERSION_DIRECTORY
                        + " directory with snapshot.* and log.* files)");
    }

    /** The snapshots, newest first. */
    static List<ZkFile> snapshots(Path versionDir) throws IOException {
        List<ZkFile> files = list(versionDir, SNAPSHOT_PREFIX, true);
        files.sort(Comparator.comparingLong(ZkFile::zxid).reversed());
        return files;
    }

    /** The logs, oldest first. */
    static List<ZkFile> logs(Path versionDir) throws IOException {
        List<ZkFile> files = list(versionDir, LOG_PREFIX, false);
        files.sort(Comparator.comparingLong(ZkFile::zxid));
        return files;
    }

    private static List<ZkFile> list(Path dir, String prefix, boolean compressible) throws IOException {
        List<ZkFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : (Iterable<Path>) entries::iterator) {
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                ZkFile file = parse(path, prefix, compressible);
                if (file != null) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The file, or null when its name is not one of ZooKeeper's names with this prefix. */
    static ZkFile parse(Path path, String prefix, boolean compressible) {
        String name = path.getFileName().toString();
        if (!name.startsWith(prefix)) {
            return null;
        }
        String rest = name.substring(prefix.length());
        String compression = "";
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            compression = rest.substring(dot + 1);
            rest = rest.substring(0, dot);
            if (!compressible || !(compression.equals(GZIP) || compression.equals(SNAPPY))) {
                return null;
            }
        }
        if (rest.isEmpty() || rest.length() > 16 || !rest.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            return new ZkFile(path, Long.parseUnsignedLong(rest, 16), compression);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
