package io.warden.tree;

import java.nio.charset.StandardCharsets;

import io.warden.wire.Acl;

/**
 * The node hash as one plain pass over a node's whole state (path, data, ACL, Stat fields), the
 * way snapshots written before the stored data hash recorded their digests. The tree's digest
 * must stay equal to the sum of these, or older snapshot files would no longer verify.
 */
final class NodeHashReference {
    private static final long SEED = 0x5741524445_4E3131L;
    private long h = SEED;

    static long digest(Iterable<NodeRecord> records) {
        long sum = 0;
        for (NodeRecord record : records) {
            sum += of(record);
        }
        return sum;
    }

    static long of(NodeRecord node) {
        NodeHashReference hash = new NodeHashReference();
        hash.bytes(node.path().getBytes(StandardCharsets.UTF_8));
        hash.bytes(node.data());
        for (Acl acl : node.acl()) {
            hash.word(acl.perms());
            hash.bytes(acl.id().scheme() == null ? null : acl.id().scheme().getBytes(StandardCharsets.UTF_8));
            hash.bytes(acl.id().id() == null ? null : acl.id().id().getBytes(StandardCharsets.UTF_8));
        }
        hash.word(node.czxid());
        hash.word(node.mzxid());
        hash.word(node.ctime());
        hash.word(node.mtime());
        hash.word(node.pzxid());
        hash.word(node.version());
        hash.word(node.aversion());
        hash.word(node.childCreates());
        hash.word(node.ephemeralOwner());
        return hash.h;
    }

    private void word(long value) {
        h = mix(h ^ mix(value + 0x9E37_79B9_7F4A_7C15L));
    }

    private void bytes(byte[] value) {
        if (value == null) {
            word(-1);
            return;
        }
        word(value.length);
        for (int at = 0; at < value.length; at += 8) {
            long chunk = 0;
            for (int i = at; i < Math.min(at + 8, value.length); i++) {
                chunk = (chunk << 8) | (value[i] & 0xFF);
            }
            word(chunk);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
