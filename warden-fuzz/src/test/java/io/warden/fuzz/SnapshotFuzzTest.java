package io.warden.fuzz;

import java.io.IOException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.warden.storage.CorruptDataException;
import io.warden.storage.Recovery;
import io.warden.tree.DataTree;

/**
 * Snapshots written by the server from a tree shaped by the fuzzer, then damaged: recovery loads
 * the snapshot or stops with a {@link CorruptDataException}, never another exception, and never
 * serves a tree other than the one that was written.
 */
class SnapshotFuzzTest {

    @FuzzTest
    void recoveryLoadsTheSnapshotOrNamesTheDamage(FuzzedDataProvider data) throws IOException {
        MemoryFileStore snapshots = new MemoryFileStore();
        DataTree written = new DataTree(StorageFuzzTest.options());
        StorageFuzzTest.writeLog(data, written, new MemoryFileStore(), data.consumeInt(0, 40));
        String name = StorageFuzzTest.writeSnapshot(written, snapshots);
        boolean damaged = data.consumeBoolean() && StorageFuzzTest.damage(data, snapshots, name);
        Recovery.Recovered recovered;
        try {
            recovered = Recovery.recover(snapshots, new MemoryFileStore(), StorageFuzzTest.options(),
                    StorageFuzzTest.RECORD_BYTES_MAX, warning -> { });
        } catch (CorruptDataException e) {
            if (!damaged) {
                throw new AssertionError("an undamaged snapshot was refused", e);
            }
            return;
        }
        DataTree tree = recovered.tree();
        boolean fresh = tree.lastZxid() == 0;
        if (!fresh && (tree.digest() != written.digest() || tree.lastZxid() != written.lastZxid())) {
            throw new AssertionError("a snapshot loaded as another tree (damaged: " + damaged + ")");
        }
        if (!damaged && tree.digest() != written.digest()) {
            throw new AssertionError("an undamaged snapshot did not load");
        }
    }
}
