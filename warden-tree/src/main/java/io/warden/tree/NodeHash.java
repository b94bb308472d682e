package io.warden.tree;

import java.nio.charset.StandardCharsets;

import io.warden.wire.Acl;

/**
 * A 64-bit hash of one znode's full state. The tree digest is the sum of all node hashes, so it
 * is independent of order and kept current by subtracting a node's old hash and adding its new
 * one on every change. Equal trees have equal digests on every replica and across restarts.
 */
final class NodeHash {
    private static final long SEED = 0x5741524445_4E3131L;
    private long h = SEED;

    private NodeHash() {
    }

    static long of(String path, DataNode node) {
        NodeHash hash = new NodeHash();
        hash.string(path);
        hash.bytes(node.data);
        for (Acl acl : node.acl) {
            hash.word(acl.perms());
            hash.string(acl.id().scheme());
            hash.string(acl.id().id());
        }
        hash.word(node.czxid);
        hash.word(node.mzxid);
        hash.word(node.ctime);
        hash.word(node.mtime);
        hash.word(node.pzxid);
        hash.word(node.version);
        hash.word(node.aversion);
        hash.word(node.childCreates);
        hash.word(node.ephemeralOwner);
        return hash.h;
    }

    private void word(long value) {
        h = mix(h ^ mix(value + 0x9E37_79B9_7F4A_7C15L));
    }

    private void string(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        if (value == null) {
            word(-1);
            return;
        }
        word(value.length);
        long chunk = 0;
        int filled = 0;
        for (byte b : value) {
            chunk = (chunk << 8) | (b & 0xFF);
            if (++filled == 8) {
                word(chunk);
                chunk = 0;
                filled = 0;
            }
        }
        if (filled > 0) {
            word(chunk);
        }
    }

    /** A 64-bit finaliser with good avalanche (the splitmix64 constants). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
