package io.warden.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.warden.wire.Acl;
import io.warden.wire.OpCode;

/** A seeded generator of transactions over a small path space, so that ops often collide. */
final class RandomOps {
    static final long[] SEEDS = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181,
            0x5EED, 0xC0FFEE, 20240601, 7_777_777, 123_456_789, 987_654_321};
    static final long[] SESSIONS = {0x101, 0x102};
    private static final String[] PATHS = {"/a", "/b", "/a/x", "/a/y", "/b/x", "/a/x/z", "/q-"};
    private static final String[] PREFIXES = {"/a/s-", "/b/", "/q-"};

    private final SplittableRandom random;

    RandomOps(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    String path() {
        return PATHS[random.nextInt(PATHS.length)];
    }

    private byte[] data() {
        if (random.nextInt(8) == 0) {
            return null;
        }
        byte[] data = new byte[random.nextInt(4)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

    private int version() {
        return random.nextInt(4) - 1;
    }

    long session() {
        return SESSIONS[random.nextInt(SESSIONS.length)];
    }

    /** A sub-op a multi may carry. */
    TxnOp subOp() {
        switch (random.nextInt(5)) {
            case 0:
            case 1: {
                boolean sequential = random.nextInt(4) == 0;
                int flags = (sequential ? 2 : 0) | (random.nextInt(3) == 0 ? 1 : 0);
                String path = sequential ? PREFIXES[random.nextInt(PREFIXES.length)] : path();
                int opCode = random.nextBoolean() ? OpCode.CREATE : OpCode.CREATE2;
                return new TxnOp.Create(opCode, path, data(), Acl.OPEN_ACL_UNSAFE, flags, -1);
            }
            case 2:
                return new TxnOp.Delete(path(), version(), false);
            case 3:
                return new TxnOp.SetData(path(), data(), version());
            default:
                return new TxnOp.Check(path(), version());
        }
    }

    TxnOp multi() {
        int size = 1 + random.nextInt(4);
        List<TxnOp> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ops.add(subOp());
        }
        return new TxnOp.Multi(ops);
    }

    /** Any transaction, session transactions included. */
    TxnOp any() {
        int pick = random.nextInt(20);
        if (pick < 12) {
            TxnOp op = subOp();
            return op instanceof TxnOp.Check ? new TxnOp.SetAcl(path(), Acl.OPEN_ACL_UNSAFE, version()) : op;
        }
        if (pick < 17) {
            return multi();
        }
        if (pick < 19) {
            return new TxnOp.CreateSession(session(), 30_000);
        }
        return new TxnOp.CloseSession(session());
    }

    /** A watch registration or a connection close, to apply the same way to every tree under test. */
    Consumer<DataTree> watchAction() {
        long watcher = 1 + random.nextInt(3);
        String path = path();
        switch (random.nextInt(5)) {
            case 0:
                return tree -> tree.getData(path, TreeFixture.ANONYMOUS, watcher);
            case 1:
                return tree -> tree.exists(path, TreeFixture.ANONYMOUS, watcher);
            case 2:
                return tree -> tree.getChildren(path, TreeFixture.ANONYMOUS, watcher);
            case 3: {
                int mode = random.nextInt(2);
                return tree -> tree.addWatch(path, mode, watcher);
            }
            default:
                return tree -> tree.removeWatcher(watcher);
        }
    }
}
