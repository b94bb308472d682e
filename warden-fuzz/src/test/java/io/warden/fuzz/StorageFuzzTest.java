package io.warden.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import io.warden.storage.FileStore;
import io.warden.storage.SnapshotWriter;
import io.warden.storage.TxnLogWriter;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/** Shared by the storage fuzz tests: a real tree's log and snapshot, written into memory, then damaged. */
final class StorageFuzzTest {
    static final int RECORD_BYTES_MAX = 1 << 16;
    private static final String[] PATHS = {"/a", "/a/b", "/b", "/c-", "/a/c", "/zookeeper/quota/a"};

    private StorageFuzzTest() {
    }

    /** Applies {@code count} shaped transactions to {@code tree}, logging each into {@code logs}. */
    static void writeLog(FuzzedDataProvider data, DataTree tree, FileStore logs, int count) throws IOException {
        try (TxnLogWriter log = new TxnLogWriter(logs, 512, 1024 + data.consumeInt(0, 4096), true, RECORD_BYTES_MAX,
                tree.lastZxid())) {
            for (int i = 0; i < count; i++) {
                Txn txn = new Txn(tree.lastZxid() + 1, 1_700_000_000_000L + i, 0x101, i,
                        List.of(new Id("ip", "127.0.0.1")), op(data));
                log.append(txn.zxid(), TxnCodec.encode(txn));
                tree.apply(txn);
                if (data.consumeInt(0, 7) == 0) {
                    log.sync();
                }
            }
            log.sync();
        }
    }

    private static TxnOp op(FuzzedDataProvider data) {
        String path = data.pickValue(PATHS);
        byte[] bytes = data.consumeBytes(data.consumeInt(0, 40));
        return switch (data.consumeInt(0, 5)) {
            case 0, 1 -> new TxnOp.Create(OpCode.CREATE2, path, bytes, Acl.OPEN_ACL_UNSAFE,
                    data.consumeInt(0, 3), -1);
            case 2 -> new TxnOp.SetData(path, bytes, -1);
            case 3 -> new TxnOp.Delete(path, -1, false);
            case 4 -> new TxnOp.CreateSession(0x101 + data.consumeInt(0, 2), 30_000);
            default -> new TxnOp.CloseSession(0x101 + data.consumeInt(0, 2));
        };
    }

    /** Writes a whole snapshot of the tree into {@code store}; returns its file name. */
    static String writeSnapshot(DataTree tree, FileStore store) throws IOException {
        TreeSnapshot snapshot = tree.beginSnapshot();
        try (SnapshotWriter writer = new SnapshotWriter(store, snapshot.zxid(), snapshot.digest(), snapshot.sessions(),
                snapshot.nodeCount())) {
            while (snapshot.hasMore()) {
                writer.write(snapshot.nextChunk(7));
            }
            return writer.commit();
        }
    }

    /** Damages one file as the fuzzer says: bytes flipped or set, or the file cut. True if anything changed. */
    static boolean damage(FuzzedDataProvider data, MemoryFileStore store, String name) {
        byte[] bytes = store.get(name).clone();
        boolean changed = false;
        int damages = data.consumeInt(0, 4);
        for (int i = 0; i < damages && bytes.length > 0; i++) {
            int at = data.consumeInt(0, bytes.length - 1);
            if (data.consumeBoolean()) {
                byte value = data.consumeByte();
                changed |= bytes[at] != value;
                bytes[at] = value;
            } else {
                changed |= at < bytes.length - 1;
                bytes = java.util.Arrays.copyOf(bytes, at + 1);
            }
        }
        store.put(name, bytes);
        return changed;
    }

    static String describe(MemoryFileStore store) {
        StringBuilder text = new StringBuilder();
        for (String name : store.names()) {
            text.append(name).append(' ').append(store.get(name).length).append(" bytes; ");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8).length > 0 ? text.toString() : "empty";
    }

    static TreeOptions options() {
        return TreeOptions.DEFAULTS;
    }
}
