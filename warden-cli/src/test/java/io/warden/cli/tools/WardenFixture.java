package io.warden.cli.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.warden.storage.DirectoryFileStore;
import io.warden.storage.SnapshotWriter;
import io.warden.storage.TxnLogWriter;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;

/** Warden data files written by warden-storage's own writers, from a fixed list of transactions. */
final class WardenFixture {
    static final long SESSION = 0x1000_0000_0000_abcL;
    static final long T0 = 1_700_000_000_000L;
    static final int RECORD_MAX = 4 << 20;
    static final Id ALICE = new Id("digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=");

    private WardenFixture() {
    }

    static List<Txn> transactions() {
        List<Acl> open = Acl.OPEN_ACL_UNSAFE;
        List<Acl> secure = List.of(new Acl(Perms.ALL, ALICE), new Acl(Perms.READ, Id.ANYONE));
        List<TxnOp> ops = List.of(
                new TxnOp.CreateSession(SESSION, 30_000),
                new TxnOp.Create(OpCode.CREATE, "/app", bytes("hello"), open, 0, -1),
                new TxnOp.Create(OpCode.CREATE2, "/app/e", new byte[] {0, 1, 2, (byte) 0xFF}, open, 1, -1),
                new TxnOp.Create(OpCode.CREATE_CONTAINER, "/box", null, open, 4, -1),
                new TxnOp.Create(OpCode.CREATE_TTL, "/ttl", bytes("t"), open, 5, 5000),
                new TxnOp.Create(OpCode.CREATE, "/secure", bytes("s"), secure, 0, -1),
                new TxnOp.SetData("/app", bytes("hello again"), 0),
                new TxnOp.Multi(List.of(new TxnOp.Create(OpCode.CREATE, "/app/q-", null, open, 2, -1),
                        new TxnOp.Check("/app", 1))),
                new TxnOp.Error(ErrorCode.NODEEXISTS),
                new TxnOp.Delete("/ttl", -1, false));
        List<Txn> txns = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            long zxid = i + 1;
            txns.add(new Txn(zxid, T0 + zxid, SESSION, i, List.of(ALICE), ops.get(i)));
        }
        return txns;
    }

    static DataTree tree() {
        DataTree tree = new DataTree(new TreeOptions(true, false));
        for (Txn txn : transactions()) {
            tree.apply(txn);
        }
        return tree;
    }

    /** Writes {@code snapshot.<zxid>} of the whole tree into {@code dir}; returns its path. */
    static Path snapshot(Path dir) throws IOException {
        DirectoryFileStore store = new DirectoryFileStore(dir);
        TreeSnapshot snapshot = tree().beginSnapshot();
        try (SnapshotWriter writer = new SnapshotWriter(store, snapshot.zxid(), snapshot.digest(),
                snapshot.sessions(), snapshot.nodeCount())) {
            while (snapshot.hasMore()) {
                writer.write(snapshot.nextChunk(3));
            }
            return dir.resolve(writer.commit());
        }
    }

    /** Writes every transaction into one preallocated log segment in {@code dir}; returns its path. */
    static Path log(Path dir) throws IOException {
        DirectoryFileStore store = new DirectoryFileStore(dir);
        try (TxnLogWriter writer = new TxnLogWriter(store, 64 * 1024, 1 << 30, false, RECORD_MAX, 0)) {
            for (Txn txn : transactions()) {
                writer.append(txn.zxid(), TxnCodec.encode(txn));
            }
            writer.sync();
        }
        return dir.resolve("log.0000000000000001");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
