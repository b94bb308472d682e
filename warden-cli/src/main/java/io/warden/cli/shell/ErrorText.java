package io.warden.cli.shell;

import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;

/** A failed operation as zkCli reports it, for example {@code Node does not exist: /x}. */
final class ErrorText {
    private ErrorText() {
    }

    static String of(WardenException failure) {
        String path = failure.path() == null ? "" : failure.path();
        ErrorCode code = failure.code();
        return switch (code) {
            case NONODE -> "Node does not exist: " + path;
            case NODEEXISTS -> "Node already exists: " + path;
            case NOTEMPTY -> "Node not empty: " + path;
            case BADVERSION -> "version No is not valid : " + path;
            case NOAUTH -> "Insufficient permission : " + path;
            case NOCHILDRENFOREPHEMERALS -> "Ephemerals cannot have children: " + path;
            case INVALIDACL -> "Acl is not valid : " + path;
            default -> "KeeperErrorCode = " + code.keeperName() + (path.isEmpty() ? "" : " for " + path);
        };
    }

    /** ZooKeeper's KeeperException message: {@code KeeperErrorCode = NoAuth for /x}. */
    static String keeperMessage(WardenException failure) {
        String path = failure.path() == null ? "" : failure.path();
        return "KeeperErrorCode = " + failure.code().keeperName() + (path.isEmpty() ? "" : " for " + path);
    }
}
