package io.warden.cli.tools;

import java.io.IOException;
import java.nio.file.Path;

import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotReader;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/** Reading and checking one Warden snapshot file as recovery would. */
final class WardenSnapshots {
    private WardenSnapshots() {
    }

    static SnapshotReader.Snapshot read(Path file, int fieldBytesMax) throws IOException, CorruptDataException {
        SingleFileStore store = new SingleFileStore(file, file.getFileName().toString());
        return SnapshotReader.read(store, store.name(), fieldBytesMax);
    }

    /**
     * Everything recovery checks beyond reading the file back: the zxid its name gives (when it
     * has a snapshot's name), that the nodes form a tree, and that their digest is the recorded one.
     */
    static DataTree check(Path file, SnapshotReader.Snapshot snapshot) throws CorruptDataException {
        String name = file.getFileName().toString();
        long named = name.matches("snapshot\\.[0-9a-f]{16}") ? Long.parseUnsignedLong(name.substring(9), 16) : -1;
        if (named != -1 && named != snapshot.zxid()) {
            throw new CorruptDataException(file.toString(), 8, "holds zxid " + Formats.hex(snapshot.zxid())
                    + ", its name says " + Formats.hex(named));
        }
        DataTree tree;
        try {
            tree = DataTree.restore(TreeOptions.DEFAULTS, snapshot.zxid(), snapshot.sessions(), snapshot.nodes());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(file.toString(), 0, "nodes do not form a tree: " + e.getMessage());
        }
        if (tree.digest() != snapshot.digest()) {
            throw new CorruptDataException(file.toString(), 16, "tree digest " + Formats.hex(tree.digest())
                    + " differs from the recorded " + Formats.hex(snapshot.digest()));
        }
        return tree;
    }
}
