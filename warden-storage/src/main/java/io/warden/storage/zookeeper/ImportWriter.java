package io.warden.storage.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.warden.common.Zxid;
import io.warden.storage.CorruptDataException;
import io.warden.storage.EpochFile;
import io.warden.storage.FileStore;
import io.warden.storage.SnapshotReader;
import io.warden.storage.SnapshotWriter;
import io.warden.tree.DataTree;
import io.warden.tree.NodeRecord;
import io.warden.tree.TreeOptions;

/** Writes an imported tree as one Warden snapshot, and checks it by reading it back. */
public final class ImportWriter {
    private static final int CHUNK_NODES = 1000;

    private ImportWriter() {
    }

    /** What was written. */
    public record Written(String file, long zxid, long digest, long nodes, long sessions) {
    }

    /**
     * A Warden snapshot or log already in one of these directories ({@code <dir>/warden-1}), or null
     * when they hold none or do not exist: an import must not mix its tree with existing data.
     */
    public static Path existingData(List<Path> directories) throws IOException {
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("snapshot.") || name.startsWith("log.")) {
                        return file;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Writes the snapshot into {@code snapshots}, then reads it back and checks that it holds the
     * same tree; then, for data of an ensemble (a zxid of epoch 1 or more), the epoch files an
     * ensemble member starts from, both at that epoch, as ZooKeeper's member would have them: a
     * member without them would start from epoch 0 and number its first transaction below the
     * imported ones.
     *
     * @throws CorruptDataException when the imported nodes do not form a tree
     */
    public static Written write(ZkImport imported, FileStore snapshots, int fieldBytesMax)
            throws IOException, CorruptDataException {
        DataTree tree = restore(imported);
        List<NodeRecord> nodes = imported.nodes();
        String name;
        try (SnapshotWriter writer = new SnapshotWriter(snapshots, imported.zxid(), tree.digest(), imported.sessions(),
                nodes.size())) {
            for (int from = 0; from < nodes.size(); from += CHUNK_NODES) {
                writer.write(nodes.subList(from, Math.min(nodes.size(), from + CHUNK_NODES)));
            }
            name = writer.commit();
        }
        SnapshotReader.Snapshot back = SnapshotReader.read(snapshots, name, fieldBytesMax);
        DataTree reread = DataTree.restore(TreeOptions.DEFAULTS, back.zxid(), back.sessions(), back.nodes());
        if (back.zxid() != imported.zxid() || back.digest() != tree.digest() || reread.digest() != tree.digest()
                || !back.sessions().equals(imported.sessions())) {
            throw new CorruptDataException(snapshots.describe(name), 0, "the snapshot just written does not read back"
                    + " as the imported tree");
        }
        long epoch = Zxid.epoch(imported.zxid());
        if (epoch > 0) {
            // acceptedEpoch first: currentEpoch never exceeds it, even after a crash between the two
            EpochFile.write(snapshots, EpochFile.ACCEPTED_EPOCH, epoch);
            EpochFile.write(snapshots, EpochFile.CURRENT_EPOCH, epoch);
        }
        return new Written(snapshots.describe(name), imported.zxid(), tree.digest(), nodes.size(),
                imported.sessions().size());
    }

    private static DataTree restore(ZkImport imported) throws CorruptDataException {
        try {
            return DataTree.restore(TreeOptions.DEFAULTS, imported.zxid(), imported.sessions(), imported.nodes());
        } catch (IllegalArgumentException e) {
            String source = imported.snapshotFile() != null ? imported.snapshotFile()
                    : imported.logFiles().isEmpty() ? "the ZooKeeper data" : imported.logFiles().get(0);
            throw new CorruptDataException(source, 0, "the ZooKeeper nodes do not form a tree: " + e.getMessage());
        }
    }
}
