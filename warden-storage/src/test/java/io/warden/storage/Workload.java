package io.warden.storage;

import java.util.List;
import java.util.SplittableRandom;

import io.warden.tree.Txn;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/** Seeded random transactions over a small tree, with sessions and ephemerals, for storage tests. */
final class Workload {
    private static final List<Id> IDS = List.of(new Id("ip", "127.0.0.1"));
    private static final String[] PATHS = {"/a", "/b", "/a/x", "/a/y", "/b/z", "/c"};
    private final SplittableRandom random;
    private long zxid;

    Workload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Txn next() {
        zxid++;
        long session = 0x100 + random.nextInt(3);
        TxnOp op;
        int kind = random.nextInt(10);
        String path = PATHS[random.nextInt(PATHS.length)];
        if (kind == 0) {
            op = new TxnOp.CreateSession(session, 30_000);
        } else if (kind == 1) {
            op = new TxnOp.CloseSession(session);
        } else if (kind <= 4) {
            int flags = random.nextInt(4);
            op = new TxnOp.Create(OpCode.CREATE2, flags >= 2 ? "/a/s-" : path, data(), Acl.OPEN_ACL_UNSAFE,
                    flags, -1);
        } else if (kind <= 6) {
            op = new TxnOp.SetData(path, data(), -1);
        } else if (kind == 7) {
            op = new TxnOp.Delete(path, -1, false);
        } else {
            op = new TxnOp.Multi(List.of(new TxnOp.Create(OpCode.CREATE, path + "m", data(), Acl.OPEN_ACL_UNSAFE,
                    0, -1), new TxnOp.SetData(PATHS[random.nextInt(PATHS.length)], data(), -1)));
        }
        return new Txn(zxid, 1_700_000_000_000L + zxid * 10, session, (int) zxid, IDS, op);
    }

    private byte[] data() {
        byte[] data = new byte[random.nextInt(40)];
        random.nextBytes(data);
        return data;
    }
}
