package io.warden.client;

import io.warden.wire.Acl;
import java.util.List;
import java.util.Objects;

/**
 * One operation of a {@code multi} (writes, applied all or nothing) or of a {@code multiRead}
 * (reads, each answered on its own). Paths are as the application sees them; the client adds its
 * chroot.
 */
public sealed interface Op permits Op.Create, Op.Delete, Op.SetData, Op.Check, Op.GetData, Op.GetChildren {

    String path();

    /** True for the operations {@code multiRead} takes; false for those {@code multi} takes. */
    boolean isRead();

    /**
     * Create a node. {@code acl} {@code null} means the client's default ACL. {@code ttlMs} is
     * used by the TTL modes only and must be -1 for the others.
     */
    record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs) implements Op {
        public Create {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
            acl = acl == null ? null : List.copyOf(acl);
            if (mode.isTtl() ? ttlMs <= 0 : ttlMs != -1) {
                throw new IllegalArgumentException(mode.isTtl()
                        ? "a TTL mode needs a positive ttlMs, not " + ttlMs
                        : "ttlMs is for the TTL modes only; " + mode + " takes -1, not " + ttlMs);
            }
        }

        @Override
        public boolean isRead() {
            return false;
        }
    }

    /** Delete a node; {@code version} -1 matches any version. */
    record Delete(String path, int version) implements Op {
        public Delete {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean isRead() {
            return false;
        }
    }

    /** Replace a node's data; {@code version} -1 matches any version. */
    record SetData(String path, byte[] data, int version) implements Op {
        public SetData {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean isRead() {
            return false;
        }
    }

    /** Fail the multi unless the node exists with this version (-1: any version). */
    record Check(String path, int version) implements Op {
        public Check {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean isRead() {
            return false;
        }
    }

    /** Read a node's data (multiRead only; no watch is set). */
    record GetData(String path) implements Op {
        public GetData {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean isRead() {
            return true;
        }
    }

    /** Read a node's child names (multiRead only; no watch is set). */
    record GetChildren(String path) implements Op {
        public GetChildren {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean isRead() {
            return true;
        }
    }

    static Create create(String path, byte[] data, CreateMode mode) {
        return new Create(path, data, null, mode, -1);
    }

    static Create create(String path, byte[] data, List<Acl> acl, CreateMode mode) {
        return new Create(path, data, acl, mode, -1);
    }

    static Create createWithTtl(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs) {
        return new Create(path, data, acl, mode, ttlMs);
    }

    static Delete delete(String path, int version) {
        return new Delete(path, version);
    }

    static SetData setData(String path, byte[] data, int version) {
        return new SetData(path, data, version);
    }

    static Check check(String path, int version) {
        return new Check(path, version);
    }

    static GetData getData(String path) {
        return new GetData(path);
    }

    static GetChildren getChildren(String path) {
        return new GetChildren(path);
    }
}
