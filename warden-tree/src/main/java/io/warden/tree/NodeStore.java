package io.warden.tree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.warden.wire.Acl;
import io.warden.wire.EncodedStrings;
import io.warden.wire.Stat;

/**
 * The znodes, laid out for memory: a node is an int id, not an object. Per id, paged columns hold
 * what every node has and what is read without its record (czxid, ctime, the hash prefix of
 * {@link NodeHash}, the parent, the child links and the record's address); a variable-length
 * record in the {@link Slab} holds the rest: the name (not the whole path), the interned ACL id,
 * the Stat fields only where they differ from their defaults, and data of up to
 * {@link #INLINE_DATA_MAX_BYTES} (larger data stays in its own array). A {@link PathIndex} finds a
 * child by (parent id, name); children are a doubly linked list of ids.
 *
 * <p>Record layout: {@code int id, byte flags, varint aclId, varint nameLength, name (UTF-8)},
 * then, each when its flag is set, {@code long mzxid, long mtime} ({@link #F_MODIFIED}),
 * {@code long pzxid, int childCreates, int childCount} ({@link #F_PARENT}), {@code int version,
 * int aversion} ({@link #F_VERSIONS}), {@code long ephemeralOwner} ({@link #F_OWNER}), and last
 * {@code varint dataLength, data} unless the data is null or external. The parent group is
 * updated in place once present; any other change writes the record anew elsewhere.
 *
 * <p>A removed node keeps its id and record until {@link #releaseRemoved}, so undoing a removal
 * within a transaction links the same id back. Not thread-safe.
 */
final class NodeStore implements PathIndex.Keys {
    static final int ROOT = 0;
    static final int NONE = -1;
    /** Larger data is kept in its own array, not copied into the slab. */
    static final int INLINE_DATA_MAX_BYTES = 1024;

    private static final int REMOVED = -2;
    private static final int FREE = -1;

    private static final int F_MODIFIED = 1;
    private static final int F_PARENT = 2;
    private static final int F_VERSIONS = 4;
    private static final int F_OWNER = 8;
    private static final int F_DATA_NULL = 16;
    private static final int F_DATA_EXTERNAL = 32;
    private static final int F_ASCII_NAME = 64;

    /** Bytes of the modification group ({@code mzxid, mtime}). */
    private static final int MODIFIED_BYTES = 16;
    /** Bytes of the parent group ({@code pzxid, childCreates, childCount}), and where its child count lies. */
    private static final int PARENT_BYTES = 16;
    private static final int CHILD_COUNT_IN_PARENT = 12;

    private final LongColumn czxid = new LongColumn();
    private final LongColumn ctime = new LongColumn();
    private final LongColumn hashPrefix = new LongColumn();
    private final IntColumn parent = new IntColumn();
    private final IntColumn firstChild = new IntColumn();
    private final IntColumn nextSibling = new IntColumn();
    private final IntColumn prevSibling = new IntColumn();
    private final IntColumn address = new IntColumn();
    private final Slab slab = new Slab();
    private final PathIndex index = new PathIndex(this);
    private final AclTable acls = new AclTable();
    private final Map<Integer, byte[]> externalData = new HashMap<>();
    private int[] freeIds = new int[64];
    private int freeIdCount;
    private int idLimit;
    private int linkedCount;
    private int[] removed = new int[16];
    private int removedCount;
    /** Pages emptied by moving their live records, for tests and measurements. */
    long pagesCompacted;

    /** A node's fields that live in its record, decoded; changed and written back with {@link #update}. */
    static final class Meta {
        int aclId;
        long mzxid;
        long mtime;
        long pzxid;
        int version;
        int aversion;
        int childCreates;
        int childCount;
        long ephemeralOwner;
        int dataLength;
        // where they were read from
        private int flags;
        private byte[] page;
        private int start;
        private int nameAt;
        private int nameLength;
        private int dataAt;

        /** The fields of a node created at {@code zxid}: no changes, children or versions yet. */
        static Meta created(long zxid, long timeMs, long ephemeralOwner) {
            Meta m = new Meta();
            m.mzxid = zxid;
            m.mtime = timeMs;
            m.pzxid = zxid;
            m.ephemeralOwner = ephemeralOwner;
            return m;
        }

        /** The fields of a node as a snapshot stored it. */
        static Meta of(NodeRecord r) {
            Meta m = new Meta();
            m.mzxid = r.mzxid();
            m.mtime = r.mtime();
            m.pzxid = r.pzxid();
            m.version = r.version();
            m.aversion = r.aversion();
            m.childCreates = r.childCreates();
            m.ephemeralOwner = r.ephemeralOwner();
            return m;
        }

        Meta copy() {
            Meta copy = new Meta();
            copy.aclId = aclId;
            copy.mzxid = mzxid;
            copy.mtime = mtime;
            copy.pzxid = pzxid;
            copy.version = version;
            copy.aversion = aversion;
            copy.childCreates = childCreates;
            copy.childCount = childCount;
            copy.ephemeralOwner = ephemeralOwner;
            copy.dataLength = dataLength;
            return copy;
        }
    }

    // ---------------------------------------------------------------- reading

    /** Nodes linked into the tree. */
    int size() {
        return linkedCount;
    }

    /** One past the largest id ever given out. */
    int idLimit() {
        return idLimit;
    }

    /** Whether {@code id} is a node of the tree (not free, not removed). */
    boolean isLinked(int id) {
        return id >= 0 && id < idLimit && address.get(id) != FREE && prevSibling.get(id) != REMOVED;
    }

    /** The node at {@code path}, or {@link #NONE}; a path that is not canonical finds nothing. */
    int find(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || !isLinked(ROOT)) {
            return NONE;
        }
        if (path.length() == 1) {
            return ROOT;
        }
        int node = ROOT;
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            int to = slash < 0 ? path.length() : slash;
            node = index.find(node, path, from, to);
            if (node < 0 || slash < 0) {
                return node;
            }
            from = slash + 1;
        }
    }

    /** The child of {@code parentId} named {@code name}, or {@link #NONE}. */
    int child(int parentId, String name) {
        return index.find(parentId, name, 0, name.length());
    }

    int parent(int id) {
        return parent.get(id);
    }

    int firstChild(int id) {
        return firstChild.get(id);
    }

    int nextSibling(int id) {
        return nextSibling.get(id);
    }

    long czxid(int id) {
        return czxid.get(id);
    }

    long ctime(int id) {
        return ctime.get(id);
    }

    Meta meta(int id) {
        return readMeta(id, new Meta());
    }

    /** As {@link #meta}, into {@code m} (one object reused for many nodes, as a snapshot's read-out does). */
    Meta readMeta(int id, Meta m) {
        m.childCreates = 0;
        m.childCount = 0;
        m.version = 0;
        m.aversion = 0;
        m.ephemeralOwner = 0;
        m.dataLength = 0;
        m.dataAt = 0;
        int at = address.get(id);
        byte[] page = slab.bytes(Slab.page(at));
        int pos = Slab.offset(at);
        m.page = page;
        m.start = pos;
        int flags = page[pos + 4];
        m.flags = flags;
        pos += 5;
        m.aclId = readVarint(page, pos);
        pos += varintSize(m.aclId);
        m.nameLength = readVarint(page, pos);
        pos += varintSize(m.nameLength);
        m.nameAt = pos;
        pos += m.nameLength;
        long created = czxid.get(id);
        if ((flags & F_MODIFIED) != 0) {
            m.mzxid = Slab.getLong(page, pos);
            m.mtime = Slab.getLong(page, pos + 8);
            pos += MODIFIED_BYTES;
        } else {
            m.mzxid = created;
            m.mtime = ctime.get(id);
        }
        if ((flags & F_PARENT) != 0) {
            m.pzxid = Slab.getLong(page, pos);
            m.childCreates = Slab.getInt(page, pos + 8);
            m.childCount = Slab.getInt(page, pos + CHILD_COUNT_IN_PARENT);
            pos += PARENT_BYTES;
        } else {
            m.pzxid = created;
        }
        if ((flags & F_VERSIONS) != 0) {
            m.version = Slab.getInt(page, pos);
            m.aversion = Slab.getInt(page, pos + 4);
            pos += 8;
        }
        if ((flags & F_OWNER) != 0) {
            m.ephemeralOwner = Slab.getLong(page, pos);
            pos += 8;
        }
        if ((flags & F_DATA_EXTERNAL) != 0) {
            m.dataLength = externalData.get(id).length;
        } else if ((flags & F_DATA_NULL) == 0) {
            m.dataLength = readVarint(page, pos);
            m.dataAt = pos + varintSize(m.dataLength);
        }
        return m;
    }

    /** The node's data as stored ({@code null} stays {@code null}); inline data is copied out. */
    byte[] data(int id) {
        return data(id, meta(id));
    }

    /** The data of node {@code id}, whose fields {@code m} were just read. */
    byte[] data(int id, Meta m) {
        if ((m.flags & F_DATA_NULL) != 0) {
            return null;
        }
        if ((m.flags & F_DATA_EXTERNAL) != 0) {
            return externalData.get(id);
        }
        return Arrays.copyOfRange(m.page, m.dataAt, m.dataAt + m.dataLength);
    }

    List<Acl> acl(int id) {
        return acls.list(meta(id).aclId);
    }

    List<Acl> aclList(int aclId) {
        return acls.list(aclId);
    }

    long ephemeralOwner(int id) {
        return meta(id).ephemeralOwner;
    }

    int childCount(int id) {
        return meta(id).childCount;
    }

    String name(int id) {
        int at = address.get(id);
        byte[] page = slab.bytes(Slab.page(at));
        int start = Slab.offset(at);
        long span = nameSpan(page, start);
        return new String(page, spanStart(span), spanLength(span),
                (page[start + 4] & F_ASCII_NAME) != 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * Where a record's name lies in its page, read without decoding anything after it (the index
     * asks for names on every lookup and rehashes every node when it grows): the name's offset in
     * the high 32 bits, its length in bytes in the low 32 (see {@link #spanStart}, {@link #spanLength}).
     */
    private static long nameSpan(byte[] page, int recordStart) {
        int pos = recordStart + 5;
        pos += varintSize(readVarint(page, pos)); // the ACL id
        int length = readVarint(page, pos);
        return ((long) (pos + varintSize(length)) << 32) | length;
    }

    private static int spanStart(long span) {
        return (int) (span >>> 32);
    }

    private static int spanLength(long span) {
        return (int) span;
    }

    /** The node's full path, from the names of it and its ancestors. */
    String path(int id) {
        if (id == ROOT) {
            return "/";
        }
        int depth = 0;
        for (int at = id; at != ROOT; at = parent.get(at)) {
            depth++;
        }
        String[] names = new String[depth];
        int i = depth;
        for (int at = id; at != ROOT; at = parent.get(at)) {
            names[--i] = name(at);
        }
        StringBuilder path = new StringBuilder();
        for (String name : names) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    /** The path of a child of the node at {@code parentPath}. */
    String childPath(String parentPath, int id) {
        String name = name(id);
        return parentPath.length() == 1 ? "/" + name : parentPath + "/" + name;
    }

    /**
     * The names of a node's children, of which it has {@code count}, newest first: their UTF-8
     * bytes copied out of the records into one array, no string made per child (a reply writes the
     * bytes as they are; see {@link EncodedStrings}).
     */
    List<String> childNames(int id, int count) {
        EncodedStrings.Builder names = new EncodedStrings.Builder(count);
        for (int child = firstChild.get(id); child != NONE; child = nextSibling.get(child)) {
            int at = address.get(child);
            byte[] page = slab.bytes(Slab.page(at));
            long span = nameSpan(page, Slab.offset(at));
            names.add(page, spanStart(span), spanLength(span));
        }
        return names.build();
    }

    Stat stat(int id) {
        return stat(id, meta(id));
    }

    /** The Stat of node {@code id}, whose fields {@code m} were just read. */
    Stat stat(int id, Meta m) {
        return new Stat(czxid.get(id), m.mzxid, ctime.get(id), m.mtime, m.version, m.childCreates * 2 - m.childCount,
                m.aversion, EphemeralOwner.visible(m.ephemeralOwner), m.dataLength, m.childCount, m.pzxid);
    }

    /** The number of nodes below node {@code id}. */
    int descendantCount(int id) {
        int count = 0;
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = id;
        while (top > 0) {
            int at = stack[--top];
            for (int child = firstChild.get(at); child != NONE; child = nextSibling.get(child)) {
                count++;
                if (top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = child;
            }
        }
        return count;
    }

    /** The node's hash (see {@link NodeHash}), from its stored prefix: its data is not hashed again. */
    long hash(int id) {
        return hash(id, meta(id));
    }

    /** As {@link #hash(int)}, with the node's record fields {@code m} as just read or stored. */
    long hash(int id, Meta m) {
        return NodeHash.of(hashPrefix.get(id), acls.words(m.aclId), czxid.get(id), m.mzxid, ctime.get(id), m.mtime,
                m.pzxid, m.version, m.aversion, m.childCreates, m.ephemeralOwner);
    }

    /** The node as snapshots store it. */
    NodeRecord record(int id, String path) {
        Meta m = meta(id);
        return new NodeRecord(path, data(id, m), acls.list(m.aclId), czxid.get(id), m.mzxid, ctime.get(id), m.mtime,
                m.pzxid, m.version, m.aversion, m.childCreates, m.ephemeralOwner);
    }

    /**
     * Hands node {@code id} to {@code sink} as snapshots store it, without copying its data: its
     * path is its parent's ({@code parentPath[0, parentPathLength)} in UTF-8, "/" for the root)
     * and its name, built in {@code path}, which is grown when too small and returned.
     */
    byte[] emit(int id, byte[] parentPath, int parentPathLength, byte[] path, Meta m, SnapshotNodeSink sink) {
        readMeta(id, m);
        int pathLength;
        if (id == ROOT) {
            path[0] = '/';
            pathLength = 1;
        } else {
            int prefix = parentPathLength == 1 ? 0 : parentPathLength; // the root's children: "/name"
            pathLength = prefix + 1 + m.nameLength;
            if (path.length < pathLength) {
                path = Arrays.copyOf(path, Math.max(pathLength, path.length * 2));
            }
            System.arraycopy(parentPath, 0, path, 0, prefix);
            path[prefix] = '/';
            System.arraycopy(m.page, m.nameAt, path, prefix + 1, m.nameLength);
        }
        byte[] data;
        int dataOffset = 0;
        int dataLength = m.dataLength;
        if ((m.flags & F_DATA_NULL) != 0) {
            data = null;
            dataLength = -1;
        } else if ((m.flags & F_DATA_EXTERNAL) != 0) {
            data = externalData.get(id);
        } else {
            data = m.page;
            dataOffset = m.dataAt;
        }
        sink.node(path, pathLength, data, dataOffset, dataLength, acls.list(m.aclId), czxid.get(id), m.mzxid,
                ctime.get(id), m.mtime, m.pzxid, m.version, m.aversion, m.childCreates, m.ephemeralOwner);
        return path;
    }

    /** The node's path length in chars plus its data length, summed over the subtree at {@code id}. */
    long approximateDataSize() {
        if (!isLinked(ROOT)) {
            return 0;
        }
        long total = 0;
        int[] stack = new int[64];
        int[] pathLength = new int[64];
        int top = 0;
        stack[0] = ROOT;
        pathLength[0] = 1;
        top = 1;
        while (top > 0) {
            top--;
            int id = stack[top];
            int length = pathLength[top];
            total += length + meta(id).dataLength;
            for (int child = firstChild.get(id); child != NONE; child = nextSibling.get(child)) {
                if (top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                    pathLength = Arrays.copyOf(pathLength, top * 2);
                }
                stack[top] = child;
                pathLength[top] = (id == ROOT ? 0 : length) + 1 + name(child).length();
                top++;
            }
        }
        return total;
    }

    // ---------------------------------------------------------------- PathIndex.Keys

    @Override
    public int hashOf(int id) {
        // Only as far as the name: decoding the whole meta here took over a third of a 1M-node restart.
        int at = address.get(id);
        byte[] page = slab.bytes(Slab.page(at));
        int start = Slab.offset(at);
        long span = nameSpan(page, start);
        int pos = spanStart(span);
        int nameLength = spanLength(span);
        if ((page[start + 4] & F_ASCII_NAME) != 0) {
            return PathIndex.hashAscii(parent.get(id), page, pos, pos + nameLength);
        }
        String name = new String(page, pos, nameLength, StandardCharsets.UTF_8);
        return PathIndex.hash(parent.get(id), name, 0, name.length());
    }

    @Override
    public boolean matches(int id, int parentId, String path, int from, int to) {
        if (parent.get(id) != parentId) {
            return false;
        }
        int at = address.get(id);
        byte[] page = slab.bytes(Slab.page(at));
        int start = Slab.offset(at);
        long span = nameSpan(page, start);
        int pos = spanStart(span);
        int nameLength = spanLength(span);
        if ((page[start + 4] & F_ASCII_NAME) != 0) {
            if (nameLength != to - from) {
                return false;
            }
            for (int i = 0; i < nameLength; i++) {
                if (page[pos + i] != path.charAt(from + i)) {
                    return false;
                }
            }
            return true;
        }
        String name = new String(page, pos, nameLength, StandardCharsets.UTF_8);
        return name.length() == to - from && path.regionMatches(from, name, 0, name.length());
    }

    // ---------------------------------------------------------------- changing

    /** Sizes the path index for {@code count} nodes in all, ahead of adding them (a restore). */
    void reserve(int count) {
        index.reserve(count);
    }

    /** Creates the root node (id 0), in an empty store. */
    void createRoot(byte[] data, List<Acl> acl, Meta fields, long rootCzxid, long rootCtime) {
        if (idLimit != 0) {
            throw new IllegalStateException("the store already has nodes");
        }
        int id = newId();
        parent.set(id, NONE);
        store(id, new byte[0], fields, rootCzxid, rootCtime, data, acl, "/");
        linkedCount++;
    }

    /**
     * Adds a node under {@code parentId} with the given record fields (their child count must be 0)
     * and links it; the parent's child count follows, its other fields are the caller's. Returns its id.
     */
    int insert(int parentId, String name, String path, byte[] data, List<Acl> acl, Meta fields, long nodeCzxid,
            long nodeCtime) {
        int id = newId();
        parent.set(id, parentId);
        store(id, name.getBytes(StandardCharsets.UTF_8), fields, nodeCzxid, nodeCtime, data, acl, path);
        link(id);
        return id;
    }

    private void store(int id, byte[] name, Meta fields, long nodeCzxid, long nodeCtime, byte[] data, List<Acl> acl,
            String path) {
        czxid.set(id, nodeCzxid);
        ctime.set(id, nodeCtime);
        firstChild.set(id, NONE);
        nextSibling.set(id, NONE);
        prevSibling.set(id, NONE);
        fields.aclId = acls.acquire(acl);
        hashPrefix.set(id, NodeHash.prefix(path, data));
        int nameFlag = isAscii(name) ? F_ASCII_NAME : 0;
        address.set(id, writeNew(id, nameFlag, name, 0, name.length, fields, data));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private int newId() {
        if (freeIdCount > 0) {
            return freeIds[--freeIdCount];
        }
        int id = idLimit++;
        czxid.ensure(id);
        ctime.ensure(id);
        hashPrefix.ensure(id);
        parent.ensure(id);
        firstChild.ensure(id);
        nextSibling.ensure(id);
        prevSibling.ensure(id);
        address.ensure(id);
        return id;
    }

    /** Links a node that has its record into its parent's children and the index. */
    private void link(int id) {
        int parentId = parent.get(id);
        int first = firstChild.get(parentId);
        nextSibling.set(id, first);
        prevSibling.set(id, NONE);
        if (first != NONE) {
            prevSibling.set(first, id);
        }
        firstChild.set(parentId, id);
        index.add(id, hashOf(id));
        countChildAdded(parentId);
        linkedCount++;
    }

    /**
     * One more child of {@code id}: in place when its record has the parent group (it keeps it with
     * one child more), as {@link #write} would do, without decoding the record twice; a restore
     * links every node through here.
     */
    private void countChildAdded(int id) {
        int at = address.get(id);
        byte[] page = slab.bytes(Slab.page(at));
        int start = Slab.offset(at);
        int flags = page[start + 4];
        if ((flags & F_PARENT) == 0) {
            Meta p = meta(id);
            p.childCount++;
            write(id, p, true, -1);
            return;
        }
        long span = nameSpan(page, start);
        int childCountAt = parentGroupAt(flags, spanStart(span) + spanLength(span)) + CHILD_COUNT_IN_PARENT;
        Slab.putInt(page, childCountAt, Slab.getInt(page, childCountAt) + 1);
    }

    /** Takes a node out of the tree; it keeps its id and record until {@link #releaseRemoved}. */
    void unlink(int id) {
        int parentId = parent.get(id);
        index.remove(id, hashOf(id));
        int prev = prevSibling.get(id);
        int next = nextSibling.get(id);
        if (prev == NONE) {
            firstChild.set(parentId, next);
        } else {
            nextSibling.set(prev, next);
        }
        if (next != NONE) {
            prevSibling.set(next, prev);
        }
        prevSibling.set(id, REMOVED);
        nextSibling.set(id, NONE);
        Meta p = meta(parentId);
        p.childCount--;
        write(parentId, p, true, -1);
        linkedCount--;
        if (removedCount == removed.length) {
            removed = Arrays.copyOf(removed, removedCount * 2);
        }
        removed[removedCount++] = id;
    }

    /** Links a node removed in the same transaction back (undo). */
    void relink(int id) {
        if (prevSibling.get(id) != REMOVED) {
            throw new IllegalStateException("node " + id + " was not removed");
        }
        link(id);
    }

    /** Frees the ids and records of nodes removed and not linked back since the last call. */
    void releaseRemoved() {
        for (int i = 0; i < removedCount; i++) {
            int id = removed[i];
            if (address.get(id) != FREE && prevSibling.get(id) == REMOVED) {
                free(id);
            }
        }
        removedCount = 0;
    }

    private void free(int id) {
        Meta m = meta(id);
        acls.release(m.aclId);
        externalData.remove(id);
        int at = address.get(id);
        address.set(id, FREE);
        freeRecord(at, recordSize(m.page, m.start));
        if (freeIdCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeIdCount * 2);
        }
        freeIds[freeIdCount++] = id;
    }

    /**
     * Writes the record fields of {@code fields} to node {@code id}, but not its ACL, child count or
     * data length, which only {@link #setAcl}, linking and {@link #setData} change: in place when the
     * record's layout stays the same, else as a new record.
     */
    void update(int id, Meta fields) {
        write(id, fields, false, -1);
    }

    private void write(int id, Meta fields, boolean childCountToo, int newAclId) {
        Meta old = meta(id);
        if (!childCountToo) {
            fields.childCount = old.childCount;
        }
        fields.aclId = newAclId >= 0 ? newAclId : old.aclId;
        fields.dataLength = old.dataLength;
        int flags = layoutFlags(fields, czxid.get(id), ctime.get(id)) | (old.flags & (F_DATA_NULL | F_DATA_EXTERNAL
                | F_ASCII_NAME));
        if (flags == old.flags && fields.aclId == old.aclId) {
            writeFields(old.page, old.nameAt + old.nameLength, flags, fields);
            return;
        }
        int at = writeRecord(id, flags, old.page, old.nameAt, old.nameLength, fields, old.page, old.dataAt);
        replace(id, at, old);
    }

    /** Changes the ACL: interns the new list and lets go of the old one. */
    void setAcl(int id, List<Acl> acl, Meta fields) {
        int oldAclId = meta(id).aclId;
        write(id, fields, false, acls.acquire(acl));
        acls.release(oldAclId);
    }

    /** Replaces the data (the node's record fields from {@code fields}); its hash prefix is computed once. */
    void setData(int id, String path, byte[] data, Meta fields) {
        Meta old = meta(id);
        externalData.remove(id);
        fields.aclId = old.aclId;
        fields.childCount = old.childCount;
        int at = writeNew(id, old.flags & F_ASCII_NAME, old.page, old.nameAt, old.nameLength, fields, data);
        replace(id, at, old);
        hashPrefix.set(id, NodeHash.prefix(path, data));
    }

    private void replace(int id, int newAddress, Meta old) {
        int oldAddress = address.get(id);
        address.set(id, newAddress);
        freeRecord(oldAddress, recordSize(old.page, old.start));
    }

    /** Writes a new record with {@code data}, kept inline, null or external; returns its address. */
    private int writeNew(int id, int nameFlag, byte[] name, int nameAt, int nameLength, Meta fields, byte[] data) {
        int flags = layoutFlags(fields, czxid.get(id), ctime.get(id)) | nameFlag;
        if (data == null) {
            flags |= F_DATA_NULL;
            fields.dataLength = 0;
        } else if (data.length > INLINE_DATA_MAX_BYTES) {
            flags |= F_DATA_EXTERNAL;
            externalData.put(id, data);
            fields.dataLength = data.length;
        } else {
            fields.dataLength = data.length;
        }
        return writeRecord(id, flags, name, nameAt, nameLength, fields, data, 0);
    }

    private static int layoutFlags(Meta f, long nodeCzxid, long nodeCtime) {
        int flags = 0;
        if (f.mzxid != nodeCzxid || f.mtime != nodeCtime) {
            flags |= F_MODIFIED;
        }
        if (f.pzxid != nodeCzxid || f.childCreates != 0 || f.childCount != 0) {
            flags |= F_PARENT;
        }
        if (f.version != 0 || f.aversion != 0) {
            flags |= F_VERSIONS;
        }
        if (f.ephemeralOwner != 0) {
            flags |= F_OWNER;
        }
        return flags;
    }

    /** Writes a record; inline data (if the flags say so) is {@code fields.dataLength} bytes of {@code data} at {@code dataAt}. */
    private int writeRecord(int id, int flags, byte[] name, int nameAt, int nameLength, Meta fields, byte[] data,
            int dataAt) {
        boolean inline = (flags & (F_DATA_NULL | F_DATA_EXTERNAL)) == 0;
        int size = 5 + varintSize(fields.aclId) + varintSize(nameLength) + nameLength + groupBytes(flags)
                + (inline ? varintSize(fields.dataLength) + fields.dataLength : 0);
        int at = slab.allocate(size);
        byte[] page = slab.bytes(Slab.page(at));
        int pos = Slab.offset(at);
        Slab.putInt(page, pos, id);
        page[pos + 4] = (byte) flags;
        pos = writeVarint(page, pos + 5, fields.aclId);
        pos = writeVarint(page, pos, nameLength);
        System.arraycopy(name, nameAt, page, pos, nameLength);
        pos = writeFields(page, pos + nameLength, flags, fields);
        if (inline) {
            pos = writeVarint(page, pos, fields.dataLength);
            System.arraycopy(data, dataAt, page, pos, fields.dataLength);
        }
        return at;
    }

    private static int groupBytes(int flags) {
        return parentGroupAt(flags, 0) + ((flags & F_PARENT) != 0 ? PARENT_BYTES : 0)
                + ((flags & F_VERSIONS) != 0 ? 8 : 0) + ((flags & F_OWNER) != 0 ? 8 : 0);
    }

    /** Where the parent group lies in a record with {@code flags} whose groups start at {@code groupsAt}. */
    private static int parentGroupAt(int flags, int groupsAt) {
        return groupsAt + ((flags & F_MODIFIED) != 0 ? MODIFIED_BYTES : 0);
    }

    /** Writes the optional groups the flags name at {@code pos}; returns the position after them. */
    private static int writeFields(byte[] page, int pos, int flags, Meta f) {
        if ((flags & F_MODIFIED) != 0) {
            Slab.putLong(page, pos, f.mzxid);
            Slab.putLong(page, pos + 8, f.mtime);
            pos += MODIFIED_BYTES;
        }
        if ((flags & F_PARENT) != 0) {
            Slab.putLong(page, pos, f.pzxid);
            Slab.putInt(page, pos + 8, f.childCreates);
            Slab.putInt(page, pos + CHILD_COUNT_IN_PARENT, f.childCount);
            pos += PARENT_BYTES;
        }
        if ((flags & F_VERSIONS) != 0) {
            Slab.putInt(page, pos, f.version);
            Slab.putInt(page, pos + 4, f.aversion);
            pos += 8;
        }
        if ((flags & F_OWNER) != 0) {
            Slab.putLong(page, pos, f.ephemeralOwner);
            pos += 8;
        }
        return pos;
    }

    /** The size of the record at {@code pos}, from its header. */
    private static int recordSize(byte[] page, int pos) {
        int flags = page[pos + 4];
        int at = pos + 5;
        at += varintSize(readVarint(page, at));
        int nameLength = readVarint(page, at);
        at += varintSize(nameLength) + nameLength + groupBytes(flags);
        if ((flags & (F_DATA_NULL | F_DATA_EXTERNAL)) == 0) {
            int dataLength = readVarint(page, at);
            at += varintSize(dataLength) + dataLength;
        }
        return at - pos;
    }

    private void freeRecord(int at, int size) {
        int page = slab.free(at, size);
        if (page >= 0) {
            compact(page);
        }
    }

    /** Moves the live records out of a page that is mostly free, and drops the page. */
    private void compact(int page) {
        byte[] bytes = slab.bytes(page);
        int used = slab.used(page);
        for (int pos = 0; pos < used; ) {
            int size = recordSize(bytes, pos);
            int id = Slab.getInt(bytes, pos);
            if (id >= 0 && id < idLimit && address.get(id) == Slab.address(page, pos)) {
                int moved = slab.allocate(size);
                System.arraycopy(bytes, pos, slab.bytes(Slab.page(moved)), Slab.offset(moved), size);
                address.set(id, moved);
            }
            pos += Slab.roundUp(size);
        }
        slab.release(page);
        pagesCompacted++;
    }

    // ---------------------------------------------------------------- memory accounting

    /** Bytes of slab pages held and bytes live in them, and index slots, for measurements. */
    String layoutSummary() {
        return "nodes=" + linkedCount + " ids=" + idLimit + " slabHeld=" + slab.heldBytes() + " slabLive="
                + slab.liveBytes() + " indexSlots=" + index.capacity() + " acls=" + acls.size() + " external="
                + externalData.size();
    }

    // ---------------------------------------------------------------- varints

    private static int varintSize(int value) {
        if ((value & ~0x7F) == 0) {
            return 1;
        }
        if ((value & ~0x3FFF) == 0) {
            return 2;
        }
        if ((value & ~0x1F_FFFF) == 0) {
            return 3;
        }
        if ((value & ~0xFFF_FFFF) == 0) {
            return 4;
        }
        return 5;
    }

    private static int writeVarint(byte[] page, int pos, int value) {
        while ((value & ~0x7F) != 0) {
            page[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        page[pos++] = (byte) value;
        return pos;
    }

    private static int readVarint(byte[] page, int pos) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = page[pos++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
