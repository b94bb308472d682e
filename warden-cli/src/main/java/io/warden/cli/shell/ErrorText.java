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
            default -> "KeeperErrorCode = " + codeName(code) + (path.isEmpty() ? "" : " for " + path);
        };
    }

    /** ZooKeeper's KeeperException message: {@code KeeperErrorCode = NoAuth for /x}. */
    static String keeperMessage(WardenException failure) {
        String path = failure.path() == null ? "" : failure.path();
        return "KeeperErrorCode = " + codeName(failure.code()) + (path.isEmpty() ? "" : " for " + path);
    }

    /** The name ZooKeeper's messages give an error code. */
    static String codeName(ErrorCode code) {
        return switch (code) {
            case SYSTEMERROR -> "SystemError";
            case NONODE -> "NoNode";
            case NOAUTH -> "NoAuth";
            case BADVERSION -> "BadVersion";
            case NOCHILDRENFOREPHEMERALS -> "NoChildrenForEphemerals";
            case NODEEXISTS -> "NodeExists";
            case NOTEMPTY -> "Directory not empty";
            case INVALIDACL -> "InvalidACL";
            case SESSIONMOVED -> "Session moved";
            case CONNECTIONLOSS -> "ConnectionLoss";
            case SESSIONEXPIRED -> "Session expired";
            case NOWATCHER -> "No such watcher";
            case UNIMPLEMENTED -> "Unimplemented";
            case AUTHFAILED -> "AuthFailed";
            case BADARGUMENTS -> "BadArguments";
            case OPERATIONTIMEOUT -> "OperationTimeout";
            case REQUESTTIMEOUT -> "Request timeout";
            case QUOTAEXCEEDED -> "Quota has exceeded";
            case RECONFIGDISABLED -> "Reconfig is disabled";
            case THROTTLEDOP -> "Op throttled due to high load";
            default -> code.name();
        };
    }
}
