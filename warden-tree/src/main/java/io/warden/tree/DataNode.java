package io.warden.tree;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.warden.wire.Acl;
import io.warden.wire.Stat;

/** One znode. Mutable, owned by {@link DataTree} alone. */
final class DataNode {
    byte[] data;
    List<Acl> acl;
    final long czxid;
    final long ctime;
    long mzxid;
    long mtime;
    long pzxid;
    int version;
    int aversion;
    /** ZooKeeper's stored cversion: successful child creates ever made under this node. */
    int childCreates;
    final long ephemeralOwner;
    private Set<String> children;
    /** The hash chain's prefix over the path and {@link #hashedData}, see {@link NodeHash}. */
    private long hashPrefix;
    /** The data array {@link #hashPrefix} was computed from; a new array is hashed once. */
    private byte[] hashedData;
    private boolean hashed;

    DataNode(byte[] data, List<Acl> acl, long zxid, long timeMs, long ephemeralOwner) {
        this.data = data;
        this.acl = acl;
        this.czxid = zxid;
        this.mzxid = zxid;
        this.pzxid = zxid;
        this.ctime = timeMs;
        this.mtime = timeMs;
        this.ephemeralOwner = ephemeralOwner;
    }

    Set<String> children() {
        return children == null ? Set.of() : children;
    }

    int childCount() {
        return children == null ? 0 : children.size();
    }

    void addChild(String name) {
        if (children == null) {
            children = new HashSet<>(4);
        }
        children.add(name);
    }

    void removeChild(String name) {
        if (children != null) {
            children.remove(name);
            if (children.isEmpty()) {
                children = null;
            }
        }
    }

    /** This node's hash; its data is hashed only when it is an array not hashed before. */
    long hash(String path) {
        if (!hashed || hashedData != data) {
            hashPrefix = NodeHash.prefix(path, data);
            hashedData = data;
            hashed = true;
        }
        return NodeHash.of(hashPrefix, NodeHash.aclWords(acl), czxid, mzxid, ctime, mtime, pzxid, version, aversion,
                childCreates, ephemeralOwner);
    }

    int dataLength() {
        return data == null ? 0 : data.length;
    }

    /** The Stat clients see; cversion counts creates and deletes of children. */
    Stat stat() {
        int numChildren = childCount();
        return new Stat(czxid, mzxid, ctime, mtime, version, childCreates * 2 - numChildren, aversion,
                EphemeralOwner.visible(ephemeralOwner), dataLength(), numChildren, pzxid);
    }
}
