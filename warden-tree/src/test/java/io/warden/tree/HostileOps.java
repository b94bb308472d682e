package io.warden.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/**
 * A seeded generator of transactions as a hostile client could shape them through the prepare
 * stage: any path (null, relative, built-in, quota nodes), any flags, op code, TTL and version,
 * null data and ACLs, ACL entries without scheme or id, multis holding any op. Identities are the
 * kinds the server gives connections.
 */
final class HostileOps {
    private static final String[] PATHS = {"/", "/a", "/a/b", "/b", "", "a", "/a/", "/a//b", "/a/\u0000", "/.",
            "/zookeeper", "/zookeeper/quota", "/zookeeper/quota/a", "/zookeeper/quota/a/zookeeper_limits",
            "/zookeeper/quota/a/zookeeper_stats", "/c-", null};
    private static final List<List<Id>> IDENTITIES = List.of(List.of(new Id("ip", "127.0.0.1")),
            List.of(new Id("ip", "10.0.0.1"), new Id("digest", "u:abc=")), List.of(new Id("super", "")),
            List.of());

    private final SplittableRandom random;

    HostileOps(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    List<Id> identities() {
        return IDENTITIES.get(random.nextInt(IDENTITIES.size()));
    }

    long session() {
        return new long[] {0, 0x101, 0x102}[random.nextInt(3)];
    }

    private String path() {
        return PATHS[random.nextInt(PATHS.length)];
    }

    private String string() {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "anyone";
            case 3 -> "u:abc=";
            default -> "10.0.0.0/8";
        };
    }

    private byte[] data() {
        if (random.nextInt(6) == 0) {
            return null;
        }
        if (random.nextInt(8) == 0) {
            return "count=1,bytes=-1".getBytes(StandardCharsets.UTF_8);
        }
        byte[] data = new byte[random.nextInt(5)];
        random.nextBytes(data);
        return data;
    }

    private List<Acl> acl() {
        if (random.nextInt(6) == 0) {
            return null;
        }
        int size = random.nextInt(4);
        List<Acl> acl = new ArrayList<>(size);
        String[] schemes = {"world", "digest", "ip", "auth", "super", "foo", null};
        for (int i = 0; i < size; i++) {
            acl.add(new Acl(random.nextInt(5) == 0 ? random.nextInt() : 31,
                    new Id(schemes[random.nextInt(schemes.length)], string())));
        }
        return acl;
    }

    private int version() {
        return random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(4) - 1;
    }

    TxnOp op(boolean top) {
        int[] createOps = {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, 0, 999};
        return switch (random.nextInt(top ? 11 : 9)) {
            case 0, 1 -> new TxnOp.Create(createOps[random.nextInt(createOps.length)], path(), data(), acl(),
                    random.nextInt(10) - 1, random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(3) - 1);
            case 2 -> new TxnOp.Delete(path(), version(), random.nextBoolean());
            case 3 -> new TxnOp.DeleteContainer(path());
            case 4 -> new TxnOp.SetData(path(), data(), version());
            case 5 -> new TxnOp.SetAcl(path(), acl(), version());
            case 6 -> new TxnOp.Check(path(), version());
            case 7 -> new TxnOp.Error(ErrorCode.values()[random.nextInt(ErrorCode.values().length)]);
            case 8 -> random.nextBoolean() ? new TxnOp.CreateSession(session(), random.nextInt())
                    : new TxnOp.CloseSession(session());
            default -> {
                int size = random.nextInt(5);
                List<TxnOp> ops = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    ops.add(op(false));
                }
                yield new TxnOp.Multi(ops);
            }
        };
    }
}
