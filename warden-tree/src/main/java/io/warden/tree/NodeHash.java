package io.warden.tree;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.warden.wire.Acl;

/**
 * A 64-bit hash of one znode's full state. The tree digest is the sum of all node hashes, so it
 * is independent of order and kept current by subtracting a node's old hash and adding its new
 * one on every change. Equal trees have equal digests on every replica and across restarts.
 *
 * <p>The hash is one chain over the path, the data, the ACL and the Stat fields, in that order.
 * The chain's state after the path and the data (its <em>prefix</em>) depends on nothing else, so
 * a node keeps it, computed once when its data is set; a change of metadata only (a parent's
 * pzxid and cversion on a child create or delete, an ACL change) continues the chain from the
 * stored prefix instead of hashing the data again. The value is the same as hashing everything.
 */
final class NodeHash {
    private static final long SEED = 0x5741524445_4E3131L;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    /** Data bytes hashed since the class was loaded; tests read it to prove what is not rehashed. */
    static long hashedDataBytes;

    private long h;

    private NodeHash(long start) {
        this.h = start;
    }

    /** The chain's state after the path and the data. */
    static long prefix(String path, byte[] data) {
        NodeHash hash = new NodeHash(SEED);
        hash.string(path);
        hash.bytes(data);
        if (data != null) {
            hashedDataBytes += data.length;
        }
        return hash.h;
    }

    /** The words an ACL list adds to the chain, which ACL interning computes once per distinct list. */
    static long[] aclWords(List<Acl> acl) {
        NodeHash collector = new NodeHash(0);
        List<Long> words = new java.util.ArrayList<>();
        for (Acl entry : acl) {
            words.add((long) entry.perms());
            collector.stringWords(entry.id().scheme(), words);
            collector.stringWords(entry.id().id(), words);
        }
        long[] out = new long[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = words.get(i);
        }
        return out;
    }

    /** The node's hash: the chain continued from {@code prefix} over the ACL words and the Stat fields. */
    static long of(long prefix, long[] aclWords, long czxid, long mzxid, long ctime, long mtime, long pzxid,
            int version, int aversion, int childCreates, long ephemeralOwner) {
        NodeHash hash = new NodeHash(prefix);
        for (long word : aclWords) {
            hash.word(word);
        }
        hash.word(czxid);
        hash.word(mzxid);
        hash.word(ctime);
        hash.word(mtime);
        hash.word(pzxid);
        hash.word(version);
        hash.word(aversion);
        hash.word(childCreates);
        hash.word(ephemeralOwner);
        return hash.h;
    }

    /** The hash of a node given whole, as snapshots store it. */
    static long of(NodeRecord r) {
        return of(prefix(r.path(), r.data()), aclWords(r.acl()), r.czxid(), r.mzxid(), r.ctime(), r.mtime(),
                r.pzxid(), r.version(), r.aversion(), r.childCreates(), r.ephemeralOwner());
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
        // Eight bytes at a time, read as one big-endian long: the same word as shifting them in one
        // by one (a restore hashes every node's data, and byte by byte that was a tenth of it).
        int whole = value.length & ~7;
        for (int at = 0; at < whole; at += 8) {
            word((long) BIG_ENDIAN_LONG.get(value, at));
        }
        if (whole < value.length) {
            long chunk = 0;
            for (int at = whole; at < value.length; at++) {
                chunk = (chunk << 8) | (value[at] & 0xFF);
            }
            word(chunk);
        }
    }

    /** The words {@link #string} would chain, collected instead. */
    private void stringWords(String value, List<Long> words) {
        if (value == null) {
            words.add(-1L);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        words.add((long) bytes.length);
        long chunk = 0;
        int filled = 0;
        for (byte b : bytes) {
            chunk = (chunk << 8) | (b & 0xFF);
            if (++filled == 8) {
                words.add(chunk);
                chunk = 0;
                filled = 0;
            }
        }
        if (filled > 0) {
            words.add(chunk);
        }
    }

    /** A 64-bit finaliser with good avalanche (the splitmix64 constants). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
