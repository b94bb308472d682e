package io.warden.storage.zookeeper;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.warden.storage.CorruptDataException;
import io.warden.tree.NodeRecord;
import io.warden.wire.Acl;
import io.warden.wire.Id;

/**
 * Reads a ZooKeeper 3.x snapshot, checking it whole. The layout, as ZooKeeper 3.9.3 writes it
 * (jute encoding, big-endian; determined by reading its files):
 *
 * <pre>
 * FileHeader     int magic "ZKSN", int version 2, long dbid (-1)
 * sessions       int count, then count x (long session id, int timeout ms)
 * ACL table      int count, then count x (long reference, int n, n x (int perms, ustring scheme, ustring id))
 * nodes          repeated: ustring path ("" for the root), buffer data, long ACL reference
 *                (-1 = world:anyone with all permissions), StatPersisted (long czxid, long mzxid,
 *                long ctime, long mtime, int version, int cversion, int aversion,
 *                long ephemeralOwner, long pzxid); parents before children; ends with the path "/"
 * seal           long Adler-32 of every byte before it, ustring "/"
 * digest         (when digests are on) long zxid, int version, long digest, then a seal
 * last zxid      long last processed zxid, then a seal (3.9; absent from older snapshots)
 * </pre>
 *
 * Snapshots compressed with gzip ({@code .gz}) or snappy-java ({@code .snappy}, see {@link
 * SnappyInput}) hold the same bytes compressed; offsets in messages are then offsets in the
 * uncompressed content, and damage to the compression itself names its offset in the file.
 */
final class ZkSnapshotReader {
    static final int MAGIC = 0x5A4B_534E;
    static final int VERSION = 2;
    /** ACL reference ZooKeeper uses for world:anyone with all permissions. */
    static final long OPEN_ACL_REFERENCE = -1;
    private static final int SEAL_BYTES = 13;
    private static final int DIGEST_BYTES = 20;
    private static final int LAST_ZXID_BYTES = 8;

    private ZkSnapshotReader() {
    }

    /** Told how far reading has come. */
    @FunctionalInterface
    interface Progress {
        void nodes(long nodesRead, long offset);
    }

    static ZkSnapshot read(ZkFiles.ZkFile zkFile, int fieldBytesMax, Progress progress)
            throws IOException, CorruptDataException {
        String file = zkFile.path().toString();
        boolean compressed = !zkFile.compression().isEmpty();
        InputStream raw = new BufferedInputStream(Files.newInputStream(zkFile.path()), 1 << 16);
        InputStream in;
        try {
            in = !compressed ? raw : new BufferedInputStream(zkFile.compression().equals(ZkFiles.GZIP)
                    ? new GZIPInputStream(raw, 1 << 16) : new SnappyInput(raw), 1 << 16);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new CorruptDataException(file, 0, "not " + zkFile.compression() + " data: " + e.getMessage());
        }
        String described = compressed ? file + " (uncompressed)" : file;
        try (ZkStream stream = new ZkStream(in, described, compressed ? -1 : Files.size(zkFile.path()),
                fieldBytesMax)) {
            try {
                return new Parse(stream, zkFile.zxid(), progress).snapshot(file);
            } catch (ZipException | EOFException e) {
                throw stream.corrupt(stream.offset(), "damaged compressed data: " + e.getMessage());
            }
        }
    }

    /** One pass over one file. */
    private static final class Parse {
        private final ZkStream in;
        private final long nameZxid;
        private final Progress progress;

        Parse(ZkStream in, long nameZxid, Progress progress) {
            this.in = in;
            this.nameZxid = nameZxid;
            this.progress = progress;
        }

        ZkSnapshot snapshot(String file) throws IOException, CorruptDataException {
            int magic = in.readInt("the magic number");
            if (magic != MAGIC) {
                throw in.corrupt(0, String.format("not a ZooKeeper snapshot (magic 0x%08x, expected 0x%08x \"ZKSN\")",
                        magic, MAGIC));
            }
            int version = in.readInt("the version");
            if (version != VERSION) {
                throw in.corrupt(4, "unsupported ZooKeeper snapshot version " + version + " (expected " + VERSION
                        + ")");
            }
            long dbid = in.readLong("the database id");
            Map<Long, Integer> sessions = sessions();
            Map<Long, List<Acl>> acls = aclTable();
            List<NodeRecord> nodes = nodes(acls);
            seal("the tree");
            ZkSnapshot.Digest digest = null;
            long lastZxid = -1;
            long lastZxidOffset = -1;
            long trailerOffset = in.offset();
            byte[] trailer = in.readRest(DIGEST_BYTES + LAST_ZXID_BYTES + 2 * SEAL_BYTES, "trailing data");
            int at = 0;
            if (trailer.length == DIGEST_BYTES + SEAL_BYTES
                    || trailer.length == DIGEST_BYTES + LAST_ZXID_BYTES + 2 * SEAL_BYTES) {
                digest = new ZkSnapshot.Digest(ZkBytes.getLong(trailer, 0), ZkBytes.getInt(trailer, 8),
                        ZkBytes.getLong(trailer, 12));
                at = trailerSection(trailer, trailerOffset, at, DIGEST_BYTES, "the digest");
            }
            if (trailer.length - at == LAST_ZXID_BYTES + SEAL_BYTES) {
                lastZxid = ZkBytes.getLong(trailer, at);
                lastZxidOffset = trailerOffset + at;
                if (lastZxid < nameZxid) {
                    throw in.corrupt(trailerOffset + at, "records last zxid 0x" + Long.toHexString(lastZxid)
                            + ", older than its name says (0x" + Long.toHexString(nameZxid) + ")");
                }
                at = trailerSection(trailer, trailerOffset, at, LAST_ZXID_BYTES, "the last zxid");
            }
            if (at != trailer.length) {
                throw in.corrupt(trailerOffset + at, (trailer.length - at) + " unexpected bytes after the tree");
            }
            return new ZkSnapshot(file, nameZxid, dbid, sessions, nodes, digest, lastZxid, lastZxidOffset);
        }

        private Map<Long, Integer> sessions() throws IOException, CorruptDataException {
            long at = in.offset();
            int count = in.readCount("the session count", 12);
            if (count < 0) {
                throw in.corrupt(at, "bad session count " + count);
            }
            Map<Long, Integer> sessions = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                long entry = in.offset();
                long id = in.readLong("a session id");
                int timeoutMs = in.readInt("a session timeout");
                if (sessions.put(id, timeoutMs) != null) {
                    throw in.corrupt(entry, "session 0x" + Long.toHexString(id) + " listed twice");
                }
            }
            return sessions;
        }

        private Map<Long, List<Acl>> aclTable() throws IOException, CorruptDataException {
            long at = in.offset();
            int count = in.readCount("the ACL table size", 12);
            if (count < 0) {
                throw in.corrupt(at, "bad ACL table size " + count);
            }
            Map<Long, List<Acl>> acls = new HashMap<>();
            for (int i = 0; i < count; i++) {
                long entry = in.offset();
                long reference = in.readLong("an ACL reference");
                int size = in.readCount("an ACL list length", 12);
                List<Acl> list = new ArrayList<>();
                for (int j = 0; j < size; j++) {
                    long aclOffset = in.offset();
                    int perms = in.readInt("ACL permissions");
                    String scheme = in.readString("an ACL scheme");
                    String id = in.readString("an ACL id");
                    if (scheme == null || id == null) {
                        throw in.corrupt(aclOffset, "ACL entry without a scheme or id");
                    }
                    list.add(new Acl(perms, new Id(scheme, id)));
                }
                if (acls.put(reference, List.copyOf(list)) != null) {
                    throw in.corrupt(entry, "ACL reference " + reference + " listed twice");
                }
            }
            return acls;
        }

        private List<NodeRecord> nodes(Map<Long, List<Acl>> acls) throws IOException, CorruptDataException {
            List<NodeRecord> nodes = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            while (true) {
                long at = in.offset();
                String path = in.readString("a node path");
                if (path == null) {
                    throw in.corrupt(at, "node without a path");
                }
                if (path.equals("/")) {
                    break;
                }
                if (nodes.isEmpty() != path.isEmpty()) {
                    throw in.corrupt(at, nodes.isEmpty() ? "the first node is " + path + ", not the root"
                            : "a second root node");
                }
                String fullPath = path.isEmpty() ? "/" : path;
                if (!path.isEmpty()) {
                    int slash = path.lastIndexOf('/');
                    if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
                        throw in.corrupt(at, "bad node path " + path);
                    }
                    String parent = slash == 0 ? "/" : path.substring(0, slash);
                    if (!seen.contains(parent)) {
                        throw in.corrupt(at, "node " + path + " comes without its parent " + parent);
                    }
                }
                if (!seen.add(fullPath)) {
                    throw in.corrupt(at, "node " + fullPath + " listed twice");
                }
                byte[] data = in.readBuffer("the data of " + fullPath);
                long aclOffset = in.offset();
                long reference = in.readLong("the ACL reference of " + fullPath);
                List<Acl> acl = reference == OPEN_ACL_REFERENCE ? Acl.OPEN_ACL_UNSAFE : acls.get(reference);
                if (acl == null) {
                    throw in.corrupt(aclOffset, "ACL reference " + reference + " of " + fullPath
                            + " is not in the snapshot's ACL table");
                }
                String stat = "the Stat of " + fullPath;
                long czxid = in.readLong(stat);
                long mzxid = in.readLong(stat);
                long ctime = in.readLong(stat);
                long mtime = in.readLong(stat);
                int version = in.readInt(stat);
                int cversion = in.readInt(stat);
                int aversion = in.readInt(stat);
                long ephemeralOwner = in.readLong(stat);
                long pzxid = in.readLong(stat);
                nodes.add(new NodeRecord(fullPath, data, acl, czxid, mzxid, ctime, mtime, pzxid, version, aversion,
                        cversion, ephemeralOwner));
                if ((nodes.size() & 1023) == 0) {
                    progress.nodes(nodes.size(), in.offset());
                }
            }
            if (nodes.isEmpty()) {
                throw in.corrupt(in.offset() - 5, "no root node");
            }
            progress.nodes(nodes.size(), in.offset());
            return nodes;
        }

        /** Checks a seal read from the stream: the checksum of everything before it, then "/". */
        private void seal(String what) throws IOException, CorruptDataException {
            long at = in.offset();
            long expected = in.checksum();
            long stored = in.readLong("the checksum after " + what);
            String marker = in.readString("the seal after " + what);
            if (stored != expected) {
                throw in.corrupt(at, "checksum mismatch after " + what + " (stored 0x" + Long.toHexString(stored)
                        + ", computed 0x" + Long.toHexString(expected) + ")");
            }
            if (!"/".equals(marker)) {
                throw in.corrupt(at + 8, "bad seal after " + what);
            }
        }

        /** Checks one trailing section of {@code length} bytes and its seal; returns where the next starts. */
        private int trailerSection(byte[] trailer, long trailerOffset, int at, int length, String what)
                throws CorruptDataException {
            in.addToChecksum(trailer, at, length);
            int sealAt = at + length;
            long expected = in.checksum();
            long stored = ZkBytes.getLong(trailer, sealAt);
            if (stored != expected) {
                throw in.corrupt(trailerOffset + sealAt, "checksum mismatch after " + what + " (stored 0x"
                        + Long.toHexString(stored) + ", computed 0x" + Long.toHexString(expected) + ")");
            }
            if (ZkBytes.getInt(trailer, sealAt + 8) != 1 || trailer[sealAt + 12] != '/') {
                throw in.corrupt(trailerOffset + sealAt + 8, "bad seal after " + what);
            }
            in.addToChecksum(trailer, sealAt, SEAL_BYTES);
            return sealAt + SEAL_BYTES;
        }
    }
}
