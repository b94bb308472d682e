package io.warden.tree;

import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;

/** The outcome of applying a transaction or answering a read. */
public sealed interface OpResult {

    record Created(String path, Stat stat) implements OpResult {
    }

    record Deleted() implements OpResult {
    }

    /** setData, setACL and the reads that return only a Stat. */
    record StatResult(Stat stat) implements OpResult {
    }

    record Checked() implements OpResult {
    }

    record MultiResult(List<OpResult> results) implements OpResult {
    }

    record SessionCreated(long sessionId) implements OpResult {
    }

    record SessionClosed(long sessionId) implements OpResult {
    }

    record Failed(ErrorCode code) implements OpResult {
    }

    /** getData: the data exactly as stored ({@code null} stays {@code null}) and the Stat. */
    record DataResult(byte[] data, Stat stat) implements OpResult {
    }

    /** getChildren and getChildren2: child names in no particular order, and the parent's Stat. */
    record ChildrenResult(List<String> children, Stat stat) implements OpResult {
    }

    record AclResult(List<Acl> acl, Stat stat) implements OpResult {
    }

    record CountResult(int count) implements OpResult {
    }

    record PathsResult(List<String> paths) implements OpResult {
    }

    /** True unless this is a failure (a multi's results carry their own failures). */
    default boolean ok() {
        return !(this instanceof Failed);
    }
}
