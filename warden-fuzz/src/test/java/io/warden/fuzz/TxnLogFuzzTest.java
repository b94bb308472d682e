package io.warden.fuzz;

import java.io.IOException;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.warden.storage.CorruptDataException;
import io.warden.storage.Recovery;
import io.warden.tree.DataTree;

/**
 * Transaction logs written by the server from shaped transactions, then damaged (bytes changed,
 * files cut): recovery rebuilds the tree or stops with a {@link CorruptDataException} naming the
 * file, and never throws anything else. An undamaged log rebuilds exactly the tree that wrote it,
 * and a damaged one never yields a transaction that was not written.
 */
class TxnLogFuzzTest {

    @FuzzTest
    void recoveryRebuildsTheTreeOrNamesTheDamage(FuzzedDataProvider data) throws IOException {
        MemoryFileStore logs = new MemoryFileStore();
        DataTree written = new DataTree(StorageFuzzTest.options());
        StorageFuzzTest.writeLog(data, written, logs, data.consumeInt(0, 40));
        boolean damaged = false;
        List<String> names = logs.names();
        if (!names.isEmpty() && data.consumeBoolean()) {
            damaged = StorageFuzzTest.damage(data, logs, data.pickValue(names));
        }
        Recovery.Recovered recovered;
        try {
            recovered = Recovery.recover(new MemoryFileStore(), logs, StorageFuzzTest.options(),
                    StorageFuzzTest.RECORD_BYTES_MAX, warning -> { });
        } catch (CorruptDataException e) {
            if (!damaged) {
                throw new AssertionError("an undamaged log was refused: " + StorageFuzzTest.describe(logs), e);
            }
            return;
        }
        DataTree tree = recovered.tree();
        if (!damaged && (tree.digest() != written.digest() || tree.lastZxid() != written.lastZxid())) {
            throw new AssertionError("an undamaged log rebuilt another tree");
        }
        if (tree.lastZxid() > written.lastZxid()) {
            throw new AssertionError("recovery invented transactions up to " + tree.lastZxid());
        }
    }
}
