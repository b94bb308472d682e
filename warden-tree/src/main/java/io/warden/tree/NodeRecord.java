package io.warden.tree;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.warden.wire.Acl;

/**
 * One znode as snapshots store it: everything but the child list, which follows from the paths.
 * {@code childCreates} is ZooKeeper's stored cversion (child creates ever made); the cversion
 * clients see is derived from it and the number of children.
 */
public record NodeRecord(
        String path,
        byte[] data,
        List<Acl> acl,
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        long pzxid,
        int version,
        int aversion,
        int childCreates,
        long ephemeralOwner) {

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeRecord r && path.equals(r.path) && Arrays.equals(data, r.data) && acl.equals(r.acl)
                && czxid == r.czxid && mzxid == r.mzxid && ctime == r.ctime && mtime == r.mtime && pzxid == r.pzxid
                && version == r.version && aversion == r.aversion && childCreates == r.childCreates
                && ephemeralOwner == r.ephemeralOwner;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(data), czxid, mzxid, version);
    }

    @Override
    public String toString() {
        return "NodeRecord[" + path + " czxid=" + Long.toHexString(czxid) + " mzxid=" + Long.toHexString(mzxid)
                + " v=" + version + " bytes=" + (data == null ? "null" : data.length) + "]";
    }
}
